// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Theme

// One sentence about what is happening, in a calm box; a problem is shown in the notice
// colours so that it is seen.
Rectangle {
    id: panel

    property string text: ""
    property bool problem: false

    visible: text !== ""
    radius: Theme.radius
    color: problem ? Theme.notice : Theme.surface
    border.width: 2
    border.color: problem ? Theme.notice : Theme.border
    implicitHeight: label.implicitHeight + 2 * 20

    Text {
        id: label

        objectName: panel.objectName + "Text"
        anchors.fill: parent
        anchors.margins: 20
        text: panel.text
        color: panel.problem ? Theme.onNotice : Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        font.weight: Font.DemiBold
        wrapMode: Text.WordWrap
        verticalAlignment: Text.AlignVCenter
    }
}
