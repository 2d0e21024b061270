// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme
import Relais.Home
import Relais.Print

// "Imprimer ou scanner": scan (or copy) a paper, or print a document of this visit (a form
// downloaded during a procedure, a document from the adviser).
KioskScreen {
    id: screen

    // "menu", "scan", or "preview" (of previewPath).
    property string page: "menu"
    property string previewPath: ""
    readonly property KioskScreen shown: page === "menu" ? screen : (pages.item as KioskScreen)

    spokenText: page === "menu" ? qsTr("Imprimer ou scanner") + ". " + (PrintDesk.documents.length === 0 ? qsTr("Les documents que vous téléchargez pendant une démarche, ou que le conseiller vous envoie en visio, apparaissent ici pour les imprimer.") : "") : (shown ? shown.spokenText : "")

    function openDocument(path: string) {
        previewPath = path;
        page = "preview";
    }

    Connections {
        target: PrintDesk

        function onDocumentRequested(path: string) {
            screen.openDocument(path);
        }

        function onScannerRequested() {
            screen.page = "scan";
        }
    }

    PageHeader {
        id: header

        visible: screen.page === "menu"
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: Theme.margin
        title: qsTr("Imprimer ou scanner")
        onBackRequested: Kiosk.session.back()
    }

    ColumnLayout {
        visible: screen.page === "menu"
        anchors.top: header.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.topMargin: Theme.margin * 0.75
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.bottomMargin: Theme.margin
        spacing: Theme.margin * 0.75

        TileGrid {
            Layout.fillWidth: true
            Layout.fillHeight: true

            Tile {
                objectName: "tile-scan"
                text: qsTr("Scanner ou photocopier un papier")
                description: qsTr("Posez votre papier sur le scanner. Vous pourrez l'imprimer.")
                pictogram: "scan"
                onClicked: screen.page = "scan"
            }

            Repeater {
                model: PrintDesk.documents

                Tile {
                    required property int index
                    required property var modelData

                    objectName: "tile-document-" + index
                    text: qsTr("Imprimer « %1 »").arg(modelData.name)
                    description: qsTr("Un document de votre visite.")
                    pictogram: "guide"
                    onClicked: PrintDesk.presentDocument(modelData.path, modelData.name)
                }
            }
        }

        // A hint, left out when large text needs the room for the tiles.
        Text {
            visible: PrintDesk.documents.length === 0 && Theme.textScale < 1.5
            text: qsTr("Les documents que vous téléchargez pendant une démarche, ou que le conseiller vous envoie en visio, apparaissent ici pour les imprimer.")
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
    }

    Loader {
        id: pages

        anchors.fill: parent
        active: screen.page !== "menu"
        sourceComponent: screen.page === "scan" ? scanPage : previewPage
    }

    Binding {
        target: pages.item
        property: "pdfPath"
        value: screen.previewPath
        when: screen.page === "preview" && pages.item !== null
    }

    Connections {
        target: pages.item
        ignoreUnknownSignals: true

        function onClosed() {
            screen.page = "menu";
        }
    }

    Component {
        id: scanPage

        ScanScreen {}
    }

    Component {
        id: previewPage

        PrintPreview {}
    }
}
