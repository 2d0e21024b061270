import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// The resident asked for a person. The mediator works in the same room.
KioskScreen {
    id: screen

    spokenText: qsTr("Le médiateur va vous aider.") + " " + qsTr("Faites-lui signe, à l'accueil.") + " " + qsTr("Il vient vous aider ici, sur cette borne.")

    PageColumn {
        anchors.fill: parent

        KioskButton {
            objectName: "backButton"
            text: qsTr("Retour")
            pictogram: "back"
            onClicked: Kiosk.session.back()
        }

        RowLayout {
            spacing: Theme.margin
            Layout.fillWidth: true

            Pictogram {
                name: "mediator"
                size: Math.round(Theme.displaySize * 2.5)
                Layout.alignment: Qt.AlignTop
            }

            ColumnLayout {
                spacing: 16
                Layout.fillWidth: true

                ScreenTitle {
                    text: qsTr("Le médiateur va vous aider.")
                    Layout.fillWidth: true
                }

                Text {
                    text: qsTr("Faites-lui signe, à l'accueil.") + "\n" + qsTr("Il vient vous aider ici, sur cette borne.")
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                    wrapMode: Text.WordWrap
                    lineHeight: 1.3
                    Layout.fillWidth: true
                }
            }
        }
    }
}
