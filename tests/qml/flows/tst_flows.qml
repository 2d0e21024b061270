import QtQuick
import QtTest
import Relais.Core
import Relais.App

// The resident's paths through the kiosk, with real clicks on the real screens.
Item {
    id: root

    width: 1280
    height: 800

    KioskShell {
        id: shell

        anchors.fill: parent
    }

    TestCase {
        name: "Flows"
        when: windowShown

        function returnToAttract() {
            if (Kiosk.session.state === SessionController.Home || Kiosk.session.state === SessionController.Activity)
                Kiosk.session.endSession();
            Kiosk.session.acknowledgeGoodbye();
            compare(Kiosk.session.state, SessionController.Attract);
        }

        // The first visible item with that name: screens come and go in a Loader.
        function findVisible(parent, name) {
            for (let i = 0; i < parent.children.length; ++i) {
                const child = parent.children[i];
                if (child.objectName === name && child.visible)
                    return child;
                const found = findVisible(child, name);
                if (found)
                    return found;
            }
            return null;
        }

        function item(name) {
            tryVerify(() => findVisible(shell, name) !== null, 3000, "no visible item named " + name);
            return findVisible(shell, name);
        }

        function tap(name) {
            const target = item(name);
            verify(target.visible, name + " is hidden");
            verify(target.enabled, name + " is disabled");
            mouseClick(target);
        }

        function startSession() {
            mouseClick(shell);
            compare(Kiosk.session.state, SessionController.Home);
        }

        function init() {
            returnToAttract();
        }

        function test_attractHomeAgencyIdleContinue() {
            startSession();
            tap("agency-caf");
            compare(Kiosk.session.state, SessionController.Activity);
            compare(Kiosk.session.agency, "caf");
            verify(item("option-visio").visible);
            tryCompare(Kiosk.session, "idleWarning", true, 6000);
            verify(item("secondsLeftText").text.indexOf(String(Kiosk.session.secondsLeft)) >= 0);
            tap("stillHereButton");
            compare(Kiosk.session.idleWarning, false);
            // Back exactly where she was.
            compare(Kiosk.session.state, SessionController.Activity);
            compare(Kiosk.session.activity, "agency");
            compare(Kiosk.session.agency, "caf");
            verify(item("option-visio").visible);
        }

        function test_touchBesideTheDialogContinuesWithoutPressingBelow() {
            startSession();
            tap("agency-caf");
            tryCompare(Kiosk.session, "idleWarning", true, 6000);
            // Top left: the "Retour" button lies under the dialog's shade there.
            mouseClick(shell, 40, 40);
            compare(Kiosk.session.idleWarning, false);
            compare(Kiosk.session.activity, "agency");
        }

        function test_idleCountdownWipes() {
            startSession();
            tap("agency-cpam");
            Kiosk.textScale = 2.0;
            Kiosk.language = "en";
            tryCompare(Kiosk.session, "idleWarning", true, 6000);
            tryCompare(Kiosk.session, "state", SessionController.Wiped, 6000);
            // The resident's choices are gone with her session.
            compare(Kiosk.textScale, 1.0);
            compare(Kiosk.language, "fr");
            compare(Kiosk.session.agency, "");
            tryCompare(Kiosk.session, "state", SessionController.Attract, 6000);
        }

        function test_endAndEraseButton() {
            startSession();
            tap("agency-carsat");
            tap("option-online");
            compare(Kiosk.session.activity, "online");
            Kiosk.textScale = 1.5;
            tap("endSessionButton");
            compare(Kiosk.session.state, SessionController.Wiped);
            compare(Kiosk.textScale, 1.0);
            // A touch on the goodbye screen goes straight back to the start.
            mouseClick(shell);
            compare(Kiosk.session.state, SessionController.Attract);
        }

        function test_backNavigation() {
            startSession();
            tap("agency-msa");
            tap("option-visio");
            compare(Kiosk.session.activity, "visio");
            tap("backButton");
            compare(Kiosk.session.activity, "agency");
            tap("backButton");
            compare(Kiosk.session.state, SessionController.Home);
        }

        function test_visioStartsWithThePreCallCheck() {
            startSession();
            tap("agency-caf");
            tap("option-visio");
            compare(Kiosk.session.activity, "visio");
            verify(item("callButton").visible);
            // The resident sees herself before anyone else does (test sources here).
            tryVerify(() => item("selfView").hasFrame, 10000, "no picture in the pre-call check");
            // Checking is not waiting: the idle countdown still protects her data.
            compare(Kiosk.session.idleSuspended, false);
            tap("backButton");
            compare(Kiosk.session.activity, "agency");
        }

        function test_comingSoonOffersTheMediator() {
            startSession();
            tap("tile-print");
            compare(Kiosk.session.activity, "print");
            tap("askMediatorButton");
            compare(Kiosk.session.activity, "mediator");
            tap("homeButton");
            compare(Kiosk.session.state, SessionController.Home);
        }

        function test_languageSwitchTranslatesTheScreen() {
            startSession();
            compare(item("endSessionButton").text, "Terminer et effacer");
            tap("language-en");
            compare(Kiosk.language, "en");
            tryCompare(item("endSessionButton"), "text", "Finish and erase");
            compare(item("agency-dgfip").text, "Taxes");
            tap("language-fr");
            tryCompare(item("endSessionButton"), "text", "Terminer et effacer");
        }

        function test_textSizeButtons() {
            startSession();
            const title = item("homeTitle");
            const button = item("endSessionButton");
            const titleSize = title.font.pixelSize;
            const buttonSize = button.font.pixelSize;
            tap("textScale-200");
            compare(Kiosk.textScale, 2.0);
            verify(item("textScale-200").selected);
            // The content doubles; the session bar grows by a quarter at most.
            compare(title.font.pixelSize, titleSize * 2);
            compare(button.font.pixelSize, Math.round(buttonSize * 1.25));
            tap("textScale-150");
            compare(title.font.pixelSize, Math.round(titleSize * 1.5));
            tap("textScale-100");
            compare(Kiosk.textScale, 1.0);
            compare(title.font.pixelSize, titleSize);
            compare(button.font.pixelSize, buttonSize);
        }
    }
}
