// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Relais.Theme

// One answer of a survey question: a large target with an optional pictogram (the faces of
// the satisfaction scale) above its words.
Button {
    id: control

    property string pictogram: ""
    property bool selected: false

    implicitWidth: Math.max(Theme.touchTarget, implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(Theme.touchTarget * 1.25, implicitContentHeight + topPadding + bottomPadding)
    padding: 16
    font.family: Theme.fontFamily
    font.pixelSize: Theme.buttonSize
    font.weight: Font.DemiBold
    Accessible.name: text

    contentItem: ColumnLayout {
        spacing: 10

        Pictogram {
            name: control.pictogram
            size: Math.round(Theme.touchTarget * 1.4)
            Layout.alignment: Qt.AlignHCenter
        }

        Text {
            text: control.text
            font: control.font
            color: control.selected ? Theme.onPrimary : Theme.primary
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
    }

    background: Rectangle {
        radius: Theme.radius
        color: control.selected ? Theme.primary : (control.down ? Theme.primarySoft : Theme.surface)
        border.width: control.visualFocus ? 5 : 3
        border.color: control.visualFocus ? Theme.focus : Theme.primary
    }
}
