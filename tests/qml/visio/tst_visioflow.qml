// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtTest
import Relais.Core
import Relais.App
import Relais.Test
import "../shared/finger.js" as Finger

// The resident's video call, tapped through the real screens against a real relais-hub and
// an adviser (TestAgent) answering with a real media session: the queue, the call, a message,
// "Reconnexion…" when the adviser's line fails, hanging up, and a counter that closes while
// she waits; and her call for the mediator reaching the desk, answered. A picture of each
// phase is saved in Rig.screenshotDir.
Item {
    id: root

    width: 1280
    height: 800

    KioskShell {
        id: shell

        anchors.fill: parent
    }

    // What the kiosk said: every text ReadAloud was asked to say, engine or not.
    SignalSpy {
        id: spoken

        target: ReadAloud
        signalName: "asked"
    }

    TestCase {
        name: "VisioFlow"
        when: windowShown

        function findVisible(parent, name) {
            return Finger.findVisible(parent, name);
        }

        // In the shell or in one of its popups (which the window's overlay holds).
        function item(name) {
            return Finger.item(this, shell.Window.window.contentItem, name, 5000);
        }

        // As a finger would: to the target's page first when the screen does not fit.
        function tap(name) {
            const target = item(name);
            Finger.bringIntoView(this, shell, target);
            verify(target.enabled, name + " is disabled");
            mouseClick(target);
        }

        // The status line: above the buttons before and after the call, over the picture during it.
        function status() {
            const line = findVisible(shell, "callStatus") || findVisible(shell, "visioStatus");
            return line ? line.text : "";
        }

        function snapshot(name) {
            // save() throws when the file cannot be written, which fails the test.
            grabImage(shell).save(Rig.screenshotDir + "/" + name + ".png");
        }

        // The pixels of an item as drawn in the window (grabImage crops by the item's position
        // in its parent, so the whole shell is grabbed and the item's part read from it).
        function pixelsOf(target) {
            const picture = grabImage(shell);
            const origin = target.mapToItem(shell, 0, 0);
            const pixels = [];
            for (let y = 0; y < target.height; y += 3) {
                for (let x = 0; x < target.width; x += 3)
                    pixels.push(String(picture.pixel(Math.round(origin.x + x), Math.round(origin.y + y))));
            }
            return pixels.join(" ");
        }

        // Four pictures of an item taken in turn, each different from the one before: it moves.
        function moves(target) {
            let last = pixelsOf(target);
            for (let i = 0; i < 3; ++i) {
                wait(500); // more than two of its steps
                const next = pixelsOf(target);
                if (next === last)
                    return false;
                last = next;
            }
            return true;
        }

        function startCall() {
            if (Kiosk.session.state !== SessionController.Attract) {
                Kiosk.session.endSession();
                Kiosk.session.acknowledgeGoodbye();
            }
            tryVerify(() => TestAgent.welcomed, 20000, "the adviser is not logged in");
            mouseClick(shell);
            compare(Kiosk.session.state, SessionController.Home);
            tap("agency-caf");
            tap("option-visio");
            tryVerify(() => item("selfView").hasFrame, 15000, "no picture in the pre-call check");
            // The site stands in a shared room: she is told before the loudspeaker is used.
            verify(item("sharedRoomNotice").visible, "the shared room is not mentioned");
            verify(item("sharedRoomNotice").text.indexOf("lieu partagé") >= 0, item("sharedRoomNotice").text);
            Rig.plugHeadset(false);
            compare(item("sharedRoomNotice").text, "Vous êtes dans un lieu partagé\u00a0: utilisez le casque si vous le souhaitez.");
            snapshot("visio-1-check");
            // A headset already plugged in: the notice says where she will hear the adviser.
            Rig.plugHeadset(true);
            compare(item("sharedRoomNotice").text, "Vous êtes dans un lieu partagé. Un casque est branché\u00a0: vous entendrez le conseiller dans le casque.");
            snapshot("visio-1b-check-headset");
            Rig.plugHeadset(false);
            tap("callButton");
            // Before the queue, why she calls: the CAF's procedures, "Autre question", "Passer".
            compare(item("reasonQuestion").text, "C'est à quel sujet\u00a0?");
            verify(findVisible(shell, "reason-other") !== null, "no 'Autre question'");
            verify(findVisible(shell, "reasonSkipButton") !== null, "no 'Passer'");
            snapshot("visio-1c-reason");
            tap("reason-caf-attestation-paiement");
            tryVerify(() => status().indexOf("prochaine personne") >= 0, 20000, status());
            // The adviser's queue shows it, in the catalog's French.
            tryVerify(() => TestAgent.waitingTitles.indexOf("Avoir une attestation de paiement") >= 0, 10000, "the queue shows: " + TestAgent.waitingTitles.join(" | "));
            verify(item("leaveQueueButton").visible);
            // Waiting is not idling: the countdown must not wipe her out of the queue.
            verify(Kiosk.session.idleSuspended);
        }

        function test_1_queueCallReconnectHangUp() {
            startCall();
            snapshot("visio-2-queue");

            // A word from the adviser while she waits: shown, framed, in her language, and said
            // to a resident without sight.
            keyClick(Qt.Key_5);
            const mode = findChild(shell, "nonVisualMode");
            verify(mode.active, "the keypad did not start the non-visual mode");
            verify(TestAgent.sayToLastWaiting("wait_5"));
            tryVerify(() => findVisible(shell, "waitingWordText") !== null, 10000, "the adviser's word is not shown");
            compare(item("waitingWordText").text, "Message du conseiller\u00a0: Je suis à vous dans 5 minutes.");
            const word = "Message du conseiller\u00a0: Je suis à vous dans 5 minutes.";
            tryVerify(() => spoken.signalArguments.some(args => args[0].indexOf(word) >= 0), 5000, "the word was not said");
            mode.stop();
            snapshot("visio-2a-word-while-waiting");
            Kiosk.language = "en";
            tryCompare(item("waitingWordText"), "text", "Message from the adviser: I'll be with you in 5 minutes.");
            Kiosk.language = "fr";

            TestAgent.take();
            tryVerify(() => findVisible(shell, "hangUpButton") !== null, 20000, "the call did not start");
            tryVerify(() => item("remoteView").hasFrame && TestAgent.framesDecoded > 10, 30000, "no pictures both ways");
            tryVerify(() => status().indexOf("Vous parlez avec") >= 0, 10000, status());
            // Without sight (the keypad's mode, started by a key): the adviser's message is
            // said when it comes, as it is shown.
            keyClick(Qt.Key_5);
            verify(findChild(shell, "nonVisualMode").active, "the keypad did not start the non-visual mode");
            verify(TestAgent.say("Bonjour Madame, je vous écoute."));
            tryVerify(() => item("agentText").text.indexOf("je vous écoute") >= 0, 10000, "the adviser's message is not shown");
            const message = "Message du conseiller\u00a0: Bonjour Madame, je vous écoute.";
            const saidSoFar = () => spoken.signalArguments.map(args => args[0]);
            tryVerify(() => saidSoFar().some(text => text.indexOf(message) >= 0), 5000, "heard: " + saidSoFar().join(" | "));
            findChild(shell, "nonVisualMode").stop();
            snapshot("visio-3-call");

            // A headset plugged in, then pulled out, during the call: the status line says where
            // the sound is, calmly, without a notice over the picture.
            tryVerify(() => status().indexOf("Son\u00a0: haut-parleur") >= 0, 5000, status());
            Rig.plugHeadset(true);
            tryVerify(() => status().indexOf("Son\u00a0: casque") >= 0, 5000, status());
            snapshot("visio-3-call-headset");
            Rig.plugHeadset(false);
            tryVerify(() => status().indexOf("Son\u00a0: haut-parleur") >= 0, 5000, status());

            // The adviser sends a form: the resident is asked, keeps it, and is told.
            verify(TestAgent.sendForm("attestation.pdf"));
            tryVerify(() => findVisible(shell, "documentOffer") !== null, 10000, "the form is not offered");
            snapshot("visio-3b-document-offer");
            tap("keepDocumentButton");
            tryVerify(() => item("keptDocuments").text.indexOf("1") >= 0, 5000, "the kept form is not shown");

            // She scans a paper during the call and sends it: the adviser gets the picture.
            tap("scanDocumentButton");
            tryVerify(() => findVisible(shell, "previewScanButton") !== null, 30000, "no scanner found");
            tap("previewScanButton");
            tryVerify(() => findVisible(shell, "sendScanButton") !== null, 30000, "no preview");
            tap("sendScanButton");
            tryVerify(() => TestAgent.documentMime === "image/jpeg", 30000, "the scan did not reach the adviser");
            const side = Rig.scannedSide(200);
            compare(TestAgent.documentPictureSize.width, side);
            compare(TestAgent.documentPictureSize.height, side);
            tryVerify(() => item("scanStateText").text === "Le conseiller a reçu votre papier.", 10000, item("scanStateText").text);
            snapshot("visio-3c-scan-sent");
            tap("scanBackButton");
            item("hangUpButton");

            // The resident mutes herself; the button says how to undo it.
            tap("microphoneButton");
            tryCompare(item("microphoneButton"), "text", "Rétablir le micro");
            tap("microphoneButton");
            tryCompare(item("microphoneButton"), "text", "Couper le micro");

            // The adviser's line loses a third of its packets: her side sends a smaller picture
            // and says so; the resident reads it, big, over the picture, until the line recovers.
            TestAgent.loseWhatISend(0.35);
            tryVerify(() => findVisible(shell, "lineNotice") !== null, 60000, "no weak line notice");
            compare(item("lineNoticeText").text, "Connexion faible\u00a0: image réduite");
            verify(item("lineNoticeText").font.pixelSize >= 28);
            snapshot("visio-3d-weak-line");
            TestAgent.loseWhatISend(0);
            tryVerify(() => findVisible(shell, "lineNotice") === null, 60000, "the notice stayed");

            // The adviser's line fails: the kiosk says so, rebuilds the call and it comes back.
            TestAgent.loseWhatISend(1.0);
            tryVerify(() => status().indexOf("Reconnexion") >= 0, 20000, status());
            verify(item("reconnectingBanner").visible);
            snapshot("visio-4-reconnecting");
            verify(Kiosk.session.idleSuspended);
            TestAgent.loseWhatISend(0);
            tryVerify(() => status().indexOf("Vous parlez avec") >= 0, 40000, status());

            tap("hangUpButton");
            tryVerify(() => TestAgent.ended, 10000, "the adviser was not told");
            // After an answered call the short survey is offered at once.
            tryCompare(Kiosk.session, "activity", "survey", 10000);
            verify(!Kiosk.session.idleSuspended);
            snapshot("visio-5-survey-offer");
            tap("surveyDeclineButton");
            tryVerify(() => Kiosk.session.activity !== "survey", 5000, "the survey offer stayed");

            // The kept form waits on "Imprimer ou scanner", by its name, after the call.
            Kiosk.session.home();
            tap("tile-print");
            tryCompare(item("tile-document-0"), "text", "Imprimer « attestation.pdf »");
            snapshot("visio-6-kept-form-to-print");
            // and is gone with the session.
            Kiosk.session.endSession();
            Kiosk.session.acknowledgeGoodbye();
            mouseClick(shell);
            tap("tile-print");
            verify(findVisible(shell, "tile-scan") !== null);
            verify(findVisible(shell, "tile-document-0") === null, "the form outlived the session");
        }

        function test_2_counterClosesWhileWaiting() {
            startCall();
            // The only adviser leaves for the day.
            TestAgent.setPresence("offline");
            tryVerify(() => status().indexOf("plus aucun conseiller") >= 0, 20000, status());
            verify(!Kiosk.session.idleSuspended);
            snapshot("visio-6-closed");
            tap("callbackButton");
            tryVerify(() => status().indexOf("C'est noté") >= 0, 10000, status());
            snapshot("visio-7-callback");
            TestAgent.setPresence("available");
        }

        // "Demander de l'aide au médiateur" rings the desk; "J'arrive" comes back by name.
        function test_3_callTheMediator() {
            if (Kiosk.session.state !== SessionController.Attract) {
                Kiosk.session.endSession();
                Kiosk.session.acknowledgeGoodbye();
            }
            tryVerify(() => Rig.deskOpen, 20000, "the desk is not logged in");
            compare(Rig.deskAlerts, 0);
            mouseClick(shell);
            tap("tile-mediator");
            tryVerify(() => Rig.deskAlerts === 1, 20000, "the desk has no call");
            tryVerify(() => item("mediatorCallState").text.indexOf("Le médiateur est prévenu") === 0, 10000, item("mediatorCallState").text);
            snapshot("mediator-1-told");
            Rig.answerHelp();
            tryVerify(() => item("mediatorCallState").text === "Mme Roux arrive. Restez devant la borne.", 10000, item("mediatorCallState").text);
            snapshot("mediator-2-coming");
            verify(item("mediatorWaitIndicator").running);
            // She leaves: the desk's call goes with her session.
            Kiosk.session.endSession();
            tryVerify(() => Rig.deskAlerts === 0, 20000, "the call stayed on the desk");
            Kiosk.session.acknowledgeGoodbye();
        }

        // The queue says how many wait before her, each count in its own grammatical number,
        // in French and in English; while the call connects and while she waits, the
        // indicator turns, and it stops once it is out of sight.
        function test_4_queueCountsAndWaitIndicator() {
            if (Kiosk.session.state !== SessionController.Attract) {
                Kiosk.session.endSession();
                Kiosk.session.acknowledgeGoodbye();
            }
            tryVerify(() => TestAgent.welcomed, 20000, "the adviser is not logged in");
            Rig.queueOthers(2);
            tryVerify(() => Rig.othersQueued === 2, 20000, "the other kiosks are not in the queue");
            mouseClick(shell);
            tap("agency-caf");
            tap("option-visio");
            // The camera opening: the indicator turns over the empty picture until it comes.
            const camera = findVisible(shell, "cameraWaitIndicator");
            tryVerify(() => item("selfView").hasFrame, 15000, "no picture in the pre-call check");
            if (camera)
                verify(!camera.visible && !camera.running, "the camera's indicator outlived the wait");

            // The hub is slow to answer: "Connexion en cours…" with the indicator turning.
            tap("callButton");
            Rig.pauseHub(true);
            tap("reasonSkipButton");
            const indicator = item("visioWaitIndicator");
            try {
                compare(status(), "Connexion en cours…");
                verify(indicator.running, "the indicator is still while the call connects");
                compare(indicator.Accessible.name, "Connexion en cours…");
                verify(indicator.width >= 90, "the indicator is small: " + indicator.width);
                verify(moves(indicator), "the indicator's picture does not change while the call connects");
                snapshot("visio-1b-connecting");
            } finally {
                Rig.pauseHub(false);
            }

            tryVerify(() => status() === "2 personnes attendent avant vous.", 20000, status());
            verify(indicator.running);
            snapshot("visio-2b-queue-third");
            Kiosk.language = "en";
            tryVerify(() => status() === "2 people are waiting before you.", 5000, status());
            Rig.firstOtherLeaves();
            tryVerify(() => status() === "1 person is waiting before you.", 20000, status());
            Kiosk.language = "fr";
            tryVerify(() => status() === "1 personne attend avant vous.", 5000, status());
            snapshot("visio-2c-queue-second");
            Rig.firstOtherLeaves();
            tryVerify(() => status().indexOf("prochaine personne") >= 0, 20000, status());

            // She leaves the queue: the indicator goes out of sight and stops.
            tap("leaveQueueButton");
            tryVerify(() => !indicator.visible, 10000, "the indicator stayed after leaving the queue");
            verify(!indicator.running, "the indicator turns out of sight");
            Kiosk.session.endSession();
            Kiosk.session.acknowledgeGoodbye();
        }

        // Her adviser passes her on (here to the CAF's own queue, for whoever answers next):
        // the call's picture goes, she is told so in plain words, waiting at the head of the
        // queue, and the next adviser's call reaches her with pictures both ways.
        function test_6_passedOnToAnotherAdviser() {
            startCall();
            TestAgent.take();
            tryVerify(() => findVisible(shell, "hangUpButton") !== null, 20000, "the call did not start");
            tryVerify(() => item("remoteView").hasFrame && TestAgent.framesDecoded > 5, 30000, "no pictures both ways");
            verify(TestAgent.transferTo("caf"));
            tryVerify(() => status() === "On vous passe un autre conseiller. Ne quittez pas.", 10000, status());
            verify(findVisible(shell, "hangUpButton") === null, "the call's controls stayed");
            verify(item("leaveQueueButton").visible);
            verify(Kiosk.session.idleSuspended);
            snapshot("visio-8-passed-on");
            Kiosk.language = "en";
            tryVerify(() => status() === "You are being passed to another adviser. Please hold.", 5000, status());
            Kiosk.language = "fr";
            tryVerify(() => TestAgent.ended, 10000, "the first adviser's call did not end");
            TestAgent.take();
            tryVerify(() => status().indexOf("Vous parlez avec") >= 0, 30000, status());
            tryVerify(() => item("remoteView").hasFrame && TestAgent.framesDecoded > 5, 30000, "no pictures with the second adviser");
            // No survey while she was passed on; it comes after the last call.
            verify(Kiosk.session.activity !== "survey", "the survey interrupted the transfer");
            tap("hangUpButton");
            tryVerify(() => TestAgent.ended, 10000, "the adviser was not told");
            tryCompare(Kiosk.session, "activity", "survey", 10000);
            Kiosk.session.endSession();
            Kiosk.session.acknowledgeGoodbye();
        }

        // Everything said since `from` (an index into what was said).
        function heardSince(from) {
            const heard = [];
            for (let i = from; i < spoken.count; ++i)
                heard.push(spoken.signalArguments[i][0]);
            return heard;
        }

        // "Down" on the keypad until the item whose words start so.
        function keypadDownTo(words) {
            const heard = [];
            for (let i = 0; i < 40; ++i) {
                const before = spoken.count;
                keyClick(Qt.Key_2);
                verify(spoken.count > before, "nothing said for the down key");
                heard.push(ReadAloud.lastAsked);
                if (ReadAloud.lastAsked.startsWith(words))
                    return;
            }
            fail("never reached \"" + words + "\"; heard: " + heard.join(" | "));
        }

        // Without sight, on the keypad alone: from the attract screen to the CAF's video counter,
        // into the queue, hearing her place in it, and out of it again.
        function test_5_keypadToTheQueueAndOut() {
            if (Kiosk.session.state !== SessionController.Attract) {
                Kiosk.session.endSession();
                Kiosk.session.acknowledgeGoodbye();
            }
            const mode = findChild(shell, "nonVisualMode");
            mode.stop();
            tryVerify(() => TestAgent.welcomed, 20000, "the adviser is not logged in");
            spoken.clear();

            keyClick(Qt.Key_5);
            verify(mode.active);
            verify(ReadAloud.lastAsked.startsWith("Mode sans écran activé."), ReadAloud.lastAsked);
            keypadDownTo("Bouton, Touchez l'écran pour commencer");
            keyClick(Qt.Key_Enter);
            compare(Kiosk.session.state, SessionController.Home);
            keypadDownTo("Bouton, CAF");
            keyClick(Qt.Key_Enter);
            compare(Kiosk.session.agency, "caf");
            keypadDownTo("Bouton, Parler à un conseiller en visio");
            keyClick(Qt.Key_Enter);
            tryVerify(() => item("selfView").hasFrame, 15000, "no picture in the pre-call check");
            keypadDownTo("Bouton, Appeler un conseiller");
            keyClick(Qt.Key_Enter);
            // Why she calls: the question is said, and "Passer" joins the queue without saying.
            tryVerify(() => heardSince(0).some(words => words.indexOf("C'est à quel sujet") >= 0), 5000, "the question was not said");
            keypadDownTo("Bouton, Passer");
            const called = spoken.count;
            keyClick(Qt.Key_Enter);
            // Her place in the queue is said when it comes (the counts in their grammatical
            // number are test_4's; the same status line is what is said).
            tryVerify(() => heardSince(called).some(words => words.indexOf("prochaine personne") >= 0), 20000, "heard: " + heardSince(called).join(" | "));
            verify(heardSince(called).some(words => words.indexOf(status()) >= 0), status() + " was not said; heard: " + heardSince(called).join(" | "));
            keypadDownTo("Bouton, Quitter la file");
            keyClick(Qt.Key_Enter);
            tryVerify(() => findVisible(shell, "leaveQueueButton") === null, 10000, "still in the queue");
            verify(findVisible(shell, "visioWaitIndicator") === null, "still waiting");
            // Her session's end takes the mode with it.
            Kiosk.session.endSession();
            verify(!mode.active);
            Kiosk.session.acknowledgeGoodbye();
        }
    }
}
