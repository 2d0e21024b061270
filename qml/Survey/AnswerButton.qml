// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Controls.Basic
import Relais.Theme

// One answer of a survey question: a large target with an optional pictogram (the faces of
// the satisfaction scale) above its words, both in the middle. Given more room than it needs,
// the pictogram grows with it (up to four touch targets), so that the faces fill the screen.
Button {
    id: control

    property string pictogram: ""
    property bool selected: false

    // The pictogram's size when the button has only the room it asks for.
    readonly property int smallPictogram: pictogram === "" ? 0 : Math.round(Theme.touchTarget * 1.4)
    readonly property int pictogramSize: {
        if (pictogram === "")
            return 0;
        const room = Math.min(availableWidth, availableHeight - label.height - column.spacing);
        return Math.round(Math.max(smallPictogram, Math.min(room, Theme.touchTarget * 4)));
    }

    implicitWidth: Math.max(Theme.touchTarget, implicitContentWidth + leftPadding + rightPadding)
    // From the small pictogram, never from the grown one: the size it asks for does not follow
    // the size it is given.
    implicitHeight: Math.max(Theme.touchTarget * 1.25, (pictogram === "" ? 0 : smallPictogram + column.spacing) + label.implicitHeight + topPadding + bottomPadding)
    padding: 16
    font.family: Theme.fontFamily
    font.pixelSize: Theme.buttonSize
    font.weight: Font.DemiBold
    Accessible.name: text

    // Declared outside `contentItem` so that the sizes above can name its parts.
    contentItem: content

    Item {
        id: content

        implicitWidth: Math.max(control.smallPictogram, label.implicitWidth)
        implicitHeight: column.implicitHeight

        Column {
            id: column

            anchors.verticalCenter: parent.verticalCenter
            width: parent.width
            spacing: 10

            Pictogram {
                anchors.horizontalCenter: parent.horizontalCenter
                name: control.pictogram
                size: control.pictogramSize
            }

            Text {
                id: label

                width: parent.width
                text: control.text
                font: control.font
                color: control.selected ? Theme.onPrimary : Theme.primary
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
            }
        }
    }

    background: Rectangle {
        radius: Theme.radius
        color: control.selected ? Theme.primary : (control.down ? Theme.primarySoft : Theme.surface)
        border.width: control.visualFocus ? 5 : 3
        border.color: control.visualFocus ? Theme.focus : Theme.primary
    }
}
