// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Theme

// One line of a guide: its pictogram, then one short sentence.
RowLayout {
    id: line

    property string pictogram: ""
    property string text: ""
    property bool strong: false

    spacing: Theme.margin * 0.5

    Pictogram {
        name: line.pictogram
        size: Math.round(Math.max(Theme.touchTarget * 0.9, Theme.bodySize * 1.8))
        Layout.alignment: Qt.AlignTop
    }

    Text {
        text: line.text
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        font.weight: line.strong ? Font.Bold : Font.Normal
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
        Layout.alignment: Qt.AlignVCenter
    }
}
