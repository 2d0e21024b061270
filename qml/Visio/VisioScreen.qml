import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Relais.Core
import Relais.Theme
import Relais.Print
import Relais.Camera
import Relais.Visio

// "Parler à un conseiller en visio": check one's picture and sound, wait in the agency's
// queue, talk with the adviser, and come back here when it ends.
KioskScreen {
    id: screen

    readonly property string agencyName: Kiosk.agencyName(call.agency)
    readonly property string statusText: {
        switch (call.phase) {
        case VisioCall.Checking:
            return qsTr("Vérifiez votre image et votre son. Quand vous êtes prêt, touchez « Appeler un conseiller ».");
        case VisioCall.Connecting:
            return qsTr("Connexion en cours…");
        case VisioCall.Queued:
            return call.position <= 1 ? qsTr("Vous êtes la prochaine personne. Un conseiller va vous répondre.") : qsTr("%1 personnes attendent avant vous.").arg(call.position - 1);
        case VisioCall.Closed:
            if (call.closedWhileWaiting)
                return call.nextOpening !== "" ? qsTr("Désolé, plus aucun conseiller ne répond pour le moment. Prochaine ouverture : %1.").arg(call.nextOpening) : qsTr("Désolé, plus aucun conseiller ne répond pour le moment.");
            return call.nextOpening !== "" ? qsTr("Les conseillers ne répondent pas en ce moment. Prochaine ouverture : %1.").arg(call.nextOpening) : qsTr("Les conseillers ne répondent pas en ce moment.");
        case VisioCall.InCall:
            return call.seeingAgent ? qsTr("Vous parlez avec %1.").arg(call.agentName) : qsTr("Le conseiller arrive…");
        case VisioCall.Reconnecting:
            return qsTr("Reconnexion… Ne quittez pas.");
        case VisioCall.Ended:
            return call.callbackRecorded ? qsTr("C'est noté : un conseiller rappellera cet espace pour vous donner un rendez-vous.") : qsTr("L'appel est terminé. Merci.");
        default:
            return qsTr("La visio ne marche pas pour le moment. Le médiateur de l'accueil peut vous aider.");
        }
    }
    readonly property string qualityText: {
        // While the call is being rebuilt there is no connection to rate.
        if (call.phase !== VisioCall.InCall)
            return "";
        switch (call.quality) {
        case VisioCall.Good:
            return qsTr("Bonne connexion");
        case VisioCall.Fair:
            return qsTr("Connexion moyenne");
        case VisioCall.Poor:
            return qsTr("Mauvaise connexion");
        default:
            return "";
        }
    }
    readonly property bool talking: call.phase === VisioCall.InCall || call.phase === VisioCall.Reconnecting
    readonly property string documentText: {
        switch (call.documentState) {
        case VisioCall.Sending:
            return qsTr("Envoi de la photo au conseiller… %1 %").arg(call.documentPercent);
        case VisioCall.Sent:
            return qsTr("Le conseiller a reçu la photo.");
        case VisioCall.NotSent:
            return qsTr("La photo n'est pas partie. Réessayez.");
        default:
            return qsTr("Pour montrer un papier, tenez-le devant la caméra et touchez « Montrer un document ».");
        }
    }

    // "Scanner un papier" during the call: the scan screen over the call, which goes on.
    property bool scanning: false
    property bool scanSent: false
    readonly property string scanSendText: {
        if (!scanSent)
            return "";
        switch (call.documentState) {
        case VisioCall.Sending:
            return qsTr("Envoi du papier au conseiller… %1 %").arg(call.documentPercent);
        case VisioCall.Sent:
            return qsTr("Le conseiller a reçu votre papier.");
        case VisioCall.NotSent:
            return qsTr("Le papier n'est pas parti. Réessayez.");
        default:
            return "";
        }
    }

    spokenText: scanning && scanLoader.item ? (scanLoader.item as KioskScreen).spokenText : qsTr("Parler à un conseiller en visio") + ". " + agencyName + ". " + statusText

    Component.onCompleted: {
        call.attachViews(remoteView, selfView);
        call.startCheck();
    }
    // One picture of herself at a time: large while checking, small during the call.
    onTalkingChanged: call.attachViews(remoteView, talking ? callSelfView : selfView)

    VisioCall {
        id: call

        agency: Kiosk.session.agency
    }

    // The adviser, as large as the screen allows, while the call lasts.
    Rectangle {
        anchors.fill: parent
        visible: screen.talking
        color: "#101820"

        FrameView {
            id: remoteView

            objectName: "remoteView"
            anchors.fill: parent
        }

        // Rebuilding the call: said in the middle of the picture, big, so that she waits.
        Rectangle {
            objectName: "reconnectingBanner"
            // In the middle of what the controls leave of the picture.
            anchors.horizontalCenter: parent.horizontalCenter
            y: Math.max(0, (callPanel.y - height) / 2)
            width: Math.min(parent.width - 2 * Theme.margin, reconnectingText.implicitWidth + 2 * Theme.margin)
            height: reconnectingText.implicitHeight + 2 * Theme.margin
            visible: call.phase === VisioCall.Reconnecting
            radius: 12
            color: Theme.scrim

            Text {
                id: reconnectingText

                anchors.centerIn: parent
                width: Math.min(implicitWidth, parent.parent.width - 4 * Theme.margin)
                text: qsTr("Reconnexion… Ne quittez pas.")
                color: Theme.onPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.titleSize
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
            }
        }
    }

    PageColumn {
        anchors.fill: parent
        visible: !screen.talking

        RowLayout {
            spacing: Theme.margin
            Layout.fillWidth: true

            KioskButton {
                objectName: "backButton"
                text: qsTr("Retour")
                pictogram: "back"
                visible: call.phase !== VisioCall.Queued && call.phase !== VisioCall.Connecting
                onClicked: Kiosk.session.back()
            }

            Pictogram {
                name: "video"
                size: Theme.touchTarget
            }

            ScreenTitle {
                text: screen.agencyName
                color: Theme.primary
                Layout.fillWidth: true
            }
        }

        Text {
            objectName: "visioStatus"
            text: screen.statusText
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Math.round(Theme.titleSize * 0.8)
            font.weight: Font.DemiBold
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }

        Text {
            text: qsTr("Attente estimée : environ %1 min.").arg(call.waitMinutes)
            visible: call.phase === VisioCall.Queued && call.waitMinutes > 0
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            Layout.fillWidth: true
        }

        RowLayout {
            visible: call.phase === VisioCall.Checking
            spacing: Theme.margin
            Layout.fillWidth: true

            Rectangle {
                color: "#101820"
                radius: Theme.radius
                Layout.preferredWidth: Math.min(screen.width * 0.45, 640)
                Layout.preferredHeight: Layout.preferredWidth * 9 / 16

                FrameView {
                    id: selfView

                    objectName: "selfView"
                    anchors.fill: parent
                    anchors.margins: 4
                    mirrored: true
                }
            }

            ColumnLayout {
                spacing: 12
                Layout.fillWidth: true

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
                        width: parent.width * call.soundLevel
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
                visible: call.phase === VisioCall.Checking || call.phase === VisioCall.Failed
                text: qsTr("Appeler un conseiller")
                pictogram: "video"
                kind: KioskButton.Primary
                onClicked: call.call()
            }

            KioskButton {
                objectName: "leaveQueueButton"
                visible: call.phase === VisioCall.Queued || call.phase === VisioCall.Connecting
                text: qsTr("Quitter la file")
                onClicked: call.leaveQueue()
            }

            KioskButton {
                objectName: "callbackButton"
                visible: (call.phase === VisioCall.Queued || (call.phase === VisioCall.Closed && call.callbackAvailable)) && !call.callbackRecorded
                text: qsTr("Être rappelé plus tard")
                onClicked: call.askCallback()
            }

            KioskButton {
                visible: call.phase === VisioCall.Failed || call.phase === VisioCall.Closed
                text: qsTr("Demander de l'aide au médiateur")
                pictogram: "mediator"
                onClicked: Kiosk.session.openActivity("mediator")
            }

            KioskButton {
                objectName: "visioHomeButton"
                visible: call.phase === VisioCall.Ended
                text: qsTr("Retour à l'accueil")
                pictogram: "home"
                kind: KioskButton.Primary
                onClicked: Kiosk.session.home()
            }
        }
    }

    // The resident's own picture, small, as the adviser sees it; out of the way while the
    // on-screen keyboard leaves little room.
    Rectangle {
        visible: screen.talking && screen.height > 500
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
        id: callPanel

        visible: screen.talking
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
                text: screen.statusText + (screen.qualityText !== "" ? " · " + screen.qualityText : "")
                color: Theme.onPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Text {
                objectName: "agentText"
                text: call.agentTyping !== "" ? qsTr("Le conseiller écrit : %1").arg(call.agentTyping) : (call.agentMessage !== "" ? qsTr("Message du conseiller : %1").arg(call.agentMessage) : "")
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
                visible: call.offeredDocument !== ""
                spacing: 8
                Layout.fillWidth: true

                Text {
                    text: qsTr("Le conseiller vous envoie un document : « %1 » (%2 Ko). Voulez-vous le garder pour l'imprimer à l'accueil ?").arg(call.offeredDocument).arg(call.offeredDocumentKb)
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
                        onClicked: call.keepOfferedDocument()
                    }

                    KioskButton {
                        objectName: "declineDocumentButton"
                        text: qsTr("Non merci")
                        onClicked: call.declineOfferedDocument()
                    }
                }
            }

            Text {
                objectName: "keptDocuments"
                visible: call.keptDocuments > 0 && call.offeredDocument === ""
                text: qsTr("Documents gardés pour l'impression : %1.").arg(call.keptDocuments)
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
                    onDisplayTextChanged: call.typeText(displayText)
                    onAccepted: sendButton.clicked()
                }

                KioskButton {
                    id: sendButton

                    objectName: "sendMessageButton"
                    text: qsTr("Envoyer")
                    kind: KioskButton.Primary
                    onClicked: {
                        if (call.sendText(message.text))
                            message.clear();
                    }
                }
            }

            Text {
                objectName: "documentStatus"
                text: screen.documentText
                visible: text !== ""
                color: Theme.onPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Flow {
                spacing: Theme.targetGap
                Layout.fillWidth: true

                KioskButton {
                    objectName: "microphoneButton"
                    text: call.microphoneMuted ? qsTr("Rétablir le micro") : qsTr("Couper le micro")
                    selected: call.microphoneMuted
                    onClicked: call.setMicrophoneMuted(!call.microphoneMuted)
                }

                KioskButton {
                    objectName: "cameraButton"
                    text: call.cameraOn ? qsTr("Couper la caméra") : qsTr("Rétablir la caméra")
                    selected: !call.cameraOn
                    onClicked: call.setCameraOn(!call.cameraOn)
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
                    enabled: call.phase === VisioCall.InCall && call.cameraOn && call.documentState !== VisioCall.Sending
                    onClicked: call.showDocument()
                }

                KioskButton {
                    objectName: "scanDocumentButton"
                    text: qsTr("Scanner un papier")
                    pictogram: "scan"
                    enabled: call.phase === VisioCall.InCall
                    onClicked: {
                        screen.scanSent = false;
                        screen.scanning = true;
                    }
                }

                KioskButton {
                    objectName: "hangUpButton"
                    text: qsTr("Raccrocher")
                    kind: KioskButton.Danger
                    onClicked: call.hangUp()
                }
            }
        }
    }

    Loader {
        id: scanLoader

        anchors.fill: parent
        active: screen.scanning
        z: 2
        sourceComponent: Component {
            ScanScreen {
                objectName: "callScanScreen"
            }
        }
    }

    Binding {
        target: scanLoader.item
        property: "canSend"
        value: call.phase === VisioCall.InCall
        when: scanLoader.item !== null
    }

    Binding {
        target: scanLoader.item
        property: "sendStatus"
        value: screen.scanSendText
        when: scanLoader.item !== null
    }

    Connections {
        target: scanLoader.item
        ignoreUnknownSignals: true

        function onPictureReady(path: string) {
            screen.scanSent = true;
            call.sendPicture(path);
        }

        function onClosed() {
            screen.scanning = false;
        }
    }
}
