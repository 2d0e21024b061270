import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme
import Relais.App

// Always on screen during a session: go home, end and erase, text size, language, listen.
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
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.targetGap

        KioskButton {
            objectName: "homeButton"
            text: qsTr("Accueil")
            pictogram: "home"
            enabled: Kiosk.session.state === SessionController.Activity
            onClicked: Kiosk.session.home()
        }

        KioskButton {
            objectName: "endSessionButton"
            text: qsTr("Terminer et effacer")
            kind: KioskButton.Danger
            onClicked: Kiosk.session.endSession()
        }

        Row {
            spacing: 10

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
                    text: modelData.label
                    selected: Math.abs(Kiosk.textScale - modelData.scale) < 0.01
                    Accessible.name: modelData.name
                    onClicked: Kiosk.textScale = modelData.scale
                }
            }
        }

        Row {
            spacing: 10
            visible: Kiosk.languages.length > 1

            Repeater {
                model: Kiosk.languages

                KioskButton {
                    required property string modelData

                    objectName: "language-" + modelData
                    text: Kiosk.languageName(modelData)
                    selected: Kiosk.language === modelData
                    onClicked: Kiosk.language = modelData
                }
            }
        }

        KioskButton {
            objectName: "readAloudButton"
            visible: ReadAloud.available
            text: ReadAloud.speaking ? qsTr("Arrêter la lecture") : qsTr("Écouter")
            pictogram: ReadAloud.speaking ? "stop" : "speaker"
            onClicked: ReadAloud.speaking ? ReadAloud.stop() : ReadAloud.read(bar.spokenText, Kiosk.language)
        }
    }
}
