// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme
import Relais.Print

// Mediator mode, over whatever the kiosk shows: the PIN pad, then the grid, the past weeks
// the survey results and what has reached the observatory. It takes every touch so nothing
// underneath is pressed.
Rectangle {
    id: overlay

    readonly property MediatorController mediator: Kiosk.mediator
    // The on-screen keyboard is open (set by the shell).
    property bool typing: false
    color: Theme.background
    visible: mediator.padOpen || mediator.unlocked

    MouseArea {
        anchors.fill: parent
        Accessible.ignored: true
    }

    PinPad {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 700)
        visible: overlay.mediator.padOpen
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 20
        spacing: Theme.targetGap
        visible: overlay.mediator.unlocked

        // The tabs step aside while the on-screen keyboard is open: the page being typed in
        // keeps what is left of the screen (the enrollment form).
        Flow {
            visible: !overlay.typing
            spacing: Theme.targetGap
            Layout.fillWidth: true

            Repeater {
                model: [{
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

                KioskButton {
                    required property var modelData

                    objectName: "mediatorTab-" + modelData.page
                    // The enrollment tab's label follows the kiosk's state without the
                    // Repeater remaking its buttons.
                    text: modelData.page !== "enrollment" ? modelData.label : Kiosk.enrollment.enrolled && !Kiosk.enrollment.expired ? qsTr("Inscription de la borne") : qsTr("Inscrire cette borne")
                    selected: Kiosk.mediator.page === modelData.page
                    font.pixelSize: Theme.barButtonSize
                    onClicked: Kiosk.mediator.page = modelData.page
                }
            }

            KioskButton {
                objectName: "mediatorLeave"
                text: qsTr("Quitter le mode médiateur")
                kind: KioskButton.Danger
                font.pixelSize: Theme.barButtonSize
                onClicked: overlay.mediator.leave()
            }
        }

        Rectangle {
            objectName: "certificateExpiredNotice"
            visible: Kiosk.enrollment.expired && overlay.mediator.page !== "enrollment"
            color: Theme.notice
            radius: Theme.radius
            implicitHeight: expiredText.implicitHeight + 32
            Layout.fillWidth: true

            Text {
                id: expiredText

                anchors.fill: parent
                anchors.margins: 16
                text: qsTr("Le certificat de la borne a expiré : elle n'envoie plus rien. Ouvrez « Inscrire cette borne ».")
                color: Theme.onNotice
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
            }
        }

        CountGrid {
            visible: overlay.mediator.page === "grid"
            Layout.fillWidth: true
            Layout.fillHeight: true
        }

        PastWeeks {
            visible: overlay.mediator.page === "weeks"
            Layout.fillWidth: true
            Layout.fillHeight: true
        }

        SurveyResults {
            visible: overlay.mediator.page === "results"
            Layout.fillWidth: true
            Layout.fillHeight: true
        }

        DeviceStatus {
            objectName: "deviceStatus"
            visible: overlay.mediator.unlocked && overlay.mediator.page === "devices"
            Layout.fillWidth: true
            Layout.fillHeight: true
        }

        SyncState {
            visible: overlay.mediator.page === "sync"
            Layout.fillWidth: true
            Layout.fillHeight: true
        }

        EnrollmentPage {
            visible: overlay.mediator.page === "enrollment"
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
    }
}
