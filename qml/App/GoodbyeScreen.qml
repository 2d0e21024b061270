// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// Shown for a few seconds after a session: the resident sees that her data is gone.
KioskScreen {
    id: screen

    spokenText: qsTr("Merci et à bientôt !") + " " + qsTr("Vos informations ont été effacées de cette borne.")

    MouseArea {
        anchors.fill: parent
        Accessible.role: Accessible.Button
        Accessible.name: qsTr("Revenir à l'écran de départ")
        onClicked: Kiosk.session.acknowledgeGoodbye()
    }

    PageColumn {
        anchors.fill: parent
        anchors.leftMargin: Math.max(0, (parent.width - 1100) / 2)
        anchors.rightMargin: anchors.leftMargin
        centered: true

        ScreenTitle {
            text: qsTr("Merci et à bientôt !")
            font.pixelSize: Theme.displaySize
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }

        Text {
            text: qsTr("Vos informations ont été effacées de cette borne.")
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
    }
}
