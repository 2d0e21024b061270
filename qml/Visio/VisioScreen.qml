// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Core
import Relais.Theme
import Relais.Print
import Relais.Camera
import Relais.Visio

// "Parler à un conseiller en visio": check one's picture and sound, wait in the agency's
// queue, talk with the adviser, and come back here when it ends.
KioskScreen {
    id: screen

    readonly property string agencyName: Kiosk.agencyName(visioCall.agency)
    readonly property string statusText: {
        switch (visioCall.phase) {
        case VisioCall.Checking:
            return qsTr("Vérifiez votre image et votre son. Quand vous êtes prêt, touchez « Appeler un conseiller ».");
        case VisioCall.Connecting:
            return qsTr("Connexion en cours…");
        case VisioCall.Queued:
            if (visioCall.transferred)
                return qsTr("On vous passe un autre conseiller. Ne quittez pas.");
            return visioCall.position <= 1 ? qsTr("Vous êtes la prochaine personne. Un conseiller va vous répondre.") : qsTr("%n personnes attendent avant vous.", "", visioCall.position - 1);
        case VisioCall.Closed:
            if (visioCall.closedWhileWaiting)
                return visioCall.nextOpening !== "" ? qsTr("Désolé, plus aucun conseiller ne répond pour le moment. Prochaine ouverture : %1.").arg(visioCall.nextOpening) : qsTr("Désolé, plus aucun conseiller ne répond pour le moment.");
            return visioCall.nextOpening !== "" ? qsTr("Les conseillers ne répondent pas en ce moment. Prochaine ouverture : %1.").arg(visioCall.nextOpening) : qsTr("Les conseillers ne répondent pas en ce moment.");
        case VisioCall.InCall:
            return visioCall.seeingAgent ? qsTr("Vous parlez avec %1.").arg(visioCall.agentName) : qsTr("Le conseiller arrive…");
        case VisioCall.Reconnecting:
            return qsTr("Reconnexion… Ne quittez pas.");
        case VisioCall.Ended:
            return visioCall.callbackRecorded ? qsTr("C'est noté : un conseiller rappellera cet espace pour vous donner un rendez-vous.") : qsTr("L'appel est terminé. Merci.");
        default:
            return qsTr("La visio ne marche pas pour le moment. Le médiateur de l'accueil peut vous aider.");
        }
    }
    readonly property string qualityText: {
        // While the call is being rebuilt there is no connection to rate.
        if (visioCall.phase !== VisioCall.InCall)
            return "";
        switch (visioCall.quality) {
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
    readonly property bool talking: visioCall.phase === VisioCall.InCall || visioCall.phase === VisioCall.Reconnecting
    readonly property string documentText: {
        switch (visioCall.documentState) {
        case VisioCall.Sending:
            return qsTr("Envoi de la photo au conseiller… %1 %").arg(visioCall.documentPercent);
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
        switch (visioCall.documentState) {
        case VisioCall.Sending:
            return qsTr("Envoi du papier au conseiller… %1 %").arg(visioCall.documentPercent);
        case VisioCall.Sent:
            return qsTr("Le conseiller a reçu votre papier.");
        case VisioCall.NotSent:
            return qsTr("Le papier n'est pas parti. Réessayez.");
        default:
            return "";
        }
    }

    // "C'est à quel sujet ?", between "Appeler un conseiller" and the queue.
    property bool choosingReason: false

    spokenText: {
        if (scanning && scanLoader.item)
            return (scanLoader.item as KioskScreen).spokenText;
        if (choosingReason)
            return agencyName + ". " + reasonView.spokenText;
        return qsTr("Parler à un conseiller en visio") + ". " + agencyName + ". " + statusText;
    }

    Component.onCompleted: {
        visioCall.attachViews(callPanel.remotePicture, lobby.selfPicture);
        visioCall.startCheck();
    }
    // One picture of herself at a time: large while checking, small during the call.
    onTalkingChanged: visioCall.attachViews(callPanel.remotePicture, talking ? callPanel.selfPicture : lobby.selfPicture)

    VisioCall {
        id: visioCall

        agency: Kiosk.session.agency
    }

    // The adviser, as large as the screen allows, and the call's controls, while the call lasts.
    VisioCallPanel {
        id: callPanel

        anchors.fill: parent
        visible: screen.talking
        call: visioCall
        statusText: screen.statusText
        qualityText: screen.qualityText
        documentText: screen.documentText
        onScanRequested: {
            screen.scanSent = false;
            screen.scanning = true;
        }
    }

    VisioLobby {
        id: lobby

        anchors.fill: parent
        visible: !screen.talking && !screen.choosingReason
        call: visioCall
        agencyName: screen.agencyName
        statusText: screen.statusText
        onCallRequested: screen.choosingReason = true
    }

    VisioReason {
        id: reasonView

        anchors.fill: parent
        visible: screen.choosingReason
        agency: visioCall.agency
        agencyName: screen.agencyName
        onBackRequested: screen.choosingReason = false
        onChosen: reason => {
            screen.choosingReason = false;
            visioCall.call(reason);
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
        value: visioCall.phase === VisioCall.InCall
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
            visioCall.sendPicture(path);
        }

        function onClosed() {
            screen.scanning = false;
        }
    }
}
