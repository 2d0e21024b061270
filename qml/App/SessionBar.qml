// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Core
import Relais.Theme
import Relais.App

// Always on screen during a session: go home, end and erase, text size, language, listen.
// Targets keep 8 mm between them; the bar's own text grows less than the content's so that it
// leaves the screen to what the resident reads.
Rectangle {
    id: bar

    property string spokenText: ""

    implicitHeight: row.implicitHeight + 2 * 14
    color: Theme.surface
    border.color: Theme.border
    border.width: 1

    Flow {
        id: row

        anchors.fill: parent
        anchors.margins: 14
        anchors.leftMargin: 20
        anchors.rightMargin: 20
        spacing: Theme.targetGap

        KioskButton {
            objectName: "homeButton"
            font.pixelSize: Theme.barButtonSize
            leftPadding: 16
            rightPadding: 16
            text: qsTr("Accueil")
            pictogram: "home"
            enabled: Kiosk.session.state === SessionController.Activity
            onClicked: Kiosk.session.home()
        }

        KioskButton {
            objectName: "endSessionButton"
            font.pixelSize: Theme.barButtonSize
            leftPadding: 16
            rightPadding: 16
            text: qsTr("Terminer et effacer")
            kind: KioskButton.Danger
            // The survey is offered first, once per session; then everything is erased.
            onClicked: Kiosk.survey.endSession()
        }

        Repeater {
            model: [{
                    "label": "A",
                    "scale": 1.0,
                    "name": qsTr("Texte normal")
                }, {
                    "label": "A+",
                    "scale": 1.5,
                    "name": qsTr("Texte plus grand")
                }, {
                    "label": "A++",
                    "scale": 2.0,
                    "name": qsTr("Texte très grand")
                }]

            KioskButton {
                required property var modelData

                objectName: "textScale-" + Math.round(modelData.scale * 100)
                font.pixelSize: Theme.barButtonSize
                leftPadding: 16
                rightPadding: 16
                text: modelData.label
                selected: Math.abs(Kiosk.textScale - modelData.scale) < 0.01
                Accessible.name: modelData.name
                onClicked: Kiosk.textScale = modelData.scale
            }
        }

        // Each other language is offered by its own name, in that language.
        Repeater {
            model: Kiosk.languages

            KioskButton {
                required property string modelData

                objectName: "language-" + modelData
                visible: modelData !== Kiosk.language
                font.pixelSize: Theme.barButtonSize
                leftPadding: 16
                rightPadding: 16
                text: Kiosk.languageName(modelData)
                onClicked: Kiosk.language = modelData
            }
        }

        KioskButton {
            objectName: "readAloudButton"
            visible: ReadAloud.available
            font.pixelSize: Theme.barButtonSize
            leftPadding: 16
            rightPadding: 16
            text: ReadAloud.speaking ? qsTr("Arrêter la lecture") : qsTr("Écouter")
            pictogram: ReadAloud.speaking ? "stop" : "speaker"
            onClicked: ReadAloud.speaking ? ReadAloud.stop() : ReadAloud.read(bar.spokenText, Kiosk.language)
        }
    }
}
