// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// The mediator's PIN: digits shown as dots, large keys, and what went wrong in words.
ColumnLayout {
    id: pad

    readonly property MediatorController mediator: Kiosk.mediator

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

    spacing: Theme.targetGap

    ScreenTitle {
        text: qsTr("Mode médiateur : tapez votre code")
        horizontalAlignment: Text.AlignHCenter
        Layout.fillWidth: true
    }

    Text {
        objectName: "pinDots"
        text: pad.mediator.digits > 0 ? "●".repeat(pad.mediator.digits) : " "
        color: Theme.text
        font.pixelSize: Theme.titleSize
        horizontalAlignment: Text.AlignHCenter
        Layout.fillWidth: true
    }

    Text {
        objectName: "pinProblem"
        text: pad.problemText()
        visible: text !== ""
        color: Theme.danger
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        font.weight: Font.DemiBold
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
        Layout.fillWidth: true
    }

    GridLayout {
        columns: 3
        columnSpacing: Theme.targetGap
        rowSpacing: Theme.targetGap
        Layout.alignment: Qt.AlignHCenter

        Repeater {
            model: [1, 2, 3, 4, 5, 6, 7, 8, 9]

            KioskButton {
                required property int modelData

                objectName: "pin-" + modelData
                text: String(modelData)
                implicitWidth: Theme.touchTarget * 1.6
                onClicked: Kiosk.mediator.digit(modelData)
            }
        }

        KioskButton {
            objectName: "pinErase"
            text: "⌫"
            Accessible.name: qsTr("Effacer un chiffre")
            implicitWidth: Theme.touchTarget * 1.6
            onClicked: pad.mediator.eraseDigit()
        }

        KioskButton {
            objectName: "pin-0"
            text: "0"
            implicitWidth: Theme.touchTarget * 1.6
            onClicked: pad.mediator.digit(0)
        }

        KioskButton {
            objectName: "pinSubmit"
            text: "OK"
            kind: KioskButton.Primary
            Accessible.name: qsTr("Valider le code")
            implicitWidth: Theme.touchTarget * 1.6
            onClicked: pad.mediator.submitPin()
        }
    }

    KioskButton {
        objectName: "pinCancel"
        text: qsTr("Annuler")
        Layout.alignment: Qt.AlignHCenter
        onClicked: pad.mediator.cancelPad()
    }
}
