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

        // The menu steps aside while the on-screen keyboard is open: the page being typed in
        // keeps what is left of the screen (the enrollment form).
        MediatorMenu {
            visible: !overlay.typing
            Layout.fillWidth: true
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
