// SPDX-License-Identifier: EUPL-1.2
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// Mediator mode's one row at the top: the page shown, as a button that opens the list of
// pages, and "Quitter". One row at every screen size and text size, so that the page below
// keeps the screen's height (the count grid on 1280×800, with a notice above it).
RowLayout {
    id: menu

    // The pages, in the order the list shows them.
    readonly property var pages: [{
            "page": "grid",
            "label": qsTr("Comptage de la semaine")
        }, {
            "page": "weeks",
            "label": qsTr("Semaines passées")
        }, {
            "page": "results",
            "label": qsTr("Avis des usagers")
        }, {
            "page": "devices",
            "label": qsTr("Imprimante et scanner")
        }, {
            "page": "sync",
            "label": qsTr("Envois")
        }, {
            "page": "enrollment",
            "label": ""
        }]

    function label(page: string): string {
        if (page === "enrollment")
            return Kiosk.enrollment.enrolled && !Kiosk.enrollment.expired ? qsTr("Inscription de la borne") : qsTr("Inscrire cette borne");
        for (let i = 0; i < pages.length; ++i) {
            if (pages[i].page === page)
                return pages[i].label;
        }
        return "";
    }

    spacing: Theme.targetGap

    // The list never outlives what opened it.
    Connections {
        target: Kiosk.mediator

        function onPageChanged() {
            list.close();
        }

        function onUnlockedChanged() {
            list.close();
        }
    }

    KioskButton {
        id: opener

        objectName: "mediatorPages"
        text: qsTr("Pages : %1").arg(menu.label(Kiosk.mediator.page))
        pictogram: "guide"
        selected: list.opened
        font.pixelSize: Theme.barButtonSize
        Accessible.name: qsTr("Changer de page. Page affichée : %1").arg(menu.label(Kiosk.mediator.page))
        onClicked: list.opened ? list.close() : list.open()
        Layout.fillWidth: true
        Layout.maximumWidth: implicitWidth
    }

    Item {
        Layout.fillWidth: true
    }

    KioskButton {
        objectName: "mediatorLeave"
        text: qsTr("Quitter le mode médiateur")
        kind: KioskButton.Danger
        font.pixelSize: Theme.barButtonSize
        onClicked: Kiosk.mediator.leave()
    }

    // Under the row, the whole width: the pages as large buttons, as many to a row as fit.
    Popup {
        id: list

        objectName: "mediatorPageList"
        x: 0
        y: menu.height + Theme.targetGap / 2
        width: menu.width
        modal: true
        dim: false
        padding: Theme.margin
        closePolicy: Popup.CloseOnPressOutside | Popup.CloseOnEscape

        background: Rectangle {
            color: Theme.surface
            radius: Theme.radius
            border.color: Theme.border
            border.width: 2
        }

        contentItem: Flow {
            spacing: Theme.targetGap

            Repeater {
                model: menu.pages

                KioskButton {
                    required property var modelData

                    objectName: "mediatorTab-" + modelData.page
                    text: menu.label(modelData.page)
                    selected: Kiosk.mediator.page === modelData.page
                    font.pixelSize: Theme.barButtonSize
                    onClicked: {
                        Kiosk.mediator.page = modelData.page;
                        list.close();
                    }
                }
            }
        }
    }
}
