// SPDX-License-Identifier: EUPL-1.2
// Two calls sessions in one process, connected directly on loopback without a hub: media both
// ways, the data channel (text and a document), statistics, and a clean hang-up.

#include "callpair.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace relais::media;

class TestDirectCall : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { gst_init(nullptr, nullptr); }
    void callBothWays();
    void preparedSessionOffersAtStart();
};

void TestDirectCall::callBothWays()
{
    {
        CallSession kiosk(test::loopbackConfig(CallRole::Offerer));
        CallSession agent(test::loopbackConfig(CallRole::Answerer));
        test::connectDirect(kiosk, agent);
        QSignalSpy kioskFrames(&kiosk, &CallSession::remoteFrame);
        QSignalSpy agentOpened(&agent, &CallSession::dataChannelOpened);
        QVERIFY(agent.start());
        QVERIFY(kiosk.start());
        QCOMPARE(CallPipeline::livePipelines(), 2);

        // Media flows both ways: decoded pictures and played sound on each side.
        QTRY_VERIFY_WITH_TIMEOUT(kiosk.framesDecoded() > 20 && agent.framesDecoded() > 20 &&
                                     kiosk.audioBuffers() > 20 && agent.audioBuffers() > 20,
                                 20000);
        QCOMPARE(kiosk.state(), CallSession::State::Connected);
        QCOMPARE(agent.state(), CallSession::State::Connected);
        QVERIFY(!kioskFrames.isEmpty());
        const auto frame = kioskFrames.last().at(0).value<QImage>();
        QCOMPARE(frame.size(), QSize(320, 240));

        // Statistics: the selected pair is a host pair on loopback, bitrates are measured.
        QTRY_VERIFY_WITH_TIMEOUT(kiosk.candidateType() == QLatin1String("host") &&
                                     kiosk.bitrateKbps() > 0 && kiosk.fps() > 0,
                                 10000);
        QVERIFY(kiosk.stats().outBitrateKbps > 0);

        // A text message, each way.
        QTRY_VERIFY_WITH_TIMEOUT(kiosk.dataChannelOpen(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(agent.dataChannelOpen(), 10000);
        QSignalSpy agentText(&agent, &CallSession::textReceived);
        QSignalSpy kioskText(&kiosk, &CallSession::textReceived);
        QVERIFY(kiosk.sendText(QStringLiteral("Bonjour, j'ai une question sur mon dossier.")));
        QVERIFY(agent.sendText(QStringLiteral("Je vous écoute.")));
        QTRY_COMPARE_WITH_TIMEOUT(agentText.size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(kioskText.size(), 1, 5000);
        QCOMPARE(agentText.at(0).at(0).toString(),
                 QStringLiteral("Bonjour, j'ai une question sur mon dossier."));
        QCOMPARE(kioskText.at(0).at(0).toString(), QStringLiteral("Je vous écoute."));

        // A 300 KB document from the kiosk, with progress on both sides and the digest checked.
        QByteArray document(300 * 1024, Qt::Uninitialized);
        QRandomGenerator gen(42);
        gen.fillRange(reinterpret_cast<quint32 *>(document.data()), document.size() / 4);
        QSignalSpy sent(&kiosk, &CallSession::documentSent);
        QSignalSpy received(&agent, &CallSession::documentReceived);
        QSignalSpy sendProgress(&kiosk, &CallSession::documentProgress);
        QSignalSpy receiveProgress(&agent, &CallSession::documentProgress);
        QSignalSpy failed(&kiosk, &CallSession::documentFailed);
        const QUuid id = kiosk.sendDocument(QStringLiteral("avis.pdf"),
                                            QStringLiteral("application/pdf"), document);
        QVERIFY(!id.isNull());
        QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 1, 15000);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(received.size(), 1);
        QCOMPARE(received.at(0).at(0).value<QUuid>(), id);
        QCOMPARE(received.at(0).at(1).toString(), QStringLiteral("avis.pdf"));
        QCOMPARE(received.at(0).at(2).toString(), QStringLiteral("application/pdf"));
        const QByteArray got = received.at(0).at(3).toByteArray();
        QCOMPARE(QCryptographicHash::hash(got, QCryptographicHash::Sha256),
                 QCryptographicHash::hash(document, QCryptographicHash::Sha256));
        QVERIFY(sendProgress.size() >= 300 / 16);
        QVERIFY(receiveProgress.size() >= 300 / 16);
        QCOMPARE(receiveProgress.last().at(1).toLongLong(), qint64(document.size()));

        // Hang-up stops both sides and throws their pipelines away.
        QSignalSpy kioskEnded(&kiosk, &CallSession::ended);
        kiosk.hangUp();
        agent.hangUp();
        QCOMPARE(kioskEnded.size(), 1);
        QCOMPARE(kiosk.state(), CallSession::State::Ended);
        QCOMPARE(agent.state(), CallSession::State::Ended);
        QCOMPARE(kiosk.reconnects(), 0);
    }
    // Every pipeline built in the test has been finalized: nothing still holds one.
    QTRY_COMPARE_WITH_TIMEOUT(CallPipeline::livePipelines(), 0, 5000);
}

// The kiosk prepares its call while it waits in the queue: the offer is made but kept (no
// candidates gathered, nothing sent) until the adviser takes the call, and leaves at once then.
void TestDirectCall::preparedSessionOffersAtStart()
{
    CallSession kiosk(test::loopbackConfig(CallRole::Offerer));
    CallSession agent(test::loopbackConfig(CallRole::Answerer));
    QVERIFY(!agent.prepare()); // only the offerer prepares
    test::connectDirect(kiosk, agent);
    QSignalSpy offers(&kiosk, &CallSession::localDescription);
    QSignalSpy candidates(&kiosk, &CallSession::localCandidate);
    QVERIFY(kiosk.prepare());
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.offerReady(), 10000);
    QCOMPARE(kiosk.state(), CallSession::State::Idle);
    QCOMPARE(offers.size(), 0);
    QCOMPARE(candidates.size(), 0);

    QVERIFY(agent.start());
    QVERIFY(kiosk.start());
    // Sent within start() itself.
    QCOMPARE(offers.size(), 1);
    QCOMPARE(offers.at(0).at(0).toString(), QStringLiteral("offer"));
    QVERIFY(!kiosk.offerReady());
    QVERIFY(!kiosk.prepare()); // once
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.framesDecoded() > 10 && agent.framesDecoded() > 10, 20000);
    QVERIFY(!candidates.isEmpty());
    QCOMPARE(kiosk.state(), CallSession::State::Connected);
    kiosk.hangUp();
    agent.hangUp();
}

QTEST_GUILESS_MAIN(TestDirectCall)
#include "tst_directcall.moc"
