// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Controls.Basic
import Relais.Core
import Relais.Theme

// One day of one grid row: the kiosk's count (grey) and the desk's (bold). Touching it
// brings it into the stepper bar.
Button {
    id: cell

    property int row: 0
    property int day: 1
    property int automatic: 0
    property int desk: 0
    property string label: ""
    readonly property bool chosen: Kiosk.mediator.selectedRow === row && Kiosk.mediator.selectedDay === day

    height: Theme.touchTarget
    Accessible.name: label + ", " + (Kiosk.mediator.dayNames[day - 1] ?? "")
    onClicked: Kiosk.mediator.select(row, day)

    contentItem: Row {
        spacing: 10
        leftPadding: 8

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: String(cell.automatic)
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: 20
        }

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: String(cell.desk)
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: 26
            font.weight: Font.Bold
        }
    }

    background: Rectangle {
        color: cell.chosen ? Theme.primarySoft : Theme.surface
        border.width: cell.chosen ? 4 : 1
        border.color: cell.chosen ? Theme.primary : Theme.border
    }
}
