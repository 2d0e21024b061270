// SPDX-License-Identifier: EUPL-1.2
// A call over a lossy line: the kiosk's packets are dropped after encryption (as a bad ADSL
// line would), and the far end asks for them again (NACK, answered by retransmission), asks
// for a keyframe when a picture cannot be repaired (PLI), and the kiosk lowers its bitrate
// and picture size until the line is clean again, then climbs back.

#include "callpair.h"

#include <QSignalSpy>
#include <QTest>

using namespace relais::media;

class TestLossyCall : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { gst_init(nullptr, nullptr); }
    void recoversAndAdapts();
};

void TestLossyCall::recoversAndAdapts()
{
    CallSession kiosk(test::loopbackConfig(CallRole::Offerer));
    CallSession agent(test::loopbackConfig(CallRole::Answerer));
    test::connectDirect(kiosk, agent);
    QSignalSpy agentFrames(&agent, &CallSession::remoteFrame);
    QVERIFY(agent.start());
    QVERIFY(kiosk.start());
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.framesDecoded() > 20 && agent.framesDecoded() > 20, 20000);
    QCOMPARE(kiosk.sendSize(), QSize(320, 240));
    // At its configured rate, give or take what a loaded machine's first seconds trim (the
    // delay estimator reads scheduling jitter as queueing); the recovery below asks for 300.
    QVERIFY2(kiosk.sendTargetKbps() > 200 && kiosk.sendTargetKbps() <= 300,
             qPrintable(QString::number(kiosk.sendTargetKbps())));
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.stats().sendLossPercent == 0, 10000);
    // A clean line has little to repair, but not always nothing: on a loaded machine the
    // loopback socket itself may drop a packet. What follows counts from here.
    const quint64 repairedBefore = agent.stats().packetsRepaired;

    // A burst that no retransmission can cover: the agent's decoder must ask for a keyframe.
    kiosk.simulateSendLoss(1.0);
    QTest::qWait(1500);
    // Then a steady 20 % loss.
    kiosk.simulateSendLoss(0.2);
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.stats().keyframesAsked > 0, 15000);
    QVERIFY(agent.stats().keyframesWeAsked > 0);
    // Lost packets are asked for again and the retransmissions fill the gaps.
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.stats().retransmissionsAsked > 10 &&
                                 kiosk.stats().retransmissionsSent > 10 &&
                                 agent.stats().retransmissionsWeAsked > 10 &&
                                 agent.stats().packetsRepaired > repairedBefore + 5,
                             30000);
    // The line is seen as bad, whether the receiver reports show it or not.
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.stats().sendLimitation == QLatin1String("network"), 30000);
    // Voice first: Opus's in-band FEC is sized for the loss measured (5 % on a clean line).
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.stats().voiceFecPercent >= 10, 15000);

    // The kiosk sends less, and a smaller picture, which is what the agent now decodes.
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.sendSize() == QSize(240, 180), 40000);
    // ... and tells the far end, on the data channel, in the state the console shows.
    QCOMPARE(kiosk.lineState(), QStringLiteral("reduced"));
    QTRY_COMPARE_WITH_TIMEOUT(agent.remoteLineState(), QStringLiteral("reduced"), 5000);
    agentFrames.clear();
    QTRY_VERIFY_WITH_TIMEOUT(!agentFrames.isEmpty() &&
                                 agentFrames.last().at(0).value<QImage>().size() == QSize(240, 180),
                             15000);
    // The picture keeps moving despite the loss.
    const quint64 during = agent.framesDecoded();
    QTRY_VERIFY_WITH_TIMEOUT(agent.framesDecoded() > during + 30, 15000);
    QCOMPARE(kiosk.state(), CallSession::State::Connected);
    QCOMPARE(kiosk.reconnects(), 0);

    // A clean line again: back to the configured picture and bitrate.
    kiosk.simulateSendLoss(0);
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.sendSize() == QSize(320, 240) && kiosk.sendTargetKbps() == 300,
                             40000);
    agentFrames.clear();
    QTRY_VERIFY_WITH_TIMEOUT(!agentFrames.isEmpty() &&
                                 agentFrames.last().at(0).value<QImage>().size() == QSize(320, 240),
                             15000);
    QCOMPARE(kiosk.stats().sendLimitation, QString());
    QTRY_COMPARE_WITH_TIMEOUT(agent.remoteLineState(), QStringLiteral("ok"), 5000);
    QCOMPARE(kiosk.stats().voiceFecPercent, 5);
    kiosk.hangUp();
    agent.hangUp();
}

QTEST_MAIN(TestLossyCall)
#include "tst_lossycall.moc"
