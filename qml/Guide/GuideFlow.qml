// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Core
import Relais.Guide
import Relais.Theme

// "Faire ma démarche en ligne": the agency's procedures (or a search when no agency was
// chosen), then what to prepare, then the guide beside the site.
KioskScreen {
    id: flow

    // The guide's page forwards its downloads; see GuideScreen.pdfDownloaded.
    signal pdfDownloaded(string path)

    property string page: ""
    property string procedureId: ""
    property string query: ""
    property bool searchWasUsed: Kiosk.session.agency === ""
    readonly property KioskScreen current: pages.item as KioskScreen

    function show(name: string): void {
        page = name;
        if (name === "search")
            pages.setSource(Qt.resolvedUrl("SearchScreen.qml"), {
                "initialQuery": query
            });
        else if (name === "before")
            pages.setSource(Qt.resolvedUrl("BeforeStartScreen.qml"), {
                "procedureId": procedureId
            });
        else if (name === "guide")
            pages.setSource(Qt.resolvedUrl("GuideScreen.qml"), {
                "procedureId": procedureId
            });
        else
            pages.setSource(Qt.resolvedUrl("ProcedureListScreen.qml"), {
                "agencyId": Kiosk.session.agency
            });
    }

    function choose(id: string): void {
        procedureId = id;
        show("before");
    }

    function openSearch(): void {
        searchWasUsed = true;
        show("search");
    }

    function back(): void {
        if (page === "guide")
            show("before");
        else if (page === "before")
            show(searchWasUsed ? "search" : "list");
        else if (page === "search" && Kiosk.session.agency !== "")
            show("list");
        else
            Kiosk.session.back();
    }

    spokenText: current ? current.spokenText : ""

    Component.onCompleted: show(Kiosk.session.agency === "" ? "search" : "list")

    // The web engine's first start and a new profile hold the UI thread for up to half a
    // second; the resident who chose to do a procedure online reads the list and "Avant de
    // commencer" for longer than that, so they are made then, once her first screen is
    // drawn, rather than after her tap on "Commencer".
    Timer {
        interval: 250
        running: GuideSession.preparesAhead
        onTriggered: GuideSession.prepare()
    }

    Loader {
        id: pages

        anchors.fill: parent
        // Each page says what the resident chose; the flow decides what comes next.
        onLoaded: {
            const list = item as ProcedureListScreen;
            if (list) {
                list.chosen.connect(flow.choose);
                list.searchRequested.connect(flow.openSearch);
                list.backRequested.connect(flow.back);
            }
            const search = item as SearchScreen;
            if (search) {
                search.chosen.connect(flow.choose);
                search.queryEdited.connect(text => flow.query = text);
                search.backRequested.connect(flow.back);
            }
            const before = item as BeforeStartScreen;
            if (before) {
                before.startRequested.connect(() => flow.show("guide"));
                before.backRequested.connect(flow.back);
            }
            const guide = item as GuideScreen;
            if (guide) {
                guide.pdfDownloaded.connect(flow.pdfDownloaded);
                guide.backRequested.connect(flow.back);
            }
        }
    }
}
