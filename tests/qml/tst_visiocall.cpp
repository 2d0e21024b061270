// SPDX-License-Identifier: EUPL-1.2
#include "callsession.h"
#include "cupsprinting.h"
#include "frameview.h"
#include "hubprocess.h"
#include "pdfpages.h"
#include "printdesk.h"
#include "printdocument.h"
#include "privatecups.h"
#include "protocol.h"
#include "signallingclient.h"
#include "testagent.h"
#include "testkiosk.h"
#include "testpdf.h"
#include "visiocall.h"
#include "visiokiosk.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gst/gst.h>

using namespace relais;
using relais::hub::test::HubProcess;

// The kiosk's video call against a real relais-hub and an agent (signalling client + media
// session in this process): the queue, the call with pictures both ways, hanging up, a closed
// counter with a callback, leaving the queue, and what the journal keeps of each.
class TestVisioCall : public QObject
{
    Q_OBJECT

    std::unique_ptr<HubProcess> m_hub;

    std::unique_ptr<TestKiosk> kioskAt(const QString &site)
    {
        return std::make_unique<TestKiosk>(SessionController::Timing{},
                                           withVisio(site, m_hub->port(), m_hub->path()));
    }

    // Luma of the brightest pixel, 0 to 255; -1 before the first frame. The test picture is a
    // white ball on black: bright somewhere while the camera is on, nowhere once it is off.
    static int brightness(const QImage &frame)
    {
        if (frame.isNull())
            return -1;
        const QImage grey = frame.convertToFormat(QImage::Format_Grayscale8);
        int brightest = 0;
        for (int y = 0; y < grey.height(); ++y) {
            const uchar *line = grey.constScanLine(y);
            brightest = std::max(brightest, int(*std::max_element(line, line + grey.width())));
        }
        return brightest;
    }

    static QByteArray testPdf()
    {
        return QByteArrayLiteral("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                                 "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                                 "trailer<</Root 1 0 R>>\n%%EOF\n");
    }

    // An adviser of CAF logged in at the hub, ready to take calls.
    bool adviserReady(TestAgent &agent)
    {
        agent.connectTo(*m_hub);
        return QTest::qWaitFor([&] { return agent.signalling.isWelcomed(); }, 20000);
    }

    // The resident touched "Appeler un conseiller" for CAF and waits in its queue.
    static bool queuedAtCaf(VisioCall &call)
    {
        call.setAgency(QStringLiteral("caf"));
        call.call();
        return QTest::qWaitFor([&] { return call.phase() == VisioCall::Queued; }, 20000);
    }

    static QStringList types(TestKiosk &kiosk)
    {
        QStringList result;
        for (const JournalEvent &e : kiosk.journal->events())
            if (e.type.startsWith(QLatin1String("call_")))
                result << e.type;
        return result;
    }

    static QString lastOutcome(TestKiosk &kiosk)
    {
        const auto events = kiosk.journal->events();
        for (auto it = events.crbegin(); it != events.crend(); ++it)
            if (it->type == QLatin1String("call_ended"))
                return it->payload.value(QStringLiteral("outcome")).toString();
        return {};
    }

private slots:
    void initTestCase()
    {
        gst_init(nullptr, nullptr);
        m_hub = std::make_unique<HubProcess>();
        m_hub->addAgents({{QStringLiteral("caf"), QStringLiteral("agent-1")}});
        QVERIFY(m_hub->start());
    }

    void cleanupTestCase() { m_hub.reset(); }

    void queuedAnsweredAndHungUp()
    {
        auto kiosk = kioskAt(QStringLiteral("19-allday"));
        TestAgent agent;
        QVERIFY(adviserReady(agent));

        // Kept documents go to the session's print desk (keptDocumentIsPrintedAfterTheCall).
        QTemporaryDir sessions;
        PrintDesk desk({nullptr, nullptr, {}, sessions.path()}, kiosk->kiosk->session());
        kiosk->kiosk->session()->begin();
        VisioCall call;
        FrameView remoteView;
        FrameView selfView;
        call.attachViews(&remoteView, &selfView);
        call.setAgency(QStringLiteral("caf"));
        call.startCheck();
        // The pre-call check shows her own picture.
        QTRY_VERIFY_WITH_TIMEOUT(selfView.hasFrame(), 20000);
        QCOMPARE(call.phase(), VisioCall::Checking);
        call.call();
        QTRY_COMPARE_WITH_TIMEOUT(call.phase(), VisioCall::Queued, 20000);
        QCOMPARE(call.position(), 1);
        // Waiting must not be cut short by the idle countdown.
        QVERIFY(kiosk->kiosk->session()->idleSuspended());

        agent.signalling.take();
        QTRY_COMPARE_WITH_TIMEOUT(call.phase(), VisioCall::InCall, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(call.seeingAgent(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(agent.session && agent.session->framesDecoded() > 10, 30000);
        QVERIFY(kiosk->kiosk->session()->idleSuspended());
        QVERIFY(remoteView.hasFrame());
        // Her own picture during the call too, as the adviser receives it.
        QTRY_VERIFY_WITH_TIMEOUT(selfView.hasFrame(), 20000);
        QCOMPARE(selfView.frameSize(), QSize(1280, 720));

        // "Montrer un document": a photo of what the camera sees reaches the adviser.
        call.showDocument();
        QCOMPARE(call.documentState(), VisioCall::Sending);
        QTRY_COMPARE_WITH_TIMEOUT(call.documentState(), VisioCall::Sent, 30000);
        QCOMPARE(agent.documentMime, QStringLiteral("image/jpeg"));
        QCOMPARE(QImage::fromData(agent.document, "JPEG").size(), QSize(1280, 720));

        // Real-time text both ways: the adviser's draft as it is typed, then the message.
        QVERIFY(agent.session->sendTyping(QStringLiteral("Bonjour, pouv")));
        QTRY_COMPARE_WITH_TIMEOUT(call.agentTyping(), QStringLiteral("Bonjour, pouv"), 20000);
        QVERIFY(agent.session->sendText(QStringLiteral("Bonjour, pouvez-vous m'entendre ?")));
        QTRY_COMPARE_WITH_TIMEOUT(call.agentMessage(),
                                  QStringLiteral("Bonjour, pouvez-vous m'entendre ?"), 20000);
        QVERIFY(call.agentTyping().isEmpty());
        call.typeText(QStringLiteral("Non, je"));
        QTRY_COMPARE_WITH_TIMEOUT(agent.typing, QStringLiteral("Non, je"), 20000);
        QVERIFY(call.sendText(QStringLiteral("  Non, je suis sourde.  ")));
        QTRY_COMPARE_WITH_TIMEOUT(agent.text, QStringLiteral("Non, je suis sourde."), 20000);
        QVERIFY(!call.sendText(QStringLiteral("   ")));

        // The adviser sends a form: only a real PDF is offered, and only what she keeps stays.
        QSignalSpy offers(&call, &VisioCall::receivedDocumentsChanged);
        agent.session->sendDocument(QStringLiteral("photo.png"), QStringLiteral("image/png"),
                                    QByteArray(2000, 'x'));
        agent.session->sendDocument(QStringLiteral("faux.pdf"), QStringLiteral("application/pdf"),
                                    QByteArray("<html>not a pdf</html>"));
        const QByteArray pdf = testPdf();
        agent.session->sendDocument(QStringLiteral("formulaire.pdf"),
                                    QStringLiteral("application/pdf"), pdf);
        QTRY_COMPARE_WITH_TIMEOUT(call.offeredDocument(), QStringLiteral("formulaire.pdf"), 20000);
        QCOMPARE(offers.size(), 1); // the two others were never offered
        QCOMPARE(call.offeredDocumentKb(), 1);
        call.keepOfferedDocument();
        QVERIFY(call.offeredDocument().isEmpty());
        QCOMPARE(call.keptDocuments(), 1);
        agent.session->sendDocument(QStringLiteral("autre.pdf"), QStringLiteral("application/pdf"),
                                    pdf);
        QTRY_COMPARE_WITH_TIMEOUT(call.offeredDocument(), QStringLiteral("autre.pdf"), 20000);
        call.declineOfferedDocument();
        QCOMPARE(call.keptDocuments(), 1);

        // Camera off: the adviser sees black, not a frozen picture; on again: the picture.
        QTRY_VERIFY_WITH_TIMEOUT(brightness(agent.lastFrame) > 150, 20000);
        call.setCameraOn(false);
        QTRY_VERIFY_WITH_TIMEOUT(
            brightness(agent.lastFrame) >= 0 && brightness(agent.lastFrame) < 40, 20000);
        call.setCameraOn(true);
        QTRY_VERIFY_WITH_TIMEOUT(brightness(agent.lastFrame) > 150, 20000);
        call.setMicrophoneMuted(true);
        QVERIFY(call.microphoneMuted());

        call.hangUp();
        QCOMPARE(call.phase(), VisioCall::Ended);
        QVERIFY(!kiosk->kiosk->session()->idleSuspended());
        QTRY_VERIFY_WITH_TIMEOUT(agent.ended, 20000);
        QCOMPARE(types(*kiosk),
                 (QStringList{QStringLiteral("call_requested"), QStringLiteral("call_queued"),
                              QStringLiteral("call_started"), QStringLiteral("call_ended")}));
        QCOMPARE(lastOutcome(*kiosk), QStringLiteral("answered"));
    }

    // "Oui, le garder": the adviser's PDF joins the session's print desk, outlives the call
    // and its screen, prints through CUPS (the pages land in CUPS-PDF's file), and is deleted
    // with the session.
    void keptDocumentIsPrintedAfterTheCall()
    {
        PrivateCups cups;
        QString error;
        QVERIFY2(cups.start(&error), qPrintable(error));
        QTemporaryDir sessions;
        auto kiosk = kioskAt(QStringLiteral("19-allday"));
        PrintDesk desk(
            {std::make_unique<CupsPrinting>(cups.server()), nullptr, {}, sessions.path()},
            kiosk->kiosk->session());
        QTemporaryDir files;
        const QString formPath = files.filePath(QStringLiteral("form.pdf"));
        QVERIFY(writeTestPdf(formPath, 2));
        QFile formFile(formPath);
        QVERIFY(formFile.open(QIODevice::ReadOnly));
        const QByteArray form = formFile.readAll();

        TestAgent agent;
        QVERIFY(adviserReady(agent));
        kiosk->kiosk->session()->begin();
        {
            VisioCall call;
            QVERIFY(queuedAtCaf(call));
            agent.signalling.take();
            QTRY_COMPARE_WITH_TIMEOUT(call.phase(), VisioCall::InCall, 20000);
            // The data channel is open once pictures flow both ways.
            QTRY_VERIFY_WITH_TIMEOUT(call.seeingAgent(), 30000);
            QTRY_VERIFY_WITH_TIMEOUT(agent.session && agent.session->framesDecoded() > 0, 30000);
            agent.session->sendDocument(QStringLiteral("Attestation de paiement.pdf"),
                                        QStringLiteral("application/pdf"), form);
            QTRY_COMPARE_WITH_TIMEOUT(call.offeredDocument(),
                                      QStringLiteral("Attestation de paiement.pdf"), 30000);
            QVERIFY(desk.documents().isEmpty());
            call.keepOfferedDocument();
            QCOMPARE(call.keptDocuments(), 1);
            call.hangUp();
            QCOMPARE(call.phase(), VisioCall::Ended);
        } // the call's screen is gone

        // Listed on "Imprimer ou scanner" by its name, kept in the session's folder.
        QCOMPARE(desk.documents().size(), 1);
        const QVariantMap listed = desk.documents().constFirst().toMap();
        QCOMPARE(listed.value(QStringLiteral("name")).toString(),
                 QStringLiteral("Attestation de paiement.pdf"));
        const QString kept = listed.value(QStringLiteral("path")).toString();
        QVERIFY2(kept.startsWith(sessions.path()), qPrintable(kept));
        QFile keptFile(kept);
        QVERIFY(keptFile.open(QIODevice::ReadOnly));
        QCOMPARE(keptFile.readAll(), form);
        keptFile.close();

        // Printed from there: both pages land on the printer, in order.
        PrintDocument document;
        document.setSource(QUrl::fromLocalFile(kept).toString());
        QTRY_COMPARE_WITH_TIMEOUT(document.status(), PrintDocument::Ready, 10000);
        QCOMPARE(document.pageCount(), 2);
        cups.resetOutput();
        document.startPrinting();
        QTRY_COMPARE_WITH_TIMEOUT(document.jobState(), PrintDocument::Done, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(cups.outputPath()), 10000);
        QCOMPARE(renderPdfPage(cups.outputPath(), 0, QSize(10, 10)).pageCount,
                 cups.landedPages(2, 1));

        // "Terminer et effacer": the document is gone from the list and from the disk.
        kiosk->kiosk->session()->endSession();
        QVERIFY(desk.documents().isEmpty());
        QVERIFY(!QFile::exists(kept));
        QCOMPARE(QDir(sessions.path())
                     .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)
                     .size(),
                 0);
    }

    void closedCounterOffersACallback()
    {
        // The demo site's CAF counter opens on Tuesday and Thursday only; with no agent
        // connected it is closed whatever the day.
        auto kiosk = kioskAt(QStringLiteral("46-bretenoux"));
        kiosk->kiosk->session()->begin();
        VisioCall call;
        call.setAgency(QStringLiteral("caf"));
        call.call();
        QTRY_COMPARE_WITH_TIMEOUT(call.phase(), VisioCall::Closed, 20000);
        QVERIFY(call.callbackAvailable());
        QVERIFY(!call.nextOpening().isEmpty());
        call.askCallback();
        QTRY_VERIFY_WITH_TIMEOUT(call.callbackRecorded(), 20000);
        QCOMPARE(call.phase(), VisioCall::Ended);
        QCOMPARE(lastOutcome(*kiosk), QStringLiteral("callback"));
        QVERIFY(!kiosk->kiosk->session()->idleSuspended());
    }

    void leavingTheQueue()
    {
        auto kiosk = kioskAt(QStringLiteral("19-allday"));
        TestAgent agent;
        QVERIFY(adviserReady(agent));
        kiosk->kiosk->session()->begin();
        {
            VisioCall call;
            QVERIFY(queuedAtCaf(call));
            call.leaveQueue();
            QCOMPARE(call.phase(), VisioCall::Ended);
            QCOMPARE(lastOutcome(*kiosk), QStringLiteral("abandoned"));
        }
        // Leaving the screen while queued (the wipe, "Accueil") leaves the queue as well.
        {
            VisioCall call;
            QVERIFY(queuedAtCaf(call));
        }
        QCOMPARE(lastOutcome(*kiosk), QStringLiteral("abandoned"));
        QVERIFY(!kiosk->kiosk->session()->idleSuspended());
    }

    void counterClosingWhileQueued()
    {
        auto kiosk = kioskAt(QStringLiteral("19-allday"));
        TestAgent agent;
        QVERIFY(adviserReady(agent));
        kiosk->kiosk->session()->begin();
        {
            VisioCall call;
            QVERIFY(queuedAtCaf(call));
            QVERIFY(kiosk->kiosk->session()->idleSuspended());
            // The only adviser leaves; after the hub's grace the resident is told.
            agent.signalling.send({{QStringLiteral("type"), QStringLiteral("presence")},
                                   {QStringLiteral("state"), QStringLiteral("offline")}});
            QTRY_COMPARE_WITH_TIMEOUT(call.phase(), VisioCall::Closed, 20000);
            QVERIFY(call.closedWhileWaiting());
            QVERIFY(call.callbackAvailable());
            QVERIFY(!kiosk->kiosk->session()->idleSuspended());
        }
        // She left without asking to be called back: the counter did not answer her.
        QCOMPARE(types(*kiosk).mid(types(*kiosk).size() - 3),
                 (QStringList{QStringLiteral("call_requested"), QStringLiteral("call_queued"),
                              QStringLiteral("call_ended")}));
        QCOMPARE(lastOutcome(*kiosk), QStringLiteral("unanswered"));
    }

    // The kiosk translates the hub's ready words by their code: in French it must say exactly
    // what the hub sends (and the console shows), word for word, for every one of them.
    void readyWordsSayWhatTheHubSends()
    {
        for (const relais::hub::ReadyWord &word : relais::hub::readyWords())
            QCOMPARE(VisioCall::readyWordText(word.word), word.text);
        QCOMPARE(VisioCall::readyWordText(QStringLiteral("unknown")), QString());
    }

    void qualityInPlainWords()
    {
        QCOMPARE(VisioCall::qualityFrom(0, 40), VisioCall::Good);
        QCOMPARE(VisioCall::qualityFrom(0, -1), VisioCall::Good);
        QCOMPARE(VisioCall::qualityFrom(3, 40), VisioCall::Fair);
        QCOMPARE(VisioCall::qualityFrom(0, 500), VisioCall::Fair);
        QCOMPARE(VisioCall::qualityFrom(12, 40), VisioCall::Poor);
        QCOMPARE(VisioCall::qualityFrom(-1, -1), VisioCall::Unknown);
        // The adviser sees a reduced picture of the resident: not a good connection.
        QCOMPARE(VisioCall::qualityFrom(0, 40, true), VisioCall::Fair);
        QCOMPARE(VisioCall::qualityFrom(12, 40, true), VisioCall::Poor);
    }
};

QTEST_MAIN(TestVisioCall)
#include "tst_visiocall.moc"
