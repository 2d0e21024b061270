pragma ComponentBehavior: Bound

import QtQuick
import Relais.Core
import Relais.Theme

// "Faire ma démarche en ligne": the agency's procedures (or a search when no agency was
// chosen), then what to prepare, then the guide beside the site.
KioskScreen {
    id: flow

    // The guide's page forwards its downloads; see GuideScreen.pdfDownloaded.
    signal pdfDownloaded(string path)

    property string page: Kiosk.session.agency === "" ? "search" : "list"
    property string procedureId: ""
    property string query: ""
    readonly property KioskScreen current: pages.item as KioskScreen

    function choose(id: string): void {
        procedureId = id;
        page = "before";
    }

    function back(): void {
        if (page === "guide") {
            page = "before";
        } else if (page === "before") {
            page = Kiosk.session.agency === "" || searchWasUsed ? "search" : "list";
        } else if (page === "search" && Kiosk.session.agency !== "") {
            page = "list";
        } else {
            Kiosk.session.back();
        }
    }

    property bool searchWasUsed: Kiosk.session.agency === ""

    spokenText: current ? current.spokenText : ""

    Loader {
        id: pages

        anchors.fill: parent
        sourceComponent: {
            switch (flow.page) {
            case "search":
                return search;
            case "before":
                return before;
            case "guide":
                return guide;
            default:
                return list;
            }
        }
    }

    Component {
        id: list

        ProcedureListScreen {
            agencyId: Kiosk.session.agency
            onChosen: id => flow.choose(id)
            onBackRequested: flow.back()
            onSearchRequested: {
                flow.searchWasUsed = true;
                flow.page = "search";
            }
        }
    }

    Component {
        id: search

        SearchScreen {
            initialQuery: flow.query
            onQueryEdited: text => flow.query = text
            onChosen: id => flow.choose(id)
            onBackRequested: flow.back()
        }
    }

    Component {
        id: before

        BeforeStartScreen {
            procedureId: flow.procedureId
            onBackRequested: flow.back()
            onStartRequested: flow.page = "guide"
        }
    }

    Component {
        id: guide

        GuideScreen {
            procedureId: flow.procedureId
            onBackRequested: flow.back()
            onPdfDownloaded: path => flow.pdfDownloaded(path)
        }
    }
}
