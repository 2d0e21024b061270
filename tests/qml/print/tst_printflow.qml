// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtTest
import Relais.Core
import Relais.App
import Relais.Print
import Relais.Test
import "../shared/finger.js" as Finger

// Printing and scanning tapped through the real screens, on a real CUPS scheduler and SANE's
// test scanners: a document of the visit previewed, two copies printed (its three pages land
// once on the CUPS-PDF printer, six are counted), a stopped printer said so, a paper scanned,
// turned, cropped and printed, and the mediator's view of both devices. A picture of each
// screen is saved in Rig.screenshotDir.
Item {
    id: root

    width: 1280
    height: 800

    KioskShell {
        id: shell

        anchors.fill: parent
    }

    TestCase {
        name: "PrintFlow"
        when: windowShown

        function findVisible(parent, name) {
            return Finger.findVisible(parent, name);
        }

        // In the shell or in one of its popups (which the window's overlay holds).
        function item(name) {
            return Finger.item(this, shell.Window.window.contentItem, name, 10000);
        }

        function tap(name) {
            const target = item(name);
            tryVerify(() => target.enabled, 10000, name + " is disabled");
            mouseClick(target);
        }

        function text(name) {
            const found = findVisible(shell, name);
            return found ? found.text : "";
        }

        function snapshot(name) {
            // save() throws when the file cannot be written, which fails the test.
            grabImage(shell).save(Rig.screenshotDir + "/" + name + ".png");
        }

        function startSession() {
            if (Kiosk.session.state !== SessionController.Attract) {
                Kiosk.session.endSession();
                Kiosk.session.acknowledgeGoodbye();
            }
            mouseClick(shell);
            compare(Kiosk.session.state, SessionController.Home);
        }

        function test_1_printADocumentOfTheVisit() {
            startSession();
            PrintDesk.addDocument(Rig.samplePdf(3), "attestation-caf.pdf");
            tap("tile-print");
            item("tile-document-0");
            snapshot("print-1-menu");
            tap("tile-document-0");
            tryVerify(() => text("pageNumber") === "Page 1 sur 3", 10000, text("pageNumber"));
            tryVerify(() => text("printStateText") === "L'imprimante est prête.", 10000, text("printStateText"));
            tap("nextPageButton");
            tryVerify(() => text("pageNumber") === "Page 2 sur 3", 10000, text("pageNumber"));
            tap("moreCopiesButton");
            compare(text("copiesValue"), "2");
            wait(300); // the page is rendered off the interface's thread
            snapshot("print-2-preview");
            Rig.resetOutput();
            tap("printButton");
            tryVerify(() => text("printStateText").indexOf("Terminé") === 0, 60000, text("printStateText"));
            compare(Rig.outputPages(), Rig.landedPages(3, 2));
            tryVerify(() => Rig.pagesLogged() === 6, 10000, "pages logged: " + Rig.pagesLogged());
            snapshot("print-3-done");
            Kiosk.textScale = 2;
            wait(300);
            snapshot("print-4-done-200pct");
            Kiosk.textScale = 1;
        }

        function test_2_stoppedPrinterIsSaid() {
            tap("previewBackButton");
            verify(Rig.pausePrinter());
            tap("tile-document-0");
            tryVerify(() => text("printStateText").indexOf("L'imprimante est arrêtée.") === 0, 15000, text("printStateText"));
            tap("printButton");
            tryVerify(() => text("printStateText").indexOf("En attente : L'imprimante est arrêtée.") === 0, 15000, text("printStateText"));
            snapshot("print-5-waiting-stopped");
            verify(Rig.resumePrinter());
            tryVerify(() => text("printStateText").indexOf("Terminé") === 0, 60000, text("printStateText"));
            tap("previewBackButton");
            item("tile-scan");
        }

        function test_3_scanTurnCropPrint() {
            tap("tile-scan");
            item("scanner-1");
            snapshot("scan-1-start");
            tap("previewScanButton");
            item("rotateButton");
            wait(200);
            snapshot("scan-2-preview");
            tap("rotateButton");
            tap("cropButton");
            const handle = item("cropHandle-bottomRight");
            mouseDrag(handle, handle.width / 2, handle.height / 2, -150, -120);
            tryVerify(() => {
                const crop = shell.currentScreen.shown.scan.crop;
                return crop.width < 0.9 && crop.height < 0.9;
            }, 5000, "the crop did not follow the handle");
            snapshot("scan-3-crop");
            tap("cropButton");
            Rig.resetOutput();
            tap("printScanButton");
            item("scanPrintPreview");
            tryVerify(() => text("printStateText") === "L'imprimante est prête.", 10000, text("printStateText"));
            wait(300);
            snapshot("scan-4-print-preview");
            tap("printButton");
            tryVerify(() => text("printStateText").indexOf("Terminé") === 0, 60000, text("printStateText"));
            compare(Rig.outputPages(), 1);
            tryVerify(() => Rig.pagesLogged() === 1, 10000, "pages logged: " + Rig.pagesLogged());
            verify(Rig.filesInSessions() > 0);
        }

        function test_4_mediatorSeesTheDevices() {
            Kiosk.mediator.openPad();
            for (const digit of [4, 8, 2, 6])
                Kiosk.mediator.digit(digit);
            Kiosk.mediator.submitPin();
            verify(Kiosk.mediator.unlocked);
            tap("mediatorPages");
            tap("mediatorTab-devices");
            tryVerify(() => text("printerStatusText") === "L'imprimante est prête.", 15000, text("printerStatusText"));
            tryVerify(() => text("scannerStatusText").indexOf("2 scanners sont prêts") === 0, 30000, text("scannerStatusText"));
            snapshot("mediator-devices");
            verify(Rig.pausePrinter());
            tryVerify(() => text("printerStatusText") === "L'imprimante est arrêtée.", 15000, text("printerStatusText"));
            verify(Rig.resumePrinter());
            Kiosk.mediator.leave();
        }

        function test_5_theEndOfTheSessionForgets() {
            Kiosk.session.endSession();
            compare(Rig.filesInSessions(), 0);
            compare(PrintDesk.documents.length, 0);
            Kiosk.session.acknowledgeGoodbye();
        }

        // "Retour" and the title, each on screen and clear of the other.
        function verifyHeaderClear(backName, what) {
            const back = item(backName);
            const title = item("pageTitle");
            const b = back.mapToItem(shell, 0, 0, back.width, back.height);
            const t = title.mapToItem(shell, 0, 0, title.width, title.height);
            const apart = t.x >= b.x + b.width || t.y >= b.y + b.height;
            verify(apart, what + ": title " + JSON.stringify(t) + " over the back button " + JSON.stringify(b));
            verify(t.x + t.width <= shell.width && b.x >= 0 && b.y >= 0, what + ": header off the screen");
        }

        // As the screen tour does: a screen opened in French at 100 %, and at once English at
        // 200 % (the scan screen once kept its title where the smaller "Retour" ended, under
        // the larger "Back").
        function test_6_headersStayClearInEnglishAt200pct() {
            startSession();
            tap("tile-print");
            item("tile-scan");
            Kiosk.language = "en";
            Kiosk.textScale = 2;
            wait(300);
            verifyHeaderClear("backButton", "print, en, 200 %");
            Kiosk.language = "fr";
            Kiosk.textScale = 1;
            wait(300);
            tap("tile-scan");
            Kiosk.language = "en";
            Kiosk.textScale = 2;
            wait(300);
            verifyHeaderClear("scanBackButton", "scan, en, 200 %");
            compare(text("scanBackButton"), "Back");
            snapshot("scan-5-en-200pct");
            Kiosk.session.endSession();
            Kiosk.session.acknowledgeGoodbye();
        }
    }
}
