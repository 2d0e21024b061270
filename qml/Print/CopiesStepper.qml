// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Theme

// How many copies: a large number between a large − and a large +.
RowLayout {
    id: stepper

    property int value: 1
    property int from: 1
    property int to: 20

    signal decreased
    signal increased

    spacing: Theme.targetGap

    KioskButton {
        objectName: "fewerCopiesButton"
        text: "−"
        enabled: stepper.value > stepper.from
        font.pixelSize: Theme.titleSize
        Accessible.name: qsTr("Un exemplaire de moins")
        // Never narrower than its sign, which grows with the text.
        Layout.preferredWidth: Math.max(Math.round(Theme.touchTarget * 1.3), implicitWidth)
        onClicked: stepper.decreased()
    }

    Text {
        objectName: "copiesValue"
        text: stepper.value
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.displaySize
        font.weight: Font.Bold
        horizontalAlignment: Text.AlignHCenter
        Accessible.name: qsTr("%n exemplaires", "", stepper.value)
        Layout.minimumWidth: Theme.touchTarget * 1.2
    }

    KioskButton {
        objectName: "moreCopiesButton"
        text: "+"
        enabled: stepper.value < stepper.to
        font.pixelSize: Theme.titleSize
        Accessible.name: qsTr("Un exemplaire de plus")
        // Never narrower than its sign, which grows with the text.
        Layout.preferredWidth: Math.max(Math.round(Theme.touchTarget * 1.3), implicitWidth)
        onClicked: stepper.increased()
    }
}
