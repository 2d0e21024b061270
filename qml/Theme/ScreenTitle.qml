// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Theme

// A screen's main question or title: large, bold, wrapped, never cut.
Text {
    color: Theme.text
    font.family: Theme.fontFamily
    font.pixelSize: Theme.titleSize
    font.weight: Font.Bold
    wrapMode: Text.WordWrap
    lineHeight: 1.1
    Accessible.role: Accessible.Heading
    Accessible.name: text
}
