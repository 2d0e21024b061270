#include "callsession.h"
#include "frameview.h"
#include "hubprocess.h"
#include "signallingclient.h"
#include "testagent.h"
#include "testkiosk.h"
#include "visiocall.h"
#include "visiokiosk.h"

#include <QSignalSpy>
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
        agent.connectTo(*m_hub);
        QTRY_VERIFY_WITH_TIMEOUT(agent.signalling.isWelcomed(), 20000);

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
        QCOMPARE(call.kept().first().data, pdf);
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
        agent.connectTo(*m_hub);
        QTRY_VERIFY_WITH_TIMEOUT(agent.signalling.isWelcomed(), 20000);
        kiosk->kiosk->session()->begin();
        {
            VisioCall call;
            call.setAgency(QStringLiteral("caf"));
            call.call();
            QTRY_COMPARE_WITH_TIMEOUT(call.phase(), VisioCall::Queued, 20000);
            call.leaveQueue();
            QCOMPARE(call.phase(), VisioCall::Ended);
            QCOMPARE(lastOutcome(*kiosk), QStringLiteral("abandoned"));
        }
        // Leaving the screen while queued (the wipe, "Accueil") leaves the queue as well.
        {
            VisioCall call;
            call.setAgency(QStringLiteral("caf"));
            call.call();
            QTRY_COMPARE_WITH_TIMEOUT(call.phase(), VisioCall::Queued, 20000);
        }
        QCOMPARE(lastOutcome(*kiosk), QStringLiteral("abandoned"));
        QVERIFY(!kiosk->kiosk->session()->idleSuspended());
    }

    void counterClosingWhileQueued()
    {
        auto kiosk = kioskAt(QStringLiteral("19-allday"));
        TestAgent agent;
        agent.connectTo(*m_hub);
        QTRY_VERIFY_WITH_TIMEOUT(agent.signalling.isWelcomed(), 20000);
        kiosk->kiosk->session()->begin();
        {
            VisioCall call;
            call.setAgency(QStringLiteral("caf"));
            call.call();
            QTRY_COMPARE_WITH_TIMEOUT(call.phase(), VisioCall::Queued, 20000);
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
