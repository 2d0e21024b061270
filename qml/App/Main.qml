// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.App

// The kiosk's single window; relais-kiosk shows it full screen.
Window {
    width: 1280
    height: 800
    title: qsTr("Relais – borne de services publics")

    KioskShell {
        anchors.fill: parent
    }
}
