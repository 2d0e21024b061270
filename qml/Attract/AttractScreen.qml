// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// What passers-by see: where they are, today's hours, and one thing to do: touch.
KioskScreen {
    id: screen

    readonly property string hoursText: Kiosk.todayHours === "" ? qsTr("Fermé aujourd'hui. Prochaine ouverture : %1.").arg(Kiosk.nextOpening) : qsTr("Ouvert aujourd'hui : %1.").arg(Kiosk.todayHours)

    spokenText: Kiosk.siteName + ". " + qsTr("Touchez l'écran pour commencer") + ". " + hoursText

    MouseArea {
        anchors.fill: parent
        Accessible.role: Accessible.Button
        Accessible.name: qsTr("Touchez l'écran pour commencer")
        onClicked: mouse => {
            const at = mapToItem(null, mouse.x, mouse.y);
            // The mediator's three taps in the corner open the PIN pad, not a resident's visit.
            if (!Kiosk.isMediatorCorner(at.x, at.y, screen.Window.width, screen.Window.height))
                Kiosk.session.begin();
        }
    }

    PageColumn {
        anchors.fill: parent
        anchors.leftMargin: Math.max(0, (parent.width - 1200) / 2)
        anchors.rightMargin: anchors.leftMargin
        centered: true

        Text {
            text: Kiosk.siteName
            color: Theme.primary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.titleSize
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }

        Rectangle {
            color: Theme.primary
            radius: Theme.radius * 2
            implicitHeight: invitation.implicitHeight + 2 * Theme.margin
            Layout.fillWidth: true

            RowLayout {
                id: invitation

                anchors.centerIn: parent
                width: parent.width - 2 * Theme.margin
                spacing: Theme.margin

                Pictogram {
                    name: "touch"
                    size: Math.round(Theme.displaySize * 2)
                    whiteDisc: true
                    Layout.alignment: Qt.AlignVCenter
                }

                Text {
                    text: qsTr("Touchez l'écran pour commencer")
                    color: Theme.onPrimary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.displaySize
                    font.weight: Font.Bold
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
            }
        }

        RowLayout {
            spacing: 18
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: parent.width

            Pictogram {
                name: "clock"
                size: Math.round(Theme.bodySize * 1.8)
            }

            Text {
                text: screen.hoursText
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }

        Text {
            // Shown in English whatever the language, for visitors who do not read French.
            text: Kiosk.offersLanguage("en") ? "Touch the screen to start · English available" : ""
            visible: text !== ""
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.smallSize
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
    }
}
