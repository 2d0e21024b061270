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

    implicitWidth: 420
    implicitHeight: Math.max(Theme.touchTarget * 2, body.implicitHeight + topPadding + bottomPadding)
    padding: 22
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

        x: tile.leftPadding
        anchors.verticalCenter: parent.verticalCenter
        name: tile.pictogram
        size: Math.round(Theme.touchTarget * 1.4)
    }

    Column {
        id: body

        x: picture.visible ? picture.x + picture.width + 22 : tile.leftPadding
        width: tile.width - x - tile.rightPadding
        anchors.verticalCenter: parent.verticalCenter
        spacing: 8

        Text {
            width: body.width
            text: tile.text
            color: Theme.primary
            font.family: Theme.fontFamily
            font.pixelSize: Math.round(Theme.buttonSize * 1.1)
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
        }

        Text {
            width: body.width
            text: tile.description
            visible: text !== ""
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.smallSize
            wrapMode: Text.WordWrap
        }

        Label {
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
