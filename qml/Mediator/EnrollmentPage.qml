// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Relais.Core
import Relais.Theme
import Relais.Camera
import Relais.Mediator

// "Inscrire cette borne": the observatory's address and the single-use code the administrator
// gave, typed on the on-screen keyboard; then the outcome in plain words with what to do next.
// Once enrolled, the page says so and when the certificate ends (it renews itself).
PageColumn {
    id: page

    readonly property EnrollmentController enrollment: Kiosk.enrollment
    readonly property bool succeeded: enrollment.result === "enrolled" || enrollment.result === "renewed"
    property bool enrollAgain: false
    // The address and the code came from the administrator's QR code.
    property bool codeRead: false
    // One thing at a time: the outcome of an attempt, or the form (after "Réessayer").
    readonly property bool showForm: !enrollment.busy && enrollment.result === "" && (!enrollment.enrolled || enrollment.expired || enrollAgain)

    objectName: "enrollmentPage"
    spacing: Theme.targetGap
    Component.onDestruction: scanner.stop()

    CodeScanner {
        id: scanner

        objectName: "codeScanner"
        view: codeView
        onRead: (observatory, code) => {
            address.text = observatory;
            token.text = code;
            page.codeRead = true;
            // What is left to do in view: check the address, then "Inscrire la borne".
            Qt.callLater(() => page.reveal(address));
        }
    }
    // Keeps a field being typed in within view when the keyboard takes the lower half
    // (PageColumn.reveal shows its page).
    onHeightChanged: {
        if (address.activeFocus)
            reveal(address);
        else if (token.activeFocus)
            reveal(token);
    }

    Text {
        text: page.enrollment.enrolled && !page.enrollment.expired && !page.showForm ? qsTr("Cette borne est inscrite") : qsTr("Inscrire cette borne")
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.titleSize
        font.weight: Font.Bold
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }

    // What the last attempt gave.
    Rectangle {
        objectName: "enrollmentResult"
        visible: page.enrollment.result !== "" && !page.enrollment.busy
        color: page.succeeded ? Theme.primarySoft : Theme.notice
        border.color: page.succeeded ? Theme.primary : Theme.onNotice
        border.width: 3
        radius: Theme.radius
        implicitHeight: resultColumn.implicitHeight + 2 * Theme.margin
        Layout.fillWidth: true

        ColumnLayout {
            id: resultColumn

            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.targetGap

            Text {
                objectName: "enrollmentResultTitle"
                text: {
                    switch (page.enrollment.result) {
                    case "enrolled":
                        return qsTr("La borne est inscrite.");
                    case "renewed":
                        return qsTr("Le certificat de la borne est renouvelé.");
                    case "token_used":
                        return qsTr("Ce code a déjà servi.");
                    case "token_expired":
                        return qsTr("Ce code a expiré.");
                    case "token_unknown":
                        return qsTr("Ce code n'est pas reconnu.");
                    case "unreachable":
                        return qsTr("L'observatoire ne répond pas.");
                    case "wrong_authority":
                        return qsTr("Ce serveur n'est pas l'observatoire attendu.");
                    case "invalid_address":
                        return qsTr("Cette adresse n'est pas valable.");
                    case "no_trusted_ca":
                        return qsTr("Il manque le certificat de l'observatoire.");
                    case "revoked":
                        return qsTr("Cette borne a été retirée du réseau.");
                    case "expired":
                        return qsTr("Le certificat de la borne a expiré.");
                    default:
                        return qsTr("L'observatoire a refusé l'inscription.");
                    }
                }
                color: page.succeeded ? Theme.text : Theme.onNotice
                font.family: Theme.fontFamily
                font.pixelSize: Theme.titleSize
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Text {
                objectName: "enrollmentResultAdvice"
                text: {
                    switch (page.enrollment.result) {
                    case "enrolled":
                    case "renewed":
                        return qsTr("Elle envoie maintenant ses comptages à l'observatoire. Vous n'avez rien d'autre à faire.");
                    case "token_used":
                    case "token_expired":
                        return qsTr("Demandez un nouveau code à l'administrateur de l'observatoire.");
                    case "token_unknown":
                        return qsTr("Vérifiez le code lettre par lettre, puis réessayez.");
                    case "unreachable":
                        return qsTr("Vérifiez l'adresse et la connexion à internet, puis réessayez.");
                    case "wrong_authority":
                        return qsTr("Rien n'a été envoyé. Vérifiez l'adresse et prévenez l'administrateur de l'observatoire.");
                    case "invalid_address":
                        return qsTr("Tapez l'adresse donnée par l'administrateur, par exemple : observatoire.example.fr");
                    case "expired":
                        return qsTr("Inscrivez la borne de nouveau avec un nouveau code.");
                    default:
                        return qsTr("Prévenez l'administrateur de l'observatoire.");
                    }
                }
                color: page.succeeded ? Theme.text : Theme.onNotice
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            KioskButton {
                objectName: "enrollmentResultOk"
                text: page.succeeded ? qsTr("D'accord") : qsTr("Réessayer")
                kind: KioskButton.Primary
                onClicked: {
                    page.enrollAgain = false;
                    page.enrollment.clearResult();
                }
            }
        }
    }

    RowLayout {
        visible: page.enrollment.busy
        spacing: Theme.margin
        Layout.fillWidth: true

        WaitIndicator {
            objectName: "enrollmentWaitIndicator"
            label: enrollmentBusy.text
            Layout.alignment: Qt.AlignVCenter
        }

        Text {
            id: enrollmentBusy

            objectName: "enrollmentBusy"
            text: qsTr("Inscription en cours… Patientez quelques secondes.")
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.titleSize
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignVCenter
        }
    }

    // Where the kiosk stands.
    Text {
        objectName: "enrollmentState"
        visible: page.enrollment.enrolled && page.enrollment.result === ""
        text: page.enrollment.expired ? qsTr("Le certificat de la borne a expiré le %1. Elle n'envoie plus rien : inscrivez-la de nouveau avec un nouveau code.").arg(page.enrollment.certificateEndText(Kiosk.language)) : qsTr("Nom de la borne : %1. Son certificat est valable jusqu'au %2 ; il se renouvelle tout seul.").arg(page.enrollment.deviceId).arg(page.enrollment.certificateEndText(Kiosk.language))
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }

    KioskButton {
        objectName: "enrollAgain"
        visible: page.enrollment.enrolled && !page.enrollment.expired && !page.showForm && page.enrollment.result === ""
        text: qsTr("Inscrire de nouveau")
        onClicked: page.enrollAgain = true
    }

    // The form.
    Text {
        visible: page.showForm
        text: scanner.cameraPresent ? qsTr("L'administrateur de l'observatoire vous a donné une adresse et un code. Montrez son QR code à la caméra, ou tapez-les ci-dessous.") : qsTr("L'administrateur de l'observatoire vous a donné une adresse et un code. Tapez-les ci-dessous.")
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }

    KioskButton {
        objectName: "enrollmentScanCode"
        visible: page.showForm && scanner.cameraPresent && !scanner.active
        text: qsTr("Lire le QR code")
        onClicked: {
            page.codeRead = false;
            scanner.start();
        }
    }

    // The camera's picture while it looks for the code, so that the mediator can aim.
    Rectangle {
        objectName: "enrollmentCodeView"
        visible: page.showForm && scanner.active
        color: "#101820"
        radius: Theme.radius
        Layout.preferredWidth: Math.min(page.width, 640)
        Layout.preferredHeight: Layout.preferredWidth * 9 / 16

        FrameView {
            id: codeView

            anchors.fill: parent
            anchors.margins: 4
        }
    }

    Text {
        objectName: "enrollmentScanState"
        visible: page.showForm && (scanner.active || scanner.problem !== "" || page.codeRead)
        text: {
            if (scanner.problem === "no_camera")
                return qsTr("La caméra ne répond pas. Tapez l'adresse et le code ci-dessous.");
            if (scanner.problem === "not_enrollment")
                return qsTr("Ce QR code n'est pas un code d'inscription Relais. Montrez celui de l'administrateur.");
            if (scanner.active)
                return qsTr("Tenez le QR code devant la caméra, à une vingtaine de centimètres.");
            return qsTr("Code lu. Vérifiez l'adresse, puis touchez « Inscrire la borne ».");
        }
        color: scanner.problem !== "" ? Theme.onNotice : Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        font.weight: Font.DemiBold
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }

    KioskButton {
        objectName: "enrollmentScanCancel"
        visible: page.showForm && scanner.active
        text: qsTr("Arrêter la caméra")
        onClicked: scanner.stop()
    }

    Text {
        id: addressLabel

        visible: page.showForm
        text: qsTr("Adresse de l'observatoire")
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        font.weight: Font.DemiBold
        Layout.fillWidth: true
    }

    TextField {
        id: address

        objectName: "enrollmentAddress"
        visible: page.showForm
        placeholderText: qsTr("observatoire.example.fr")
        // The style's own placeholder grey was 3.0:1 on the field (tst_screenaudit).
        placeholderTextColor: Theme.textMuted
        inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        Layout.fillWidth: true
        // As tall as its words at 200 %.
        Layout.preferredHeight: Math.max(Theme.touchTarget, implicitHeight)
        // A field is named by the label above it, as a screen reader says it.
        Accessible.role: Accessible.EditableText
        Accessible.name: addressLabel.text
        onAccepted: token.forceActiveFocus()
        onActiveFocusChanged: {
            if (activeFocus)
                page.reveal(address);
        }
    }

    Text {
        id: tokenLabel

        visible: page.showForm
        text: qsTr("Code d'inscription")
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        font.weight: Font.DemiBold
        Layout.fillWidth: true
    }

    TextField {
        id: token

        objectName: "enrollmentToken"
        visible: page.showForm
        inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        Layout.fillWidth: true
        // As tall as its words at 200 %.
        Layout.preferredHeight: Math.max(Theme.touchTarget, implicitHeight)
        // A field is named by the label above it, as a screen reader says it.
        Accessible.role: Accessible.EditableText
        Accessible.name: tokenLabel.text
        onAccepted: enrollButton.clicked()
        onActiveFocusChanged: {
            if (activeFocus)
                page.reveal(token);
        }
    }

    KioskButton {
        id: enrollButton

        objectName: "enrollButton"
        visible: page.showForm
        enabled: address.text.trim() !== "" && token.text.trim() !== ""
        text: qsTr("Inscrire la borne")
        kind: KioskButton.Primary
        onClicked: {
            // Closes the keyboard with what was typed.
            page.forceActiveFocus();
            page.enrollAgain = false;
            scanner.stop();
            page.codeRead = false;
            page.enrollment.enroll(address.text, token.text);
            token.clear();
        }
    }
}
