// SPDX-License-Identifier: EUPL-1.2
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// "Avant de commencer": what to have at hand, how long it takes, then "Commencer".
KioskScreen {
    id: screen

    required property string procedureId
    // Read again in the resident's language whenever she changes it.
    readonly property var procedure: Kiosk.language !== "" ? catalog.details(procedureId) : ({})

    signal backRequested
    signal startRequested

    spokenText: {
        let parts = [procedure.title, qsTr("Avant de commencer, préparez :")];
        for (const line of procedure.before)
            parts.push(line.text);
        parts.push(duration.text);
        return parts.join(" ");
    }

    ProcedureModel {
        id: catalog
    }

    PageColumn {
        anchors.fill: parent

        PageHeader {
            titleColor: Theme.primary
            title: screen.procedure.title
            pictogram: screen.procedure.pictogram
            Layout.fillWidth: true
            onBackRequested: screen.backRequested()
        }

        ScreenTitle {
            text: qsTr("Avant de commencer, préparez :")
            font.pixelSize: Math.round(Theme.titleSize * 0.8)
            Layout.fillWidth: true
        }

        Repeater {
            model: screen.procedure.before

            GuideLineRow {
                required property var modelData

                pictogram: modelData.pictogram
                text: modelData.text
                Layout.fillWidth: true
            }
        }

        GuideLineRow {
            id: duration

            pictogram: "clock"
            text: qsTr("Cela prend environ %n minutes.", "", screen.procedure.minutes)
            strong: true
            Layout.fillWidth: true
        }

        KioskButton {
            objectName: "startGuideButton"
            text: qsTr("Commencer")
            pictogram: "next"
            kind: KioskButton.Primary
            Layout.maximumWidth: parent.width
            onClicked: screen.startRequested()
        }

        Text {
            text: qsTr("Il vous manque quelque chose ? Le médiateur de l'accueil peut vous aider.")
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.smallSize
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
    }
}
