// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtTest
import Relais.Core
import Relais.App
import Relais.Theme
import "../shared/finger.js" as Finger

// The non-visual mode on the real screens: the keypad through whole journeys, explore by
// touch, what is said by itself, and the mode gone with the session. What the kiosk says is
// what ReadAloud was asked to say (its `asked` signal), engine or not.
Item {
    id: root

    width: 1280
    height: 800

    KioskShell {
        id: shell

        anchors.fill: parent
    }

    SignalSpy {
        id: spoken

        target: ReadAloud
        signalName: "asked"
    }

    TestCase {
        id: test

        readonly property var mode: findChild(shell, "nonVisualMode")

        function returnToAttract() {
            Kiosk.mediator.cancelPad();
            Kiosk.mediator.leave();
            if (Kiosk.session.state === SessionController.Home || Kiosk.session.state === SessionController.Activity)
                Kiosk.session.endSession();
            Kiosk.session.acknowledgeGoodbye();
            compare(Kiosk.session.state, SessionController.Attract);
        }

        function findVisible(parent, name) {
            return Finger.findVisible(parent, name);
        }

        // In the shell or in one of its popups (which the window's overlay holds).
        function item(name) {
            return Finger.item(this, shell.Window.window.contentItem, name, 3000);
        }

        function said() {
            return ReadAloud.lastAsked;
        }

        // Presses a key of the keypad; returns what the kiosk said for it.
        function press(key) {
            const before = spoken.count;
            keyClick(key);
            verify(spoken.count > before, "nothing said for key " + key);
            return said();
        }

        // "Down" until the item whose words start so; returns all that was said on the way.
        function downTo(words) {
            const heard = [];
            for (let i = 0; i < 40; ++i) {
                heard.push(press(Qt.Key_2));
                if (heard[heard.length - 1].startsWith(words))
                    return heard;
            }
            fail("never reached \"" + words + "\"; heard: " + heard.join(" | "));
            return heard;
        }

        // The screen that came is said as "Écouter" would say it.
        function screenAnnounced() {
            const spokenText = () => shell.currentScreen ? shell.currentScreen.spokenText.replace(/[ \t\r\n]+/g, " ").trim() : "";
            tryVerify(() => said() === spokenText() && said() !== "", 3000, "heard: " + said());
        }

        function startModeAndSession() {
            keyClick(Qt.Key_5);
            verify(test.mode.active);
            compare(press(Qt.Key_2), "Bouton, Touchez l'écran pour commencer");
            keyClick(Qt.Key_Enter);
            compare(Kiosk.session.state, SessionController.Home);
            screenAnnounced();
        }

        function shoot(name) {
            waitForRendering(shell);
            const image = grabImage(shell);
            image.save(testScreenshotDir + "/" + name + ".png");
        }

        name: "NonVisual"
        when: windowShown

        // Nothing left speaking into the next test (what the tests hear is `asked`, engine or not).
        function cleanup() {
            ReadAloud.stop();
        }

        function init() {
            testTiming.longIdle();
            root.width = 1280;
            returnToAttract();
            // Started on the attract screen by the test before, with no session to end it.
            test.mode.stop();
            verify(!test.mode.active);
            spoken.clear();
        }

        function test_keypadFromAttractToBeforeYouStart() {
            // Any key of the keypad starts the mode, says how it works, and does nothing else.
            keyClick(Qt.Key_5);
            verify(test.mode.active);
            compare(Kiosk.session.state, SessionController.Attract);
            verify(said().startsWith("Mode sans écran activé. "), said());
            verify(said().indexOf("Touche 2\u00a0: élément suivant.") >= 0, said());
            verify(said().indexOf("Touche 0\u00a0: retour.") >= 0, said());
            compare(press(Qt.Key_2), "Bouton, Touchez l'écran pour commencer");
            verify(findChild(shell, "nonVisualFocusRing").visible);
            shoot("nonvisual-1-attract");
            keyClick(Qt.Key_Enter);
            compare(Kiosk.session.state, SessionController.Home);
            screenAnnounced();
            verify(said().startsWith("Que souhaitez-vous faire\u00a0?"), said());
            // The agencies' tiles come first, as a reader sees them.
            const heard = downTo("Bouton, CAF");
            compare(heard.length, 1);
            compare(heard[0], "Bouton, CAF, " + item("agency-caf").description);
            verify(heard[0].indexOf("allocations") >= 0 || heard[0].indexOf("Allocations") >= 0, heard[0]);
            const ring = findChild(shell, "nonVisualFocusRing");
            const tile = item("agency-caf");
            const tileInShell = tile.mapToItem(shell, 0, 0);
            verify(ring.visible);
            compare(ring.x + 12, tileInShell.x);
            compare(ring.width - 24, tile.width);
            shoot("nonvisual-2-home-caf");
            // "Up" from the first item goes round to the last one, the session bar's: the
            // tiles below the fold are read with the grid, before the bar.
            const last = press(Qt.Key_8);
            verify(last.startsWith("Bouton, "), last);
            verify(test.mode.focusItem.objectName.startsWith("language-") || test.mode.focusItem.objectName === "readAloudButton", test.mode.focusItem.objectName);
            compare(press(Qt.Key_2), heard[0]);
            keyClick(Qt.Key_5);
            compare(Kiosk.session.activity, "agency");
            compare(Kiosk.session.agency, "caf");
            screenAnnounced();
            downTo("Bouton, Faire ma démarche en ligne");
            shoot("nonvisual-3-agency-online");
            keyClick(Qt.Key_Enter);
            compare(Kiosk.session.activity, "online");
            screenAnnounced();
            const title = item("procedure-caf-attestation-paiement").text;
            downTo("Bouton, " + title);
            keyClick(Qt.Key_5);
            verify(item("startGuideButton").visible);
            // "Before you start", read out whole when it comes.
            screenAnnounced();
            verify(said().startsWith(title + " Avant de commencer, préparez"), said());
            verify(said().indexOf("Votre numéro d'allocataire CAF.") > 0, said());
            const start = downTo("Bouton, " + item("startGuideButton").text);
            verify(start.length > 1, "the header's Retour comes before Commencer");
            compare(start[0], "Bouton, Retour");
            shoot("nonvisual-4-before-start");
            // Back does what the screen's Retour does, twice.
            keyClick(Qt.Key_0);
            verify(item("procedureListTitle").visible);
            screenAnnounced();
            keyClick(Qt.Key_Backspace);
            compare(Kiosk.session.activity, "agency");
        }

        function test_helpAndVolume() {
            keyClick(Qt.Key_5);
            compare(ReadAloud.volume, 1);
            verify(press(Qt.Key_Asterisk).startsWith("Touche 2\u00a0: élément suivant."));
            compare(press(Qt.Key_Minus), "Volume 9 sur 10.");
            compare(ReadAloud.volume, 0.9);
            press(Qt.Key_Minus);
            compare(press(Qt.Key_Plus), "Volume 9 sur 10.");
            compare(press(Qt.Key_Enter), "Rien n'est choisi. Touche 2 pour aller au premier élément.");
            compare(Kiosk.session.state, SessionController.Attract);
            compare(press(Qt.Key_0), "Pas de retour sur cet écran.");
            // Keys outside the keypad's map are left to the screens.
            const before = spoken.count;
            keyClick(Qt.Key_7);
            compare(spoken.count, before);
            // The session's end wipes the mode and the volume with it.
            keyClick(Qt.Key_2);
            keyClick(Qt.Key_5);
            compare(Kiosk.session.state, SessionController.Home);
            Kiosk.session.endSession();
            verify(!test.mode.active);
            compare(ReadAloud.volume, 1);
            verify(!findChild(shell, "nonVisualFocusRing").visible);
            Kiosk.session.acknowledgeGoodbye();
            // The next resident starts without it: the first key starts it again, not a move.
            const quiet = spoken.count;
            keyClick(Qt.Key_2);
            verify(test.mode.active);
            verify(said().startsWith("Mode sans écran activé."));
            verify(spoken.count === quiet + 1);
        }

        function test_surveyByKeypad() {
            startModeAndSession();
            downTo("Bouton, CAF");
            keyClick(Qt.Key_Enter);
            compare(Kiosk.session.activity, "agency");
            screenAnnounced();
            downTo("Bouton, Terminer et effacer");
            keyClick(Qt.Key_Enter);
            tryCompare(Kiosk.session, "activity", "survey");
            compare(Kiosk.survey.phase, SurveyController.Offer);
            screenAnnounced();
            verify(said().startsWith("Avant de partir, votre avis nous intéresse."), said());
            downTo("Bouton, Donner mon avis");
            keyClick(Qt.Key_Enter);
            compare(Kiosk.survey.phase, SurveyController.Question);
            screenAnnounced();
            verify(said().startsWith("Question 1 sur 9. "), said());
            downTo("Bouton, Satisfait");
            shoot("nonvisual-5-survey");
            keyClick(Qt.Key_Enter);
            compare(Kiosk.survey.index, 1);
            // The next question replaces the answers: it is read out.
            screenAnnounced();
            verify(said().startsWith("Question 2 sur 9. "), said());
            downTo("Bouton, Terminer");
            keyClick(Qt.Key_Enter);
            compare(Kiosk.session.state, SessionController.Wiped);
            verify(!test.mode.active);
        }

        function test_exploreByTouch() {
            startModeAndSession();
            const tile = item("agency-caf");
            // One touch says the item under the finger and puts the focus there; nothing opens.
            let touch = touchEvent(shell);
            touch.press(0, tile, tile.width / 2, tile.height / 2).commit();
            touch.release(0, tile, tile.width / 2, tile.height / 2).commit();
            compare(said(), "Bouton, CAF, " + tile.description);
            compare(Kiosk.session.state, SessionController.Home);
            compare(test.mode.focusItem, tile);
            // A touch on another item moves there (the next tile: the same page of the grid).
            const other = item("agency-cpam");
            touch.press(0, other, 20, 20).commit();
            touch.release(0, other, 20, 20).commit();
            compare(said(), "Bouton, Assurance Maladie, " + other.description);
            compare(Kiosk.session.state, SessionController.Home);
            // Two quick touches on it choose it.
            touch.press(0, tile, 30, 30).commit();
            touch.release(0, tile, 30, 30).commit();
            touch.press(0, tile, 32, 30).commit();
            touch.release(0, tile, 32, 30).commit();
            compare(Kiosk.session.activity, "agency");
            compare(Kiosk.session.agency, "caf");
            screenAnnounced();
        }

        function test_twoFingersHeldStartTheMode() {
            const touch = touchEvent(shell);
            touch.press(0, shell, 400, 400).press(1, shell, 600, 400).commit();
            tryVerify(() => test.mode.active, 6000, "two fingers held did not start the mode");
            touch.release(0, shell, 400, 400).release(1, shell, 600, 400).commit();
            verify(said().startsWith("Mode sans écran activé."));
            // The touches went to the mode, not to the attract screen.
            compare(Kiosk.session.state, SessionController.Attract);
        }

        function test_oneFingerHeldDoesNotStartIt() {
            const touch = touchEvent(shell);
            touch.press(0, shell, 400, 400).commit();
            wait(3500);
            touch.release(0, shell, 400, 400).commit();
            verify(!test.mode.active);
        }

        function test_idleWarningIsSaid() {
            startModeAndSession();
            testTiming.shortIdle();
            tryCompare(Kiosk.session, "idleWarning", true, 6000);
            tryVerify(() => said().startsWith("Êtes-vous toujours là\u00a0? Sans réponse, la borne va tout effacer dans\u00a0:"), 3000, "heard: " + said());
            shoot("nonvisual-6-idle");
            // Only the dialog's buttons can be reached while it is open.
            compare(press(Qt.Key_2), "Bouton, Oui, je continue");
            shoot("nonvisual-7-idle-focus");
            keyClick(Qt.Key_Enter);
            compare(Kiosk.session.idleWarning, false);
            compare(Kiosk.session.state, SessionController.Home);
        }

        // On a narrow screen the text sizes are behind "Plus": once its panel is open, the
        // keypad reaches the panel's buttons only, as a finger would: Down from "Plus" goes to
        // the panel's first button.
        function test_plusPanelIsReachedByTheKeypad() {
            root.width = 900;
            startModeAndSession();
            downTo("Bouton, Plus");
            keyClick(Qt.Key_Enter);
            const heard = downTo("Bouton, Texte plus grand");
            verify(heard.length <= 2, heard.join(" | "));
            // Its ring is drawn over the panel, not under it: the ring's orange is on screen.
            const ring = findChild(shell, "nonVisualFocusRing");
            verify(ring.visible);
            const drawn = grabImage(root);
            const edge = ring.mapToItem(root, 3 + 4, ring.height / 2);
            verify(Qt.colorEqual(drawn.pixel(Math.round(edge.x), Math.round(edge.y)), Theme.focus), "the ring is hidden at " + edge.x + "," + edge.y + ": " + drawn.pixel(Math.round(edge.x), Math.round(edge.y)));
            compare(press(Qt.Key_8), heard[0]);
            keyClick(Qt.Key_2);
            keyClick(Qt.Key_Enter);
            compare(Kiosk.textScale, 1.5);
            // The panel closes with the choice: the screen, at its new size, is read again.
            screenAnnounced();
            verify(said().startsWith("Que souhaitez-vous faire"), said());
        }

        // On a screen where the bar stays one row at 150 %: on 1280×800 with the read-aloud
        // button the text sizes then go behind "Plus", the choice is gone from the screen and
        // the screen is read again (test_plusPanelIsReachedByTheKeypad).
        function test_textSizeSaysItsNewState() {
            root.width = 1920;
            startModeAndSession();
            downTo("Bouton, Texte plus grand");
            keyClick(Qt.Key_Enter);
            compare(Kiosk.textScale, 1.5);
            tryCompare(ReadAloud, "lastAsked", "Bouton, Texte plus grand, choisi", 3000);
        }
    }
}
