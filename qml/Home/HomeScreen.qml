// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// "Que souhaitez-vous faire ?": one tile per agency the site offers, then print and help.
KioskScreen {
    id: screen

    spokenText: {
        let parts = [qsTr("Que souhaitez-vous faire ?"), qsTr("Touchez une case.")];
        for (let i = 0; i < agencies.count; ++i) {
            const tile = agencies.itemAt(i) as Tile;
            if (tile)
                parts.push(tile.text + ". " + tile.description);
        }
        parts.push(searchTile.text + ". " + searchTile.description);
        parts.push(printTile.text + ". " + printTile.description);
        parts.push(helpTile.text + ". " + helpTile.description);
        return parts.join(" ");
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.margin * 0.75

        ScreenTitle {
            objectName: "homeTitle"
            text: qsTr("Que souhaitez-vous faire ?")
            Layout.fillWidth: true
        }

        TileGrid {
            Layout.fillWidth: true
            Layout.fillHeight: true

            Repeater {
                id: agencies

                model: Kiosk.agencies

                Tile {
                    required property string agencyId
                    required property string name
                    required description
                    required pictogram

                    objectName: "agency-" + agencyId
                    text: name
                    onClicked: Kiosk.session.openAgency(agencyId)
                }
            }

            Tile {
                id: searchTile

                objectName: "tile-search"
                text: qsTr("Chercher une démarche")
                description: qsTr("Écrivez un mot, par exemple « carte vitale » ou « retraite ».")
                pictogram: "search"
                onClicked: Kiosk.session.openActivity("online")
            }

            Tile {
                id: printTile

                objectName: "tile-print"
                text: qsTr("Imprimer ou scanner")
                description: qsTr("Imprimer un document ou scanner un papier.")
                pictogram: "print"
                onClicked: Kiosk.session.openActivity("print")
            }

            Tile {
                id: helpTile

                objectName: "tile-mediator"
                text: qsTr("Demander de l'aide au médiateur")
                description: qsTr("Le médiateur de l'accueil vient vous aider.")
                pictogram: "mediator"
                onClicked: Kiosk.session.openActivity("mediator")
            }
        }
    }
}
