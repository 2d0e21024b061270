// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Theme
import Relais.Print

// For the mediator: the printer's and the scanners' state in plain words, checked while this
// is shown, and a button to look again.
PageColumn {
    id: status

    readonly property string printerText: !PrintDesk.printerChecked ? qsTr("Vérification de l'imprimante…") : PrintWords.printer(PrintDesk.printerProblem, PrintDesk.printerBusy)
    readonly property string scannerText: {
        if (PrintDesk.scannerSearch !== PrintDesk.Searched)
            return qsTr("Recherche des scanners…");
        if (PrintDesk.scanners.length === 0)
            return qsTr("Aucun scanner n'est branché.");
        return qsTr("%n scanners sont prêts : %1.", "", PrintDesk.scanners.length).arg(PrintDesk.scannerNames);
    }

    onVisibleChanged: {
        if (visible) {
            PrintDesk.watchPrinter();
            PrintDesk.findScanners();
        } else {
            PrintDesk.unwatchPrinter();
        }
    }
    Component.onCompleted: {
        if (visible) {
            PrintDesk.watchPrinter();
            PrintDesk.findScanners();
        }
    }
    Component.onDestruction: {
        if (visible)
            PrintDesk.unwatchPrinter();
    }

    Text {
        text: PrintDesk.printerName !== "" ? qsTr("Imprimante « %1 »").arg(PrintDesk.printerName) : qsTr("Imprimante")
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.titleSize
        font.weight: Font.Bold
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }

    StatusPanel {
        objectName: "printerStatus"
        text: status.printerText
        problem: PrintDesk.printerChecked && PrintDesk.printerProblem !== PrintDesk.NoProblem
        waiting: !PrintDesk.printerChecked
        Layout.fillWidth: true
    }

    Text {
        text: qsTr("Scanner")
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.titleSize
        font.weight: Font.Bold
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }

    StatusPanel {
        objectName: "scannerStatus"
        text: status.scannerText
        problem: PrintDesk.scannerSearch === PrintDesk.Searched && PrintDesk.scanners.length === 0
        waiting: PrintDesk.scannerSearch !== PrintDesk.Searched
        Layout.fillWidth: true
    }

    KioskButton {
        objectName: "checkDevicesButton"
        text: qsTr("Vérifier à nouveau")
        enabled: PrintDesk.scannerSearch !== PrintDesk.Searching
        onClicked: {
            PrintDesk.checkPrinter();
            PrintDesk.findScanners();
        }
    }
}
