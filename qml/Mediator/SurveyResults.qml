// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// Answers of the last eight weeks to the site's survey, one bar per answer. Counts, not
// averages: each scale is kept as collected. A page at a time when they do not all fit, never
// scrolled.
PageColumn {
    id: results

    objectName: "surveyResults"
    spacing: 20

    Text {
        text: qsTr("Réponses des 8 dernières semaines.")
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: 20
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }

    Repeater {
        model: Kiosk.mediator.results

        delegate: ColumnLayout {
            id: block

            required property var modelData
            required property int index

            spacing: 6
            Layout.fillWidth: true

            Text {
                objectName: "resultQuestion-" + block.index
                text: block.modelData.text + " " + qsTr("(%n réponses)", "", block.modelData.total)
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: 22
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Repeater {
                model: block.modelData.bars

                ResultBar {
                    Layout.fillWidth: true
                }
            }
        }
    }
}
