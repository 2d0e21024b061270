// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// One agency: the ways this kiosk can help with it.
KioskScreen {
    id: screen

    property string agencyId: Kiosk.session.agency
    readonly property string agencyName: Kiosk.agencyName(agencyId)

    function sentence(tile: Tile): string {
        return tile.text + ". " + (tile.note !== "" ? tile.note + ". " : "");
    }

    spokenText: agencyName + ". " + qsTr("Comment souhaitez-vous être aidé ?") + " " + sentence(visio) + sentence(online) + sentence(mediator)

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.targetGap

        PageHeader {
            titleColor: Theme.primary
            title: screen.agencyName
            pictogram: Kiosk.agencyPictogram(screen.agencyId)
            Layout.fillWidth: true
            onBackRequested: Kiosk.session.back()
        }

        ScreenTitle {
            visible: !screen.compact
            text: qsTr("Comment souhaitez-vous être aidé ?")
            font.pixelSize: Math.round(Theme.titleSize * 0.8)
            Layout.fillWidth: true
        }

        // The three ways as large blocks, as tall as the screen allows, where a block (its
        // pictogram above its words) fits the screen's height: not on a 800-pixel screen nor
        // at large text, where each way is a tile with its pictogram beside its words.
        TileGrid {
            maximumTileHeight: Theme.touchTarget * 10
            blocks: screen.height >= 1000 && Theme.textScale < 1.5
            Layout.fillWidth: true
            Layout.fillHeight: true

            Tile {
                id: visio

                objectName: "option-visio"

                text: qsTr("Parler à un conseiller en visio")
                description: qsTr("Un conseiller vous voit et vous répond, en vidéo.")
                note: Kiosk.visioAvailable ? "" : qsTr("Bientôt disponible")
                pictogram: "video"
                onClicked: Kiosk.session.openActivity("visio")
            }

            Tile {
                id: online

                objectName: "option-online"

                text: qsTr("Faire ma démarche en ligne, pas à pas")
                description: qsTr("La borne vous guide, étape par étape, sur le site officiel.")
                pictogram: "guide"
                onClicked: Kiosk.session.openActivity("online")
            }

            Tile {
                id: mediator

                objectName: "option-mediator"

                text: qsTr("Demander de l'aide au médiateur")
                description: qsTr("Le médiateur de l'accueil vient vous aider.")
                pictogram: "mediator"
                onClicked: Kiosk.session.openActivity("mediator")
            }
        }
    }
}
