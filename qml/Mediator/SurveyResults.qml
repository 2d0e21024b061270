// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// Answers of the last eight weeks to the site's survey, one bar per answer. Counts, not
// averages: each scale is kept as collected.
ListView {
    id: results

    objectName: "surveyResults"
    clip: true
    spacing: 20
    model: Kiosk.mediator.results
    boundsBehavior: Flickable.StopAtBounds
    ScrollBar.vertical: ScrollBar {
        policy: ScrollBar.AsNeeded
        implicitWidth: 20
    }
    header: Text {
        bottomPadding: 12
        text: qsTr("Réponses des 8 dernières semaines.")
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: 20
    }

    delegate: ColumnLayout {
        id: block

        required property var modelData

        width: ListView.view.width - 24
        spacing: 6

        Text {
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
