// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme
import Relais.Camera
import Relais.Visio

// The video screen around the call: the pre-call check of picture and sound, the queue, a
// closed counter, and the end, with what the resident can do at each phase.
PageColumn {
    id: lobby

    required property VisioCall call
    required property string agencyName
    required property string statusText
    // The resident's own picture in the pre-call check.
    property alias selfPicture: selfView

    // "Appeler un conseiller": the screen asks why she calls before she joins the queue.
    signal callRequested

    // The title at the top, the rest in the middle of the screen's height (the spacers).
    fill: true

    RowLayout {
        spacing: Theme.margin
        Layout.fillWidth: true

        KioskButton {
            objectName: "backButton"
            text: qsTr("Retour")
            pictogram: "back"
            visible: lobby.call.phase !== VisioCall.Queued && lobby.call.phase !== VisioCall.Connecting
            onClicked: Kiosk.session.back()
        }

        Pictogram {
            name: "video"
            size: Theme.touchTarget
        }

        ScreenTitle {
            text: lobby.agencyName
            color: Theme.primary
            Layout.fillWidth: true
        }
    }

    Item {
        Layout.fillHeight: true
    }

    RowLayout {
        spacing: Theme.margin
        Layout.fillWidth: true

        WaitIndicator {
            objectName: "visioWaitIndicator"
            visible: lobby.call.phase === VisioCall.Connecting || lobby.call.phase === VisioCall.Queued
            label: lobby.statusText
            Layout.alignment: Qt.AlignVCenter
        }

        Text {
            objectName: "visioStatus"
            text: lobby.statusText
            // The queue's position and the call's progress are said as they change.
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Math.round(Theme.titleSize * 0.8)
            font.weight: Font.DemiBold
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignVCenter
        }
    }

    // An adviser's word while she waits, framed so that it reads as a message to her.
    Rectangle {
        objectName: "waitingWord"
        visible: lobby.call.phase === VisioCall.Queued && lobby.call.waitingWord !== ""
        color: Theme.primarySoft
        radius: Theme.radius
        implicitHeight: wordText.implicitHeight + 2 * Theme.margin
        Layout.fillWidth: true

        Text {
            id: wordText

            objectName: "waitingWordText"
            anchors.fill: parent
            anchors.margins: Theme.margin
            text: qsTr("Message du conseiller : %1").arg(lobby.call.waitingWord)
            // Said when it comes, like the queue's position.
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            font.weight: Font.DemiBold
            wrapMode: Text.WordWrap
            verticalAlignment: Text.AlignVCenter
        }
    }

    Text {
        text: qsTr("Attente estimée : environ %n minutes.", "", lobby.call.waitMinutes)
        visible: lobby.call.phase === VisioCall.Queued && lobby.call.waitMinutes > 0
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        Layout.fillWidth: true
    }

    RowLayout {
        visible: lobby.call.phase === VisioCall.Checking
        spacing: Theme.margin
        Layout.fillWidth: true

        Rectangle {
            color: "#101820"
            radius: Theme.radius
            // As wide as half the screen, and no taller than leaves room for the words and buttons.
            Layout.preferredWidth: Math.min(lobby.width * 0.5, lobby.height * 0.36 * 16 / 9)
            Layout.preferredHeight: Layout.preferredWidth * 9 / 16

            FrameView {
                id: selfView

                objectName: "selfView"
                anchors.fill: parent
                anchors.margins: 4
                mirrored: true
            }

            // The camera takes a moment to open.
            WaitIndicator {
                objectName: "cameraWaitIndicator"
                anchors.centerIn: parent
                visible: !selfView.hasFrame
                label: qsTr("La caméra s'allume…")
                color: Theme.onPrimary
                trackColor: "#3A4654"
            }
        }

        ColumnLayout {
            spacing: 12
            Layout.fillWidth: true

            // Said before the call starts on the loudspeaker, where others can hear it.
            Text {
                objectName: "sharedRoomNotice"
                visible: lobby.call.sharedRoom
                text: lobby.call.soundOutput === "headset" ? qsTr("Vous êtes dans un lieu partagé. Un casque est branché : vous entendrez le conseiller dans le casque.") : qsTr("Vous êtes dans un lieu partagé : utilisez le casque si vous le souhaitez.")
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                font.bold: true
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Text {
                text: qsTr("Parlez : la barre doit bouger.")
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Rectangle {
                objectName: "soundLevel"
                color: Theme.primarySoft
                radius: 10
                implicitHeight: 28
                Layout.fillWidth: true

                Rectangle {
                    width: parent.width * lobby.call.soundLevel
                    height: parent.height
                    radius: 10
                    color: Theme.primary
                }
            }
        }
    }

    Flow {
        spacing: Theme.targetGap
        Layout.fillWidth: true

        KioskButton {
            objectName: "callButton"
            visible: lobby.call.phase === VisioCall.Checking || lobby.call.phase === VisioCall.Failed
            text: qsTr("Appeler un conseiller")
            pictogram: "video"
            kind: KioskButton.Primary
            onClicked: lobby.callRequested()
        }

        KioskButton {
            objectName: "leaveQueueButton"
            visible: lobby.call.phase === VisioCall.Queued || lobby.call.phase === VisioCall.Connecting
            text: qsTr("Quitter la file")
            onClicked: lobby.call.leaveQueue()
        }

        KioskButton {
            objectName: "callbackButton"
            visible: (lobby.call.phase === VisioCall.Queued || (lobby.call.phase === VisioCall.Closed && lobby.call.callbackAvailable)) && !lobby.call.callbackRecorded
            text: qsTr("Être rappelé plus tard")
            onClicked: lobby.call.askCallback()
        }

        KioskButton {
            visible: lobby.call.phase === VisioCall.Failed || lobby.call.phase === VisioCall.Closed
            text: qsTr("Demander de l'aide au médiateur")
            pictogram: "mediator"
            onClicked: Kiosk.session.openActivity("mediator")
        }

        KioskButton {
            objectName: "visioHomeButton"
            visible: lobby.call.phase === VisioCall.Ended
            text: qsTr("Retour à l'accueil")
            pictogram: "home"
            kind: KioskButton.Primary
            onClicked: Kiosk.session.home()
        }
    }

    Item {
        Layout.fillHeight: true
    }
}
