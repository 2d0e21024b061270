// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Theme

// One answer's count as a bar, scaled to the question's most frequent answer (`most`).
RowLayout {
    id: bar

    required property var modelData

    spacing: 12

    Text {
        text: bar.modelData.label
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: 18
        elide: Text.ElideRight
        Layout.preferredWidth: 300
    }

    Item {
        implicitHeight: 22
        Layout.fillWidth: true

        Rectangle {
            width: Math.max(2, parent.width * bar.modelData.count / Math.max(1, bar.modelData.most))
            height: parent.height
            radius: 4
            color: Theme.primary
        }
    }

    Text {
        text: String(bar.modelData.count)
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: 18
        Layout.preferredWidth: 60
    }
}
