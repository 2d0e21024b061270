// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Theme
import Relais.Print

// "Aperçu avant impression": the document's pages one at a time, the number of copies,
// "Imprimer", and what the printer is doing with it. Shown over whatever asked for it (the
// guide, the scan screen, the print menu), which closed() gives back.
KioskScreen {
    id: screen

    property string pdfPath: ""
    readonly property alias document: printDocument

    signal closed

    readonly property bool printerTrouble: PrintDesk.printerChecked && PrintDesk.printerProblem !== PrintDesk.NoProblem
    readonly property string printerText: PrintWords.printer(PrintDesk.printerProblem, PrintDesk.printerBusy)
    readonly property string stateText: {
        if (printDocument.status === PrintDocument.Loading)
            return qsTr("Préparation de l'aperçu…");
        if (printDocument.status === PrintDocument.Unreadable)
            return qsTr("Ce document ne peut être ni affiché ni imprimé.") + " " + PrintWords.askMediator;
        switch (printDocument.jobState) {
        case PrintDocument.Sending:
            return qsTr("Envoi à l'imprimante…");
        case PrintDocument.Waiting:
            return screen.printerTrouble ? qsTr("En attente : %1").arg(screen.printerText) + " " + PrintWords.askMediator : qsTr("En attente de l'imprimante…");
        case PrintDocument.Printing:
            return qsTr("Impression en cours… Vos feuilles arrivent.");
        case PrintDocument.Done:
            return qsTr("Terminé. Prenez vos feuilles dans l'imprimante.");
        case PrintDocument.Failed:
            return qsTr("Erreur : %1").arg(screen.printerTrouble ? screen.printerText : qsTr("l'impression n'a pas pu se faire.")) + " " + PrintWords.askMediator;
        default:
            if (!PrintDesk.printerChecked)
                return "";
            return screen.printerTrouble ? screen.printerText + " " + PrintWords.askMediator : screen.printerText;
        }
    }
    readonly property bool stateIsProblem: printDocument.status === PrintDocument.Unreadable || printDocument.jobState === PrintDocument.Failed || (screen.printerTrouble && printDocument.jobState !== PrintDocument.Done && printDocument.jobState !== PrintDocument.Printing)

    spokenText: qsTr("Aperçu avant impression") + ". " + (printDocument.pageCount > 0 ? qsTr("Page %1 sur %2.").arg(printDocument.page + 1).arg(printDocument.pageCount) + " " : "") + qsTr("Nombre d'exemplaires : %1.").arg(printDocument.copies) + " " + stateText

    // What the printer does is news: shown even when it is on the controls' other page.
    onStateTextChanged: controls.reveal(statePanel)

    Component.onCompleted: PrintDesk.watchPrinter()
    Component.onDestruction: PrintDesk.unwatchPrinter()

    PrintDocument {
        id: printDocument

        source: screen.pdfPath
        viewSize: Qt.size(Math.round(page.width), Math.round(page.height))
    }

    PageHeader {
        id: header

        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: Theme.margin
        backName: "previewBackButton"
        title: qsTr("Aperçu avant impression")
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

        RowLayout {
            spacing: Theme.margin
            Layout.fillWidth: true
            Layout.fillHeight: true

            PictureView {
                id: page

                objectName: "pageView"
                // Too small to be read at large text on a short screen: the controls take the
                // whole width.
                visible: !screen.compact
                image: printDocument.pageImage
                // Both sides share the width in these proportions, whatever their contents.
                Layout.preferredWidth: 42
                Layout.fillWidth: true
                Layout.fillHeight: true
            }

            PageColumn {
                id: controls

                spacing: Theme.targetGap
                Layout.preferredWidth: 58
                Layout.fillWidth: true
                Layout.fillHeight: true

                Text {
                    text: qsTr("Nombre d'exemplaires")
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                    font.weight: Font.DemiBold
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }

                // Side by side where the controls take the whole width.
                GridLayout {
                    columns: screen.compact ? 2 : 1
                    columnSpacing: Theme.targetGap
                    rowSpacing: Theme.targetGap
                    Layout.fillWidth: true

                    CopiesStepper {
                        value: printDocument.copies
                        to: printDocument.maxCopies
                        onDecreased: printDocument.copies = printDocument.copies - 1
                        onIncreased: printDocument.copies = printDocument.copies + 1
                    }

                    KioskButton {
                        objectName: "printButton"
                        text: printDocument.jobState === PrintDocument.Done ? qsTr("Imprimer encore") : qsTr("Imprimer")
                        pictogram: "print"
                        kind: KioskButton.Primary
                        enabled: printDocument.status === PrintDocument.Ready && printDocument.jobState !== PrintDocument.Sending && printDocument.jobState !== PrintDocument.Waiting && printDocument.jobState !== PrintDocument.Printing
                        Layout.fillWidth: true
                        Layout.alignment: Qt.AlignVCenter
                        onClicked: printDocument.startPrinting()
                    }
                }

                StatusPanel {
                    id: statePanel

                    objectName: "printState"
                    text: screen.stateText
                    problem: screen.stateIsProblem
                    waiting: !problem && (printDocument.status === PrintDocument.Loading || printDocument.jobState === PrintDocument.Sending || printDocument.jobState === PrintDocument.Waiting || printDocument.jobState === PrintDocument.Printing)
                    Layout.fillWidth: true
                }
            }
        }

        // The document's pages, under its picture and the controls.
        PageButtons {
            visible: !screen.compact && count > 1
            page: printDocument.page
            count: printDocument.pageCount
            Layout.fillWidth: true
            Layout.preferredHeight: implicitHeight
            onPreviousRequested: printDocument.page = printDocument.page - 1
            onNextRequested: printDocument.page = printDocument.page + 1
        }
    }
}
