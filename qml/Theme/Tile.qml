// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Controls.Basic
import Relais.Theme

// A large choice on a menu screen: a pictogram, a short name and one plain sentence.
// Positioners with explicit widths, not layouts: wrapped text must push what follows down at
// once, whatever height the grid gives the tile.
AbstractButton {
    id: tile

    property string pictogram: ""
    property string description: ""
    // A short remark shown as a label, e.g. that the service is not offered yet.
    property string note: ""
    // A large block rather than a row: the pictogram above, the words under it, centred. Set by
    // its grid when a screen's few choices stand side by side.
    property bool upright: false
    readonly property bool narrow: width < Theme.touchTarget * 7
    readonly property real gap: narrow && !upright ? 16 : 22

    implicitWidth: 420
    implicitHeight: upright ? picture.height + gap + body.implicitHeight + topPadding + bottomPadding : Math.max(Theme.touchTarget * 2, body.implicitHeight + topPadding + bottomPadding)
    padding: 16
    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button
    Accessible.name: text
    Accessible.description: description

    background: Rectangle {
        radius: Theme.radius
        color: tile.down ? Theme.primarySoft : Theme.surface
        border.width: tile.visualFocus ? 5 : 2
        border.color: tile.visualFocus ? Theme.focus : Theme.border
    }

    Pictogram {
        id: picture

        x: tile.upright ? (tile.width - width) / 2 : tile.leftPadding
        y: tile.upright ? (tile.height - height - tile.gap - body.height) / 2 : (tile.height - height) / 2
        name: tile.pictogram
        // Smaller beside the words in a narrow tile (three across 1280 pixels), which leaves
        // them the width to wrap less.
        size: Math.round(Theme.touchTarget * (tile.upright ? 2.5 : tile.narrow ? 1.1 : 1.4))
    }

    Column {
        id: body

        x: picture.visible && !tile.upright ? picture.x + picture.width + tile.gap : tile.leftPadding
        y: tile.upright ? picture.y + picture.height + tile.gap : (tile.height - height) / 2
        width: tile.width - x - tile.rightPadding
        spacing: 4

        Text {
            width: body.width
            text: tile.text
            color: Theme.primary
            font.family: Theme.fontFamily
            font.pixelSize: Math.round(Theme.buttonSize * (tile.upright ? 1.3 : 1.1))
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
            horizontalAlignment: tile.upright ? Text.AlignHCenter : Text.AlignLeft
        }

        Text {
            width: body.width
            text: tile.description
            visible: text !== ""
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: tile.upright ? Theme.bodySize : Theme.smallSize
            wrapMode: Text.WordWrap
            horizontalAlignment: tile.upright ? Text.AlignHCenter : Text.AlignLeft
        }

        Label {
            x: tile.upright ? (body.width - width) / 2 : 0
            width: Math.min(implicitWidth, body.width)
            text: tile.note
            visible: text !== ""
            color: Theme.onNotice
            font.family: Theme.fontFamily
            font.pixelSize: Theme.smallSize
            font.weight: Font.DemiBold
            wrapMode: Text.WordWrap
            padding: 6
            leftPadding: 12
            rightPadding: 12
            background: Rectangle {
                color: Theme.notice
                radius: 8
            }
        }
    }
}
