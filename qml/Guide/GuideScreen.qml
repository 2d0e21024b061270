// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme
import Relais.Guide
import Relais.Print

// The guide beside the site: the steps on the left (the current one highlighted, a big
// "Étape suivante", "J'ai besoin d'aide"), the agency's website on the rest of the screen.
KioskScreen {
    id: screen

    objectName: "guideScreen"
    required property string procedureId
    // Read again in the resident's language whenever she changes it.
    readonly property var procedure: Kiosk.language !== "" ? catalog.details(procedureId) : ({})

    // A PDF the resident downloaded is complete at `path`, a file of the session's own
    // directory (erased with the session). Its print preview opens over the guide, which
    // stays as it was; the side panel lists it ("Document reçu") and the print screen keeps
    // it until the session ends.
    signal pdfDownloaded(string path)
    signal backRequested

    spokenText: {
        const steps = procedure.steps;
        const current = steps[GuideSession.step];
        return qsTr("Étape %1 sur %2.").arg(GuideSession.step + 1).arg(steps.length) + " " + (current ? current.text : "");
    }

    Component.onCompleted: {
        GuideSession.open(procedureId);
        browser.setSource(Qt.resolvedUrl("GuideBrowser.qml"), {
            "profile": GuideSession.profile,
            "url": GuideSession.startUrl
        });
    }

    ProcedureModel {
        id: catalog
    }

    Connections {
        target: GuideSession

        function onProfileChanged() {
            // The session ends: the view goes before its profile.
            if (!GuideSession.profile)
                browser.source = "";
        }

        function onPdfDownloaded(path: string) {
            PrintDesk.addDocument(path, path.substring(path.lastIndexOf("/") + 1));
            printPreview.setSource("qrc:/Relais/Print/PrintPreview.qml", {
                "pdfPath": path
            });
            screen.pdfDownloaded(path);
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        GuidePanel {
            id: panel

            procedure: screen.procedure
            Layout.fillHeight: true
            Layout.preferredWidth: Math.round(Math.max(Theme.touchTarget * 6, screen.width * (Theme.textScale > 1.4 ? 0.42 : 0.32)))
            onBackRequested: screen.backRequested()
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            Loader {
                id: browser

                anchors.fill: parent
            }

            // A page of the agency's site can take long on a rural line: the ring turns over
            // it until it has loaded, so that the screen never looks frozen.
            WaitIndicator {
                objectName: "pageWaitIndicator"
                anchors.centerIn: parent
                visible: browser.item !== null && (browser.item as GuideBrowser).loading
                label: qsTr("Chargement de la page…")
            }

            RefusalNotice {
                anchors.fill: parent
            }
        }
    }

    Loader {
        id: printPreview

        objectName: "guidePrintPreview"
        anchors.fill: parent
        onLoaded: {
            const preview = item as PrintPreview;
            preview.closed.connect(() => printPreview.source = "");
        }
    }
}
