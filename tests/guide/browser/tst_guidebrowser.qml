// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtTest
import Relais.Core
import Relais.App
import Relais.Guide
import Relais.Help
import GuideTest

// The guided browser for real: the resident's taps from the home screen to the guide, pages
// on loopback that try to leave the allow-list, downloads, and the wipe at the end of a
// session (the button, and the idle reset).
Item {
    id: root

    width: 1920
    height: 1080

    KioskShell {
        id: shell

        anchors.fill: parent
    }

    SignalSpy {
        id: pdfSpy

        target: GuideSession
        signalName: "pdfDownloaded"
    }

    // What the kiosk said: every text ReadAloud was asked to say, engine or not.
    SignalSpy {
        id: spoken

        target: ReadAloud
        signalName: "asked"
    }

    SignalSpy {
        id: screenPdfSpy

        signalName: "pdfDownloaded"
    }

    TestCase {
        name: "GuideBrowser"
        when: windowShown

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
            tryVerify(() => findVisible(shell, name) !== null, 5000, "no visible item named " + name);
            return findVisible(shell, name);
        }

        function tap(name) {
            const target = item(name);
            verify(target.enabled, name + " is disabled");
            mouseClick(target);
        }

        function init() {
            if (Kiosk.session.state === SessionController.Home || Kiosk.session.state === SessionController.Activity)
                Kiosk.session.endSession();
            if (Kiosk.session.state === SessionController.Wiped)
                Kiosk.session.acknowledgeGoodbye();
            compare(Kiosk.session.state, SessionController.Attract);
            pdfSpy.clear();
        }

        function openGuide(procedureId) {
            mouseClick(shell);
            tap("agency-caf");
            tap("option-online");
            tap("procedure-" + procedureId);
            // The session's profile is made while the resident reads, before any guide.
            tryVerify(() => GuideSession.profile !== null, 5000, "no profile made ahead");
            compare(GuideSession.procedureId, "");
            tap("startGuideButton");
            const view = item("guideWebView");
            tryCompare(view, "title", "Accueil CAF", 30000);
            return view;
        }

        function js(view, script) {
            let done = false;
            let result;
            view.runJavaScript(script, r => {
                result = r;
                done = true;
            });
            tryVerify(() => done, 10000, "no answer to " + script);
            return result;
        }

        function click(view, id) {
            js(view, "document.getElementById('" + id + "').click(); true");
        }

        function expectRefused(view, host) {
            tryCompare(GuideSession, "refusedHost", host, 10000);
            verify(item("refusalNotice").visible);
            compare(item("refusalText").text, "Cette page ne fait pas partie de la démarche. La borne ne l'ouvre pas.");
            tap("refusalBackButton");
            compare(GuideSession.refusedHost, "");
            compare(view.title, "Accueil CAF");
        }

        function test_allowList() {
            const view = openGuide("caf-attestation-paiement");
            compare(String(view.url), "https://www.caf.fr/");
            // The guide's steps are beside the page, the first one highlighted.
            compare(item("stepCounter").text, "Étape 1 sur 4");
            verify(item("currentStep").visible);
            wait(1000); // the page is loaded; let its first frames reach the window
            Sites.saveWindow(shell, Sites.screenshotPath("guide-beside-page.png"));

            click(view, "outside");
            expectRefused(view, "www.evil.example");

            // Without sight (the keypad's mode, started by a key): the refusal is said when
            // it appears, and what to do next with it.
            keyClick(Qt.Key_5);
            const mode = findChild(shell, "nonVisualMode");
            verify(mode.active, "the keypad did not start the non-visual mode");
            spoken.clear();
            click(view, "outside");
            tryCompare(GuideSession, "refusedHost", "www.evil.example", 10000);
            const saidSoFar = () => spoken.signalArguments.map(args => args[0]);
            tryVerify(() => saidSoFar().some(text => text.indexOf("Cette page ne fait pas partie de la démarche. La borne ne l'ouvre pas.") >= 0), 5000, "heard: " + saidSoFar().join(" | "));
            mode.stop();
            tap("refusalBackButton");
            compare(GuideSession.refusedHost, "");

            click(view, "redirect");
            expectRefused(view, "www.evil.example");
            compare(Sites.hits("www.caf.fr /partir"), 1);
            js(view, "location.href = 'https://www.evil.example/script'; true");
            expectRefused(view, "www.evil.example");
            js(view, "window.open('https://www.evil.example/fenetre'); true");
            expectRefused(view, "www.evil.example");
            js(view, "location.href = 'http://www.caf.fr/'; true");
            expectRefused(view, "www.caf.fr");
            click(view, "file");
            wait(500);
            verify(!String(view.url).startsWith("file:"), String(view.url));
            compare(view.title, "Accueil CAF");
            GuideSession.dismissRefusal();
            // Nothing refused ever reached the network.
            compare(Sites.hostHits("www.evil.example"), 0);

            // Allowed: a link to a subdomain, and a new window opened in the same view.
            click(view, "inside");
            tryCompare(view, "title", "Mon Compte", 10000);
            compare(String(view.url), "https://wwwd.caf.fr/compte");
            js(view, "window.open('https://app.franceconnect.gouv.fr/connexion'); true");
            tryCompare(view, "title", "FranceConnect", 10000);
            compare(GuideSession.refusedHost, "");
            verify(view.canGoBack);
            js(view, "location.href = 'https://www.caf.fr/'; true");
            tryCompare(view, "title", "Accueil CAF", 10000);

            // The steps move on; help is one tap and the screen says where the call stands:
            // no hub answers here (tst_helpcall has the desk), so she is told to wave.
            tap("nextStepButton");
            compare(GuideSession.step, 1);
            compare(item("stepCounter").text, "Étape 2 sur 4");
            tap("helpButton");
            verify(item("helpComing").visible);
            verify(!findVisible(shell, "helpButton"));
            tryVerify(() => HelpCall.state === HelpCall.Unreachable, 10000);
            compare(item("helpComing").text, "Faites signe au médiateur, à l'accueil. Il vient vous aider ici.");
            Sites.saveWindow(shell, Sites.screenshotPath("guide-help-no-desk.png"));
        }

        // A page slow to come: the ring turns over the guide's page until it has loaded, and
        // stops once it is out of sight.
        function test_slowPageShowsTheWait() {
            const view = openGuide("caf-attestation-paiement");
            Sites.holdSlowPage(true);
            js(view, "location.href = 'https://www.caf.fr/lent'; true");
            tryVerify(() => Sites.heldRequests() === 1, 10000, "the slow page was not asked for");
            const indicator = item("pageWaitIndicator");
            verify(indicator.running, "the indicator is still while the page loads");
            compare(indicator.Accessible.name, "Chargement de la page…");
            compare(view.title, "Accueil CAF");
            Sites.saveWindow(shell, Sites.screenshotPath("guide-page-loading.png"));
            Sites.holdSlowPage(false);
            tryCompare(view, "title", "Page lente", 10000);
            tryVerify(() => !findVisible(shell, "pageWaitIndicator"), 10000, "the indicator outlived the load");
            verify(!indicator.running, "the indicator turns out of sight");
        }

        function test_downloads() {
            const view = openGuide("caf-attestation-paiement");
            screenPdfSpy.target = findVisible(shell, "guideScreen");
            screenPdfSpy.clear();
            click(view, "zip");
            tryCompare(GuideSession, "refusedDownload", "archive.zip", 10000);
            tap("refusalBackButton");
            // Said to be a PDF, but is not one: removed and refused.
            click(view, "fakepdf");
            tryCompare(GuideSession, "refusedDownload", "faux.pdf", 10000);
            tap("refusalBackButton");
            compare(pdfSpy.count, 0);
            click(view, "pdf");
            tryCompare(pdfSpy, "count", 1, 10000);
            compare(screenPdfSpy.count, 1);
            const path = pdfSpy.signalArguments[0][0];
            verify(path.startsWith(GuideSession.downloadDirectory + "/"), path);
            verify(Sites.fileText(path).startsWith("%PDF-"));
            compare(GuideSession.downloads, ["attestation-CAF.pdf"]);
            compare(item("documentReceived").text, "Document reçu : attestation-CAF.pdf");
            // Its print preview opens over the guide, which is still there behind it.
            tryVerify(() => item("guidePrintPreview").status === Loader.Ready, 10000, "no print preview");
            compare(item("guidePrintPreview").item.pdfPath, path);
            compare(view.title, "Accueil CAF");
            wait(500);
            Sites.saveWindow(shell, Sites.screenshotPath("guide-document-received.png"));
        }

        function test_keyboardForWebFields() {
            const view = openGuide("caf-attestation-paiement");
            const box = js(view, "(() => { const r = document.getElementById('field').getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()");
            // The page is zoomed for the kiosk: CSS pixels to the view's.
            mouseClick(view, box[0] * view.zoomFactor, box[1] * view.zoomFactor);
            tryVerify(() => Qt.inputMethod.visible, 10000, "the on-screen keyboard did not open");
            Sites.saveWindow(shell, Sites.screenshotPath("guide-keyboard.png"));
        }

        function fillSession(view) {
            click(view, "storage");
            tryCompare(view, "title", "Stockage", 10000);
            tryVerify(() => js(view, "window.cached") === "yes", 10000, "the script did not run");
            js(view, "document.cookie = 'relais=marker-cookie-5ab1; max-age=86400; path=/'; localStorage.setItem('relais', 'marker-local-5ab1'); window.idbDone = false; const r = indexedDB.open('relais-db', 1); r.onupgradeneeded = () => r.result.createObjectStore('s'); r.onsuccess = () => { const t = r.result.transaction('s', 'readwrite'); t.objectStore('s').put('marker-idb-5ab1', 'k'); t.oncomplete = () => { window.idbDone = true; }; }; true");
            tryVerify(() => js(view, "window.idbDone") === true, 10000, "IndexedDB not written");
            compare(js(view, "document.cookie"), "relais=marker-cookie-5ab1");
            // The script came from the cache the second time.
            const hits = Sites.hits("www.caf.fr /cache.js");
            const pages = Sites.hits("www.caf.fr /stockage?encore");
            js(view, "location.href = '/stockage?encore'; true");
            tryVerify(() => Sites.hits("www.caf.fr /stockage?encore") === pages + 1, 10000);
            tryVerify(() => js(view, "window.cached") === "yes", 10000, "the script did not run");
            compare(Sites.hits("www.caf.fr /cache.js"), hits);
            js(view, "location.href = '/attestation.pdf'; true");
            tryCompare(pdfSpy, "count", 1, 10000);
            return {
                "pdf": pdfSpy.signalArguments[0][0],
                "directory": GuideSession.downloadDirectory,
                "cacheHits": hits
            };
        }

        function expectNothingLeft(old) {
            verify(!Sites.exists(old.pdf), old.pdf);
            verify(!Sites.exists(old.directory), old.directory);
            verify(!GuideSession.profile);
            compare(GuideSession.downloads, []);
            // Give the deleted profile and its renderer time to go, then look at every file.
            wait(1500);
            for (const marker of ["marker-cookie-5ab1", "marker-local-5ab1", "marker-idb-5ab1", "relais-pdf-marker"])
                compare(Sites.filesContaining(marker), [], marker);
        }

        function expectCleanSession(old) {
            const view = openGuide("caf-attestation-paiement");
            verify(GuideSession.downloadDirectory !== old.directory);
            click(view, "storage");
            tryCompare(view, "title", "Stockage", 10000);
            tryVerify(() => js(view, "window.cached") === "yes", 10000, "the script did not run");
            compare(js(view, "document.cookie"), "");
            compare(js(view, "localStorage.getItem('relais') === null && localStorage.length === 0"), true);
            js(view, "window.names = null; indexedDB.databases().then(list => { window.names = list.map(d => d.name).join(','); }); true");
            tryVerify(() => js(view, "window.names") !== null, 10000);
            compare(js(view, "window.names"), "");
            // The cached script is fetched again: the cache went with the profile.
            compare(Sites.hits("www.caf.fr /cache.js"), old.cacheHits + 1);
        }

        function test_endAndEraseWipesEverything() {
            const old = fillSession(openGuide("caf-attestation-paiement"));
            tap("endSessionButton");
            tap("surveyDeclineButton");
            compare(Kiosk.session.state, SessionController.Wiped);
            expectNothingLeft(old);
            Kiosk.session.acknowledgeGoodbye();
            expectCleanSession(old);
        }

        function test_idleResetWipesEverything() {
            const old = fillSession(openGuide("caf-attestation-paiement"));
            Sites.elapseIdle();
            tryCompare(Kiosk.session, "state", SessionController.Wiped, 10000);
            expectNothingLeft(old);
            Kiosk.session.acknowledgeGoodbye();
            expectCleanSession(old);
        }
    }
}
