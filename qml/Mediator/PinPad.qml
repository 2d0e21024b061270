// SPDX-License-Identifier: EUPL-1.2
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// The mediator's PIN: digits shown as dots, large keys, and what went wrong in words.
ColumnLayout {
    id: pad

    readonly property MediatorController mediator: Kiosk.mediator
    // The pad is the mediator's, not the resident's: like the session bar, its text grows to
    // 125 % only, whatever size the resident chose, so that it fits a 1280×800 screen.
    readonly property real scale: Theme.chromeScale / Theme.textScale
    readonly property int keySize: Math.round(Theme.buttonSize * scale)

    function problemText(): string {
        switch (mediator.padProblem) {
        case "wrong":
            return qsTr("Code incorrect. Essais restants : %1.").arg(mediator.triesLeft);
        case "locked":
            return qsTr("Trop d'essais. Réessayez dans %1 min.").arg(mediator.minutesLocked);
        case "no-pin":
            return qsTr("Aucun code n'est configuré pour cette borne.");
        default:
            return "";
        }
    }

    // The bottom row's keys (and so every column) as wide as the widest sign, which grows with
    // the text.
    readonly property real keyWidth: Math.max(Theme.touchTarget * 1.6, eraseKey.implicitContentWidth + eraseKey.leftPadding + eraseKey.rightPadding, submitKey.implicitContentWidth + submitKey.leftPadding + submitKey.rightPadding)

    spacing: Theme.targetGap

    ScreenTitle {
        text: qsTr("Mode médiateur : tapez votre code")
        font.pixelSize: Math.round(Theme.titleSize * pad.scale)
        horizontalAlignment: Text.AlignHCenter
        Layout.fillWidth: true
    }

    Text {
        objectName: "pinDots"
        text: pad.mediator.digits > 0 ? "●".repeat(pad.mediator.digits) : " "
        color: Theme.text
        font.pixelSize: Math.round(Theme.titleSize * pad.scale)
        horizontalAlignment: Text.AlignHCenter
        Layout.fillWidth: true
    }

    Text {
        objectName: "pinProblem"
        text: pad.problemText()
        visible: text !== ""
        color: Theme.danger
        font.family: Theme.fontFamily
        font.pixelSize: Math.round(Theme.bodySize * pad.scale)
        font.weight: Font.DemiBold
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
        Layout.fillWidth: true
    }

    GridLayout {
        columns: 3
        columnSpacing: Theme.targetGap
        rowSpacing: Theme.targetGap
        // Its keys' width, not the pad's (a layout fills by default).
        Layout.fillWidth: false
        Layout.alignment: Qt.AlignHCenter

        Repeater {
            model: [1, 2, 3, 4, 5, 6, 7, 8, 9]

            KioskButton {
                required property int modelData

                objectName: "pin-" + modelData
                text: String(modelData)
                font.pixelSize: pad.keySize
                implicitWidth: Theme.touchTarget * 1.6
                // As wide as its column, which the bottom row's keys set.
                Layout.fillWidth: true
                onClicked: Kiosk.mediator.digit(modelData)
            }
        }

        KioskButton {
            id: eraseKey

            objectName: "pinErase"
            text: "⌫"
            font.pixelSize: pad.keySize
            Accessible.name: qsTr("Effacer un chiffre")
            implicitWidth: pad.keyWidth
            onClicked: pad.mediator.eraseDigit()
        }

        KioskButton {
            objectName: "pin-0"
            text: "0"
            font.pixelSize: pad.keySize
            implicitWidth: pad.keyWidth
            onClicked: pad.mediator.digit(0)
        }

        KioskButton {
            id: submitKey

            objectName: "pinSubmit"
            text: "OK"
            font.pixelSize: pad.keySize
            kind: KioskButton.Primary
            Accessible.name: qsTr("Valider le code")
            implicitWidth: pad.keyWidth
            onClicked: pad.mediator.submitPin()
        }
    }

    KioskButton {
        objectName: "pinCancel"
        text: qsTr("Annuler")
        font.pixelSize: pad.keySize
        Layout.alignment: Qt.AlignHCenter
        onClicked: pad.mediator.cancelPad()
    }
}
