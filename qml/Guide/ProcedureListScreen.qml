// SPDX-License-Identifier: EUPL-1.2
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme
import Relais.Home

// The online procedures of one agency, each with its time, and a way to search the others.
KioskScreen {
    id: screen

    required property string agencyId

    signal chosen(string id)
    signal backRequested
    signal searchRequested

    spokenText: {
        let parts = [Kiosk.agencyName(agencyId), qsTr("Quelle démarche voulez-vous faire ?")];
        for (let i = 0; i < tiles.count; ++i) {
            const tile = tiles.itemAt(i) as Tile;
            if (tile)
                parts.push(tile.text + ". " + tile.description);
        }
        return parts.join(" ");
    }

    ProcedureModel {
        id: procedures

        agency: screen.agencyId
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.targetGap

        PageHeader {
            titleColor: Theme.primary
            title: Kiosk.agencyName(screen.agencyId)
            pictogram: Kiosk.agencyPictogram(screen.agencyId)
            Layout.fillWidth: true
            onBackRequested: screen.backRequested()
        }

        ScreenTitle {
            objectName: "procedureListTitle"
            visible: !screen.compact
            text: qsTr("Quelle démarche voulez-vous faire ?")
            font.pixelSize: Math.round(Theme.titleSize * 0.8)
            Layout.fillWidth: true
        }

        TileGrid {
            Layout.fillWidth: true
            Layout.fillHeight: true

            Repeater {
                id: tiles

                model: procedures

                Tile {
                    required property string procedureId
                    required property string title
                    required property string summary
                    required property int minutes
                    required pictogram

                    objectName: "procedure-" + procedureId
                    text: title
                    description: summary + " " + qsTr("Environ %n minutes.", "", minutes)
                    onClicked: screen.chosen(procedureId)
                }
            }

            Tile {
                objectName: "tile-search"
                text: qsTr("Chercher une autre démarche")
                description: qsTr("Écrivez un mot, par exemple « carte vitale ».")
                pictogram: "search"
                onClicked: screen.searchRequested()
            }
        }
    }
}
