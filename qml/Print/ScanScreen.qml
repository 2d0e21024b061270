// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Theme
import Relais.Print

// "Scanner un papier": the scanner (when there are several), a quick preview, turning and
// cropping, then printing the page or, during a video call, sending it to the adviser.
KioskScreen {
    id: screen

    // True while a video call is in progress: the page may then go to the adviser.
    property bool canSend: false
    // What the call says of the page it is sending.
    property string sendStatus: ""
    readonly property alias scan: session

    signal closed
    // The page to send, as a picture in the session's folder.
    signal pictureReady(string path)

    property bool cropping: false
    property string printPath: ""

    readonly property bool hasScanner: PrintDesk.scanners.length > 0
    readonly property string stateText: {
        if (PrintDesk.scannerSearch !== PrintDesk.Searched)
            return qsTr("Recherche du scanner…");
        if (!screen.hasScanner)
            return qsTr("Aucun scanner n'est branché.") + " " + PrintWords.askMediator;
        switch (session.state) {
        case ScanSession.Previewing:
            return qsTr("Aperçu en cours… Ne bougez pas le papier.");
        case ScanSession.Scanning:
            return qsTr("Scan en cours… Ne bougez pas le papier.");
        case ScanSession.Failed:
            return PrintWords.scanner(session.problem) + " " + PrintWords.askMediator;
        case ScanSession.Previewed:
            return screen.sendStatus !== "" ? screen.sendStatus : (screen.cropping ? qsTr("Déplacez les ronds pour garder seulement une partie du papier.") : qsTr("Voici votre papier. Vous pouvez le tourner ou le recadrer."));
        default:
            return qsTr("Posez votre papier sur la vitre du scanner, face écrite vers le bas, puis fermez le capot.");
        }
    }

    spokenText: qsTr("Scanner un papier") + ". " + stateText

    Component.onCompleted: PrintDesk.findScanners()

    ScanSession {
        id: session

        scanner: PrintDesk.scanner
        onResultReady: (path, use) => {
            if (use === ScanSession.ToPrint)
                screen.printPath = path;
            else
                screen.pictureReady(path);
        }
    }

    PageHeader {
        id: header

        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: Theme.margin
        backName: "scanBackButton"
        title: qsTr("Scanner un papier")
        onBackRequested: screen.closed()
    }

    ColumnLayout {
        anchors.top: header.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.topMargin: Theme.margin * 0.5
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.bottomMargin: Theme.margin
        spacing: Theme.margin * 0.5

        Flow {
            visible: PrintDesk.scanners.length > 1
            spacing: Theme.targetGap
            Layout.fillWidth: true

            Repeater {
                model: PrintDesk.scanners

                KioskButton {
                    required property int index
                    required property string modelData

                    objectName: "scanner-" + index
                    text: modelData
                    selected: PrintDesk.scanner === index
                    font.pixelSize: Theme.barButtonSize
                    onClicked: PrintDesk.scanner = index
                }
            }
        }

        RowLayout {
            spacing: Theme.margin
            Layout.fillWidth: true
            Layout.fillHeight: true

            Item {
                // Both sides share the width in these proportions, whatever their contents.
                Layout.preferredWidth: 45
                Layout.fillWidth: true
                Layout.fillHeight: true

                PictureView {
                    id: picture

                    objectName: "scanPreview"
                    anchors.fill: parent
                    anchors.margins: screen.cropping ? Theme.touchTarget / 2 : 0
                    image: session.preview
                    visible: session.state === ScanSession.Previewed || session.state === ScanSession.Scanning
                }

                CropFrame {
                    anchors.fill: picture
                    visible: picture.visible && screen.cropping
                    area: picture.paintedRect
                    crop: session.crop
                    onMoved: crop => session.crop = crop
                }

                // The shown crop, when not changing it.
                Rectangle {
                    id: shownCrop

                    readonly property rect area: picture.paintedRect

                    visible: picture.visible && !screen.cropping && (session.crop.width < 1 || session.crop.height < 1)
                    x: picture.x + shownCrop.area.x + session.crop.x * shownCrop.area.width
                    y: picture.y + shownCrop.area.y + session.crop.y * shownCrop.area.height
                    width: session.crop.width * shownCrop.area.width
                    height: session.crop.height * shownCrop.area.height
                    color: "transparent"
                    border.width: 4
                    border.color: Theme.focus
                }

                Pictogram {
                    anchors.centerIn: parent
                    visible: !picture.visible
                    name: "scan"
                    size: Math.min(parent.width, parent.height) * 0.4
                }
            }

            PageColumn {
                spacing: Theme.margin * 0.6
                Layout.preferredWidth: 55
                Layout.fillWidth: true
                Layout.fillHeight: true

                StatusPanel {
                    objectName: "scanState"
                    text: screen.stateText
                    problem: session.state === ScanSession.Failed || (PrintDesk.scannerSearch === PrintDesk.Searched && !screen.hasScanner)
                    waiting: PrintDesk.scannerSearch !== PrintDesk.Searched || session.state === ScanSession.Previewing || session.state === ScanSession.Scanning
                    Layout.fillWidth: true
                }

                KioskButton {
                    objectName: "previewScanButton"
                    visible: screen.hasScanner && (session.state === ScanSession.Idle || session.state === ScanSession.Failed)
                    text: session.state === ScanSession.Failed ? qsTr("Réessayer") : qsTr("Voir l'aperçu")
                    kind: KioskButton.Primary
                    Layout.fillWidth: true
                    onClicked: session.startPreview()
                }

                KioskButton {
                    objectName: "findScannersButton"
                    visible: PrintDesk.scannerSearch === PrintDesk.Searched && !screen.hasScanner
                    text: qsTr("Chercher à nouveau")
                    Layout.fillWidth: true
                    onClicked: PrintDesk.findScanners()
                }

                Flow {
                    visible: session.state === ScanSession.Previewed
                    spacing: Theme.targetGap
                    Layout.fillWidth: true

                    KioskButton {
                        objectName: "rotateButton"
                        text: qsTr("Tourner")
                        onClicked: session.rotate()
                    }

                    KioskButton {
                        objectName: "cropButton"
                        text: screen.cropping ? qsTr("Valider le cadre") : qsTr("Recadrer")
                        selected: screen.cropping
                        onClicked: screen.cropping = !screen.cropping
                    }
                }

                KioskButton {
                    objectName: "printScanButton"
                    visible: session.state === ScanSession.Previewed
                    text: qsTr("Imprimer")
                    pictogram: "print"
                    kind: KioskButton.Primary
                    Layout.fillWidth: true
                    onClicked: {
                        screen.cropping = false;
                        session.acquire(ScanSession.ToPrint);
                    }
                }

                KioskButton {
                    objectName: "sendScanButton"
                    visible: screen.canSend && session.state === ScanSession.Previewed
                    text: qsTr("Envoyer au conseiller")
                    pictogram: "video"
                    kind: KioskButton.Primary
                    Layout.fillWidth: true
                    onClicked: {
                        screen.cropping = false;
                        session.acquire(ScanSession.ToSend);
                    }
                }

                KioskButton {
                    objectName: "restartScanButton"
                    visible: session.state === ScanSession.Previewed || session.state === ScanSession.Failed
                    text: qsTr("Recommencer")
                    Layout.fillWidth: true
                    onClicked: {
                        screen.cropping = false;
                        session.restart();
                    }
                }
            }
        }
    }

    // The scanned page, to print: its own preview over this screen.
    Loader {
        id: printLoader

        anchors.fill: parent
        active: screen.printPath !== ""
        sourceComponent: Component {
            PrintPreview {
                objectName: "scanPrintPreview"
            }
        }
    }

    Binding {
        target: printLoader.item
        property: "pdfPath"
        value: screen.printPath
        when: printLoader.item !== null
    }

    Connections {
        target: printLoader.item
        ignoreUnknownSignals: true

        function onClosed() {
            screen.printPath = "";
        }
    }
}
