// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtTest
import Relais.Core
import Relais.App
import "../shared/finger.js" as Finger

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

        // Inside the shell and inside every item that clips it.
        function shownWhole(target) {
            return Finger.shownWhole(shell, target);
        }

        function bringIntoView(target) {
            Finger.bringIntoView(this, shell, target);
        }

        function tap(name) {
            const target = item(name);
            bringIntoView(target);
            verify(target.visible, name + " is hidden");
            verify(target.enabled, name + " is disabled");
            mouseClick(target);
        }

        function startSession() {
            mouseClick(shell);
            compare(Kiosk.session.state, SessionController.Home);
        }

        function init() {
            testTiming.longIdle();
            root.width = 1280;
            returnToAttract();
        }

        function test_attractHomeAgencyIdleContinue() {
            startSession();
            tap("agency-caf");
            compare(Kiosk.session.state, SessionController.Activity);
            compare(Kiosk.session.agency, "caf");
            verify(item("option-visio").visible);
            testTiming.shortIdle();
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
            testTiming.shortIdle();
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
            testTiming.shortIdle();
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
            // The survey is offered first; declining ends and erases at once.
            tryCompare(Kiosk.session, "activity", "survey");
            tap("surveyDeclineButton");
            compare(Kiosk.session.state, SessionController.Wiped);
            compare(Kiosk.textScale, 1.0);
            // A touch on the goodbye screen goes straight back to the start.
            mouseClick(shell);
            compare(Kiosk.session.state, SessionController.Attract);
        }

        function test_agencyProceduresAndBeforeStart() {
            startSession();
            tap("agency-caf");
            tap("option-online");
            compare(Kiosk.session.activity, "online");
            verify(item("procedure-caf-declarer-ressources").visible);
            verify(item("procedure-caf-attestation-paiement").visible);
            verify(item("procedure-caf-changement-situation").visible);
            tap("procedure-caf-attestation-paiement");
            verify(item("startGuideButton").visible);
            tap("backButton");
            verify(item("procedureListTitle").visible);
            tap("backButton");
            compare(Kiosk.session.activity, "agency");
        }

        function test_searchFromHome() {
            startSession();
            tap("tile-search");
            compare(Kiosk.session.activity, "online");
            const field = item("searchField");
            tap("example-retraite");
            compare(field.text, "retraite");
            verify(item("result-carsat-demande-retraite").visible);
            verify(findVisible(shell, "result-caf-declarer-ressources") === null);
            field.text = "IMPOTS";
            verify(item("result-dgfip-declarer-revenus").visible);
            field.text = "zzzz";
            verify(item("noResult").visible);
            field.text = "carte vitale";
            tap("result-cpam-carte-vitale");
            verify(item("startGuideButton").visible);
            tap("backButton");
            compare(item("searchField").text, "carte vitale");
            tap("backButton");
            compare(Kiosk.session.state, SessionController.Home);
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

        function test_printScreenOpensFromHome() {
            startSession();
            tap("tile-print");
            compare(Kiosk.session.activity, "print");
            item("tile-scan");
            tap("backButton");
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

        // Items that have just appeared are placed by their layout on the next polish, a popup
        // once it knows its size, and a screen that pages decides its pages a frame later
        // (PageColumn.repageSoon): an item is returned once it stays where it is.
        function placed(parent, name) {
            waitForRendering(shell);
            let last = null;
            tryVerify(() => {
                const target = findVisible(parent, name);
                const at = target ? target.mapToItem(shell, 0, 0) : null;
                const still = at !== null && last !== null && at.x === last.x && at.y === last.y;
                last = at;
                wait(60);
                return still;
            }, 5000, name + " is not shown in one place");
            return findVisible(parent, name);
        }

        // The session bar's buttons, also in its "Plus" panel (a popup, outside the shell).
        function barItem(name) {
            return placed(shell.Window.window.contentItem, name);
        }

        // A session bar button, behind "Plus" when the bar folds.
        function tapBar(name) {
            waitForRendering(shell);
            if (!findVisible(shell, name))
                mouseClick(placed(shell, "moreButton"));
            mouseClick(barItem(name));
        }

        function test_textSizeButtons() {
            startSession();
            const title = item("homeTitle");
            const button = item("endSessionButton");
            const titleSize = title.font.pixelSize;
            const buttonSize = button.font.pixelSize;
            tapBar("textScale-200");
            compare(Kiosk.textScale, 2.0);
            // The content doubles; the session bar grows by a quarter at most.
            compare(title.font.pixelSize, titleSize * 2);
            compare(button.font.pixelSize, Math.round(buttonSize * 1.25));
            tapBar("textScale-150");
            compare(title.font.pixelSize, Math.round(titleSize * 1.5));
            tapBar("textScale-100");
            compare(Kiosk.textScale, 1.0);
            compare(title.font.pixelSize, titleSize);
            compare(button.font.pixelSize, buttonSize);
        }

        // On a narrow screen the bar stays one row: the text sizes and the other language go
        // behind "Plus", whose panel closes once a choice is made.
        function test_sessionBarFoldsIntoPlus() {
            root.width = 900;
            startSession();
            waitForRendering(shell);
            const more = placed(shell, "moreButton");
            verify(more.mapToItem(shell, more.width, 0).x <= shell.width);
            compare(more.y, item("endSessionButton").y);
            compare(findVisible(shell, "textScale-200"), null);
            compare(findVisible(shell, "language-en"), null);
            mouseClick(more);
            verify(barItem("textScale-100").selected);
            verify(barItem("language-en").visible);
            mouseClick(barItem("textScale-200"));
            compare(Kiosk.textScale, 2.0);
            tryVerify(() => findVisible(shell.Window.window.contentItem, "textScale-200") === null);
            mouseClick(placed(shell, "moreButton"));
            mouseClick(barItem("language-en"));
            compare(Kiosk.language, "en");
            tryCompare(item("endSessionButton"), "text", "Finish and erase");
            // Wide enough, everything is in the row and there is no "Plus".
            root.width = 1920;
            Kiosk.textScale = 1.0;
            waitForRendering(shell);
            verify(item("textScale-150").visible);
            compare(findVisible(shell, "moreButton"), null);
        }
        function tapPlaced(name) {
            placed(shell.Window.window.contentItem, name);
            tap(name);
        }

        function offerSurvey() {
            startSession();
            tapPlaced("agency-caf");
            tapPlaced("endSessionButton");
            tryCompare(Kiosk.session, "activity", "survey");
            compare(Kiosk.survey.phase, SurveyController.Offer);
        }

        function test_surveyAnswerAll() {
            offerSurvey();
            tapPlaced("surveyStartButton");
            compare(item("surveyProgress").text, "Question 1 sur 9");
            const answers = ["answer-tres-satisfait", "answer-satisfait", "answer-totalement", "answer-true", "answer-false"];
            for (let i = 0; i < answers.length; ++i) {
                tapPlaced(answers[i]);
                compare(Kiosk.survey.index, i + 1);
            }
            tapPlaced("answer-affiche");
            tapPlaced("answer-mairie");
            compare(Kiosk.survey.chosen.length, 2);
            tapPlaced("surveyConfirmButton");
            tapPlaced("answer-proximite");
            tapPlaced("answer-sans-reponse");
            tapPlaced("answer-75-plus");
            // The last answer ends the session, as "Terminer et effacer" asked.
            compare(Kiosk.session.state, SessionController.Wiped);
            compare(Kiosk.survey.phase, SurveyController.Idle);
        }

        function test_surveySkipThenFinish() {
            offerSurvey();
            tapPlaced("surveyStartButton");
            tapPlaced("surveySkipButton");
            tapPlaced("surveySkipButton");
            compare(Kiosk.survey.index, 2);
            tapPlaced("surveyFinishButton");
            compare(Kiosk.session.state, SessionController.Wiped);
        }

        function test_surveyIdleInTheMiddle() {
            offerSurvey();
            tapPlaced("surveyStartButton");
            tapPlaced("answer-satisfait");
            testTiming.shortIdle();
            tryCompare(Kiosk.session, "idleWarning", true, 6000);
            tryCompare(Kiosk.session, "state", SessionController.Wiped, 6000);
            compare(Kiosk.survey.phase, SurveyController.Idle);
        }

        function test_oneSurveyPerSession() {
            offerSurvey();
            tapPlaced("surveyStartButton");
            tapPlaced("answer-satisfait");
            // The session bar's own button during the survey: no second offer, straight out.
            tapPlaced("endSessionButton");
            compare(Kiosk.session.state, SessionController.Wiped);
            // Nothing was served in a session that only saw the home screen: no offer.
            returnToAttract();
            startSession();
            tapPlaced("endSessionButton");
            compare(Kiosk.session.state, SessionController.Wiped);
        }

        function cornerTaps(count) {
            // Spaced as a finger's taps are: a second press at once is the same touch.
            for (let i = 0; i < count; ++i) {
                wait(60);
                mouseClick(shell, shell.width - 20, 20);
            }
        }

        function test_mediatorGridEnterCloseCorrect() {
            cornerTaps(2);
            verify(!Kiosk.mediator.padOpen);
            cornerTaps(1);
            verify(Kiosk.mediator.padOpen);
            for (const d of [4, 8, 2, 6])
                tapPlaced("pin-" + d);
            tapPlaced("pinSubmit");
            verify(Kiosk.mediator.unlocked);
            // A week long past, so the test never meets the current one's state.
            for (let i = 0; i < 60; ++i)
                Kiosk.mediator.previousWeek();
            compare(Kiosk.mediator.weekState, "open");
            tapPlaced("cell-information-caf-2");
            tapPlaced("stepUp");
            tapPlaced("stepUp");
            tapPlaced("stepDown");
            tapPlaced("stepUp");
            compare(item("stepValue").text, "2");
            tapPlaced("closeWeekButton");
            compare(Kiosk.mediator.weekState, "closed");
            compare(Kiosk.mediator.editable, false);
            tapPlaced("cell-information-caf-2");
            verify(!findVisible(shell, "stepUp"));
            tapPlaced("correctWeekButton");
            compare(Kiosk.mediator.weekState, "correcting");
            tapPlaced("cell-information-caf-2");
            tapPlaced("stepUp");
            compare(Kiosk.mediator.selectedDesk, 3);
            tapPlaced("closeWeekButton");
            compare(Kiosk.mediator.weekVersion, 2);
            tapPlaced("mediatorPages");
            tapPlaced("mediatorTab-weeks");
            // The oldest week listed, on the list's last page when the weeks do not all fit:
            // "Voir" shows it in the grid.
            const oldest = Kiosk.mediator.pastWeeks[Kiosk.mediator.pastWeeks.length - 1].week;
            verify(oldest !== Kiosk.mediator.week);
            tapPlaced("showWeek-" + oldest);
            compare(Kiosk.mediator.week, oldest);
            compare(Kiosk.mediator.page, "grid");
            verify(item("gridWeekTitle").text.indexOf("Semaine " + Number(oldest.split("-W")[1])) === 0, item("gridWeekTitle").text);
            tapPlaced("mediatorPages");
            tapPlaced("mediatorTab-results");
            // The questions are those of the kiosk's language, and follow it when it changes.
            verify(item("resultQuestion-0").text.indexOf("Êtes-vous satisfait") === 0, item("resultQuestion-0").text);
            Kiosk.language = "en";
            tryVerify(() => item("resultQuestion-0").text.indexOf("Are you satisfied with the welcome? (0 answers)") === 0);
            Kiosk.language = "fr";
            tapPlaced("mediatorLeave");
            verify(!Kiosk.mediator.unlocked);
        }

        function test_wrongPinSaysSo() {
            cornerTaps(3);
            verify(Kiosk.mediator.padOpen);
            tapPlaced("pin-1");
            tapPlaced("pinSubmit");
            verify(!Kiosk.mediator.unlocked);
            compare(Kiosk.mediator.padProblem, "wrong");
            verify(item("pinProblem").text.indexOf("4") >= 0);
            tapPlaced("pinCancel");
            verify(!Kiosk.mediator.padOpen);
        }
    

        // "Inscrire cette borne": typed on the on-screen keyboard, the attempt runs off the
        // interface's thread and its outcome comes back as a sentence; a code of the wrong
        // shape is refused before anything is sent.
        function test_mediatorEnrollmentTypedAndRefused() {
            cornerTaps(3);
            for (const d of [4, 8, 2, 6])
                tapPlaced("pin-" + d);
            tapPlaced("pinSubmit");
            verify(Kiosk.mediator.unlocked);
            verify(!Kiosk.enrollment.enrolled);
            tapPlaced("mediatorPages");
            tapPlaced("mediatorTab-enrollment");
            verify(!item("enrollButton").enabled);
            tapPlaced("enrollmentAddress");
            const keyboard = findChild(shell, "keyboard");
            tryCompare(keyboard, "active", true, 3000);
            item("enrollmentAddress").text = "observatoire.example.fr";
            // The field being typed in stays above the keyboard.
            const field = item("enrollmentAddress");
            tryVerify(() => field.mapToItem(shell, 0, field.height).y <= keyboard.y + 1 && shownWhole(field), 2000, "the address field is under the keyboard");
            item("enrollmentToken").forceActiveFocus();
            item("enrollmentToken").text = "abc";
            shell.forceActiveFocus();
            tryCompare(keyboard, "active", false, 3000);
            tapPlaced("enrollButton");
            tryCompare(Kiosk.enrollment, "busy", false, 10000);
            compare(Kiosk.enrollment.result, "token_unknown");
            compare(item("enrollmentResultTitle").text, "Ce code n'est pas reconnu.");
            verify(!findVisible(shell, "enrollButton"));
            tapPlaced("enrollmentResultOk");
            compare(Kiosk.enrollment.result, "");
            verify(item("enrollButton").visible);
            tapPlaced("mediatorLeave");
        }

        // The same with the administrator's QR code before the camera: the address and the
        // code fill themselves in, the camera stops, and "Inscrire la borne" tries them.
        function test_mediatorEnrollmentFromQrCode() {
            cornerTaps(3);
            for (const d of [4, 8, 2, 6])
                tapPlaced("pin-" + d);
            tapPlaced("pinSubmit");
            tapPlaced("mediatorPages");
            tapPlaced("mediatorTab-enrollment");
            const scanner = findChild(shell, "codeScanner");
            verify(scanner.cameraPresent);
            tapPlaced("enrollmentScanCode");
            verify(scanner.active);
            verify(item("enrollmentCodeView").visible);
            verify(item("enrollmentScanState").text.indexOf("Tenez le QR code") === 0);
            verify(!findVisible(shell, "enrollmentScanCode"));
            scanner.readFromPicture(testEnrollmentPicture);
            tryCompare(item("enrollmentToken"), "text", testEnrollmentToken, 20000);
            compare(item("enrollmentAddress").text, "https://127.0.0.1:9");
            verify(!scanner.active);
            verify(!findVisible(shell, "enrollmentCodeView"));
            verify(item("enrollmentScanState").text.indexOf("Code lu.") === 0);
            tapPlaced("enrollButton");
            // The test kiosk pins no observatory CA: the attempt stops there, sending nothing.
            tryCompare(Kiosk.enrollment, "result", "no_trusted_ca", 20000);
            tapPlaced("enrollmentResultOk");
            item("enrollmentAddress").text = "";
            tapPlaced("mediatorLeave");
        }
    }
}
