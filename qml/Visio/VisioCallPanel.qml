// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Relais.Theme
import Relais.Camera
import Relais.Visio

// The call itself, over the whole screen: the adviser's picture, the resident's own small,
// and over them who she is talking to, how well, the text, the documents and the controls.
Item {
    id: panel

    required property VisioCall call
    required property string statusText
    required property string qualityText
    required property string documentText
    // Where she hears the adviser, said calmly beside the call's status: it changes by
    // itself when a headset is plugged in or pulled out.
    readonly property string soundText: panel.call.soundOutput === "headset" ? qsTr("Son : casque") : (panel.call.soundOutput === "speaker" ? qsTr("Son : haut-parleur") : "")
    property alias remotePicture: remoteView
    property alias selfPicture: callSelfView

    // "Scanner un papier": the screen opens the scan screen over the call.
    signal scanRequested

    // The adviser, as large as the screen allows, while the call lasts.
    Rectangle {
        anchors.fill: parent
        color: "#101820"

        FrameView {
            id: remoteView

            objectName: "remoteView"
            anchors.fill: parent
        }

        // "Le conseiller arrive…": in the middle of the picture still to come.
        WaitIndicator {
            objectName: "adviserWaitIndicator"
            anchors.horizontalCenter: parent.horizontalCenter
            y: Math.max(0, (controlBar.y - height) / 2)
            visible: panel.call.phase === VisioCall.InCall && !panel.call.seeingAgent
            label: panel.statusText
            color: Theme.onPrimary
            trackColor: "#3A4654"
        }

        // Rebuilding the call: said in the middle of the picture, big, so that she waits.
        Rectangle {
            objectName: "reconnectingBanner"
            // In the middle of what the controls leave of the picture.
            anchors.horizontalCenter: parent.horizontalCenter
            y: Math.max(0, (controlBar.y - height) / 2)
            width: Math.min(parent.width - 2 * Theme.margin, Math.max(reconnectingText.implicitWidth, reconnectingIndicator.width) + 2 * Theme.margin)
            height: reconnectingIndicator.height + reconnectingText.implicitHeight + 3 * Theme.margin
            visible: panel.call.phase === VisioCall.Reconnecting
            radius: 12
            color: Theme.scrim

            WaitIndicator {
                id: reconnectingIndicator

                objectName: "reconnectingWaitIndicator"
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.top: parent.top
                anchors.topMargin: Theme.margin
                label: reconnectingText.text
                color: Theme.onPrimary
                trackColor: "#3A4654"
            }

            Text {
                id: reconnectingText

                anchors.horizontalCenter: parent.horizontalCenter
                anchors.top: reconnectingIndicator.bottom
                anchors.topMargin: Theme.margin
                width: Math.min(implicitWidth, parent.parent.width - 4 * Theme.margin)
                text: qsTr("Reconnexion… Ne quittez pas.")
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
                color: Theme.onPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.titleSize
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
            }
        }
    }

    // A weak line, said calmly at the top of the picture while it lasts: the picture is
    // smaller, or stopped so that the voice stays whole (the adviser's console says the same).
    Rectangle {
        objectName: "lineNotice"
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.topMargin: 16
        anchors.leftMargin: 16
        width: Math.min(parent.width * 0.7 - 32, lineNoticeText.implicitWidth + 2 * Theme.margin)
        height: lineNoticeText.implicitHeight + Theme.margin
        visible: panel.call.phase === VisioCall.InCall && panel.call.lineState !== "ok"
        radius: 12
        color: Theme.scrim

        Text {
            id: lineNoticeText

            objectName: "lineNoticeText"
            anchors.centerIn: parent
            width: Math.min(implicitWidth, parent.parent.width * 0.7 - 32 - 2 * Theme.margin)
            text: panel.call.lineState === "audio_only" ? qsTr("Connexion faible : son seulement") : qsTr("Connexion faible : image réduite")
            color: Theme.onPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.titleSize
            font.weight: Font.DemiBold
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
    }

    // The resident's own picture, small, as the adviser sees it; out of the way while the
    // on-screen keyboard leaves little room.
    Rectangle {
        visible: panel.height > 500
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: 16
        width: Math.min(parent.width * 0.25, 360)
        height: width * 9 / 16
        radius: 8
        color: "#000000"
        border.color: Theme.surface
        border.width: 3

        FrameView {
            id: callSelfView

            objectName: "callSelfView"
            anchors.fill: parent
            anchors.margins: 3
            mirrored: true
        }
    }

    // Over the adviser's picture: who, how well, what the document is doing, and the controls.
    Rectangle {
        id: controlBar

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        implicitHeight: callBar.implicitHeight + 28
        color: Theme.scrim

        ColumnLayout {
            id: callBar

            anchors.fill: parent
            anchors.margins: 14
            spacing: 10

            Text {
                objectName: "callStatus"
                text: panel.statusText + (panel.qualityText !== "" ? " · " + panel.qualityText : "") + (panel.soundText !== "" ? " · " + panel.soundText : "")
                color: Theme.onPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Text {
                objectName: "agentText"
                // Said when a message is sent, not at each letter typed.
                Accessible.role: Accessible.AlertMessage
                Accessible.name: panel.call.agentMessage !== "" ? qsTr("Message du conseiller : %1").arg(panel.call.agentMessage) : ""
                text: panel.call.agentTyping !== "" ? qsTr("Le conseiller écrit : %1").arg(panel.call.agentTyping) : (panel.call.agentMessage !== "" ? qsTr("Message du conseiller : %1").arg(panel.call.agentMessage) : "")
                visible: text !== ""
                color: Theme.onPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            // A form the adviser sent: the resident says whether to keep it for printing.
            ColumnLayout {
                objectName: "documentOffer"
                visible: panel.call.offeredDocument !== ""
                spacing: 8
                Layout.fillWidth: true

                Text {
                    text: qsTr("Le conseiller vous envoie un document : « %1 » (%2 Ko). Voulez-vous le garder pour l'imprimer à l'accueil ?").arg(panel.call.offeredDocument).arg(panel.call.offeredDocumentKb)
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                    color: Theme.onPrimary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                    font.weight: Font.DemiBold
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }

                Flow {
                    spacing: Theme.targetGap
                    Layout.fillWidth: true

                    KioskButton {
                        objectName: "keepDocumentButton"
                        text: qsTr("Oui, le garder")
                        kind: KioskButton.Primary
                        onClicked: panel.call.keepOfferedDocument()
                    }

                    KioskButton {
                        objectName: "declineDocumentButton"
                        text: qsTr("Non merci")
                        onClicked: panel.call.declineOfferedDocument()
                    }
                }
            }

            Text {
                objectName: "keptDocuments"
                visible: panel.call.keptDocuments > 0 && panel.call.offeredDocument === ""
                text: qsTr("Documents gardés pour l'impression : %1.").arg(panel.call.keptDocuments)
                color: Theme.onPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            RowLayout {
                visible: writeButton.selected
                spacing: Theme.targetGap
                Layout.fillWidth: true

                TextField {
                    id: message

                    objectName: "messageField"
                    placeholderText: qsTr("Écrivez votre message ici")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touchTarget
                    // Real-time text: the adviser sees each letter as it is typed, including a
                    // word the keyboard is still completing (displayText has it, text not yet).
                    onDisplayTextChanged: panel.call.typeText(displayText)
                    onAccepted: sendButton.clicked()
                }

                KioskButton {
                    id: sendButton

                    objectName: "sendMessageButton"
                    text: qsTr("Envoyer")
                    kind: KioskButton.Primary
                    onClicked: {
                        if (panel.call.sendText(message.text))
                            message.clear();
                    }
                }
            }

            RowLayout {
                visible: panel.documentText !== ""
                spacing: 12
                Layout.fillWidth: true

                WaitIndicator {
                    objectName: "documentWaitIndicator"
                    visible: panel.call.documentState === VisioCall.Sending
                    size: Math.round(Theme.smallSize * 2)
                    label: panel.documentText
                    color: Theme.onPrimary
                    trackColor: "#3A4654"
                }

                Text {
                    objectName: "documentStatus"
                    text: panel.documentText
                    color: Theme.onPrimary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.smallSize
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
            }

            Flow {
                spacing: Theme.targetGap
                Layout.fillWidth: true

                KioskButton {
                    objectName: "microphoneButton"
                    text: panel.call.microphoneMuted ? qsTr("Rétablir le micro") : qsTr("Couper le micro")
                    selected: panel.call.microphoneMuted
                    onClicked: panel.call.setMicrophoneMuted(!panel.call.microphoneMuted)
                }

                KioskButton {
                    objectName: "cameraButton"
                    text: panel.call.cameraOn ? qsTr("Couper la caméra") : qsTr("Rétablir la caméra")
                    selected: !panel.call.cameraOn
                    onClicked: panel.call.setCameraOn(!panel.call.cameraOn)
                }

                KioskButton {
                    id: writeButton

                    objectName: "writeButton"
                    text: qsTr("Écrire")
                    onClicked: {
                        selected = !selected;
                        if (selected)
                            message.forceActiveFocus();
                    }
                }

                KioskButton {
                    objectName: "showDocumentButton"
                    text: qsTr("Montrer un document")
                    pictogram: "guide"
                    enabled: panel.call.phase === VisioCall.InCall && panel.call.cameraOn && panel.call.documentState !== VisioCall.Sending
                    onClicked: panel.call.showDocument()
                }

                KioskButton {
                    objectName: "scanDocumentButton"
                    text: qsTr("Scanner un papier")
                    pictogram: "scan"
                    enabled: panel.call.phase === VisioCall.InCall
                    onClicked: panel.scanRequested()
                }

                KioskButton {
                    objectName: "hangUpButton"
                    text: qsTr("Raccrocher")
                    kind: KioskButton.Danger
                    onClicked: panel.call.hangUp()
                }
            }
        }
    }
}
