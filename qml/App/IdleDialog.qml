// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// Asked after a while without a touch (WCAG 2.2.1): the resident can ask for more time.
// At zero the session ends and everything is erased.
Rectangle {
    id: dialog

    color: Theme.scrim
    Accessible.role: Accessible.Dialog
    Accessible.name: title.text
    Accessible.description: warning.text + " " + secondsLeft.text

    // The dialog takes every touch, so nothing behind it is pressed by accident; a touch
    // beside the card also shows that someone is there.
    MouseArea {
        anchors.fill: parent
        Accessible.ignored: true
        onClicked: Kiosk.session.stillHere()
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 1000)
        height: Math.min(parent.height - 2 * Theme.margin, content.implicitHeight + 2 * Theme.margin)
        radius: Theme.radius * 2
        color: Theme.surface

        ColumnLayout {
            id: content

            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.margin * 0.75

            ScreenTitle {
                id: title

                text: qsTr("Êtes-vous toujours là ?")
                font.pixelSize: Math.round(48 * Theme.chromeScale)
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }

            Text {
                id: warning

                text: qsTr("Sans réponse, la borne va tout effacer dans :")
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Math.round(26 * Theme.chromeScale)
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }

            Text {
                id: secondsLeft

                objectName: "secondsLeftText"
                text: qsTr("%n secondes", "", Kiosk.session.secondsLeft)
                color: Theme.primary
                font.family: Theme.fontFamily
                font.pixelSize: Math.round(40 * Theme.chromeScale)
                font.weight: Font.Bold
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }

            Rectangle {
                // Time left, as a bar: the number alone is hard to follow for some.
                color: Theme.primarySoft
                radius: height / 2
                implicitHeight: 20
                Layout.fillWidth: true

                Rectangle {
                    width: parent.width * Kiosk.session.secondsLeft / Math.max(1, Kiosk.session.countdownSeconds)
                    height: parent.height
                    radius: height / 2
                    color: Theme.primary
                }
            }

            KioskButton {
                objectName: "stillHereButton"
                text: qsTr("Oui, je continue")
                kind: KioskButton.Primary
                font.pixelSize: Math.round(36 * Theme.chromeScale)
                Layout.fillWidth: true
                onClicked: Kiosk.session.stillHere()
            }

            KioskButton {
                text: qsTr("Non, terminer et effacer")
                font.pixelSize: Theme.barButtonSize
                Layout.fillWidth: true
                // Two targets one above the other: the theme's gap between them, not the text's.
                Layout.topMargin: Math.max(0, Theme.targetGap - content.spacing)
                onClicked: Kiosk.session.endSession()
            }
        }
    }
}
