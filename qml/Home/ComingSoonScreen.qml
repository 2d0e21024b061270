// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// A service this kiosk cannot offer yet. It says so plainly and offers the mediator instead.
KioskScreen {
    id: screen

    readonly property string activity: Kiosk.session.activity
    readonly property string title: {
        if (activity === "visio")
            return qsTr("Parler à un conseiller en visio");
        if (activity === "online")
            return qsTr("Faire ma démarche en ligne, pas à pas");
        return qsTr("Imprimer ou scanner");
    }

    spokenText: title + ". " + qsTr("Bientôt disponible sur cette borne.") + " " + qsTr("En attendant, le médiateur de l'accueil peut vous aider.")

    PageColumn {
        anchors.fill: parent

        RowLayout {
            spacing: Theme.margin
            Layout.fillWidth: true

            KioskButton {
                objectName: "backButton"
                text: qsTr("Retour")
                pictogram: "back"
                onClicked: Kiosk.session.back()
            }

            ScreenTitle {
                text: screen.title
                Layout.fillWidth: true
            }
        }

        Rectangle {
            color: Theme.notice
            radius: Theme.radius
            implicitHeight: notice.implicitHeight + 2 * Theme.margin
            Layout.fillWidth: true

            ColumnLayout {
                id: notice

                anchors.centerIn: parent
                width: parent.width - 2 * Theme.margin
                spacing: 12

                Text {
                    text: qsTr("Bientôt disponible sur cette borne.")
                    color: Theme.onNotice
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.titleSize
                    font.weight: Font.Bold
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }

                Text {
                    text: qsTr("En attendant, le médiateur de l'accueil peut vous aider.")
                    color: Theme.onNotice
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
            }
        }

        KioskButton {
            objectName: "askMediatorButton"
            text: qsTr("Demander de l'aide au médiateur")
            pictogram: "mediator"
            kind: KioskButton.Primary
            Layout.maximumWidth: parent.width
            onClicked: Kiosk.session.openActivity("mediator")
        }
    }
}
