// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.VirtualKeyboard.Settings
import QtTest
import Relais.Core
import Relais.App

// The on-screen keyboard: French layout, opened by any text field, closed by the wipe.
Item {
    width: 1280
    height: 800

    KioskShell {
        id: shell

        anchors.fill: parent
    }

    TextField {
        id: field

        x: 100
        y: 100
        width: 500
        height: 80
    }

    TestCase {
        name: "Keyboard"
        when: windowShown

        function test_textFieldOpensTheFrenchKeyboardAndTheWipeClosesIt() {
            verify(VirtualKeyboardSettings.availableLocales.indexOf("fr_FR") >= 0, "no French layout installed");
            compare(VirtualKeyboardSettings.locale, "fr_FR");
            const keyboard = findChild(shell, "keyboard");
            verify(keyboard);
            verify(!keyboard.active);
            Kiosk.session.begin();
            mouseClick(field);
            verify(field.activeFocus);
            tryCompare(keyboard, "active", true, 3000);
            tryVerify(() => keyboard.y < shell.height, 3000, "the keyboard stays off screen");
            // English sessions get the English layout.
            Kiosk.language = "en";
            compare(VirtualKeyboardSettings.locale, "en_GB");
            Kiosk.session.endSession();
            compare(Kiosk.session.state, SessionController.Wiped);
            verify(!field.activeFocus);
            tryCompare(keyboard, "active", false, 3000);
            compare(VirtualKeyboardSettings.locale, "fr_FR");
            Kiosk.session.acknowledgeGoodbye();
        }
    }
}
