// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Relais.Theme

// The kiosk's button: at least one touch target high and wide, large text that wraps
// rather than being cut, an optional pictogram, and three kinds.
Button {
    id: control

    enum Kind {
        Primary,
        Secondary,
        Danger
    }

    property int kind: KioskButton.Secondary
    property string pictogram: ""
    property bool selected: false

    readonly property color foreground: {
        if (kind === KioskButton.Primary)
            return Theme.onPrimary;
        if (kind === KioskButton.Danger)
            return Theme.onDanger;
        return Theme.primary;
    }

    implicitWidth: Math.max(Theme.touchTarget, implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(Theme.touchTarget, implicitContentHeight + topPadding + bottomPadding)
    topPadding: 12
    bottomPadding: 12
    leftPadding: 20
    rightPadding: 20
    focusPolicy: Qt.StrongFocus
    font.family: Theme.fontFamily
    font.pixelSize: Theme.buttonSize
    font.weight: Font.DemiBold
    Accessible.name: text
    Accessible.checkable: false
    // Said in the non-visual mode: the text size and the answers chosen.
    Accessible.selected: control.selected

    contentItem: RowLayout {
        spacing: 14

        Pictogram {
            name: control.pictogram
            size: Math.round(control.font.pixelSize * 1.5)
            whiteDisc: control.kind !== KioskButton.Secondary
            Layout.alignment: Qt.AlignVCenter
        }

        Text {
            text: control.text
            font: control.font
            color: control.selected && control.kind === KioskButton.Secondary ? Theme.text : control.foreground
            wrapMode: Text.WordWrap
            horizontalAlignment: control.pictogram === "" ? Text.AlignHCenter : Text.AlignLeft
            verticalAlignment: Text.AlignVCenter
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignVCenter
        }
    }

    background: Rectangle {
        radius: Theme.radius
        color: {
            if (control.kind === KioskButton.Primary)
                return control.down ? Qt.darker(Theme.primary, 1.25) : Theme.primary;
            if (control.kind === KioskButton.Danger)
                return control.down ? Qt.darker(Theme.danger, 1.25) : Theme.danger;
            if (control.selected || control.down)
                return Theme.primarySoft;
            return Theme.surface;
        }
        border.width: control.visualFocus ? 5 : (control.selected ? 4 : 2)
        border.color: control.visualFocus ? Theme.focus : (control.kind === KioskButton.Secondary ? Theme.primary : "transparent")
    }
}
