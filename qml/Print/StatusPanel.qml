// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Theme

// One sentence about what is happening, in a calm box; a problem is shown in the notice
// colours so that it is seen.
Rectangle {
    id: panel

    property string text: ""
    property bool problem: false
    // The sentence is a wait ("Impression en cours…"): the indicator turns beside it.
    property bool waiting: false

    visible: text !== ""
    radius: Theme.radius
    color: problem ? Theme.notice : Theme.surface
    border.width: 2
    border.color: problem ? Theme.notice : Theme.border
    implicitHeight: Math.max(label.implicitHeight, indicator.visible ? indicator.height : 0) + 2 * 20

    WaitIndicator {
        id: indicator

        objectName: panel.objectName + "WaitIndicator"
        anchors.left: parent.left
        anchors.leftMargin: 20
        anchors.verticalCenter: parent.verticalCenter
        visible: panel.waiting
        size: Theme.touchTarget
        label: panel.text
    }

    Text {
        id: label

        objectName: panel.objectName + "Text"
        anchors.fill: parent
        anchors.margins: 20
        anchors.leftMargin: indicator.visible ? indicator.width + 40 : 20
        text: panel.text
        color: panel.problem ? Theme.onNotice : Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        font.weight: Font.DemiBold
        wrapMode: Text.WordWrap
        verticalAlignment: Text.AlignVCenter
    }
}
