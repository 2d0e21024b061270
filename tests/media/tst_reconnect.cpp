// The relay dies in the middle of a relay-only call and comes back: the kiosk sees the media
// stop, rebuilds its side (webrtcbin 1.22 has no ICE restart), tells the agent to drop its own,
// and the call comes back by itself.

#include "callpair.h"
#include "turnserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace relais::media;

class TestReconnect : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { gst_init(nullptr, nullptr); }
    void comesBackAfterRelayRestart();
};

void TestReconnect::comesBackAfterRelayRestart()
{
    test::TurnServer turn;
    QVERIFY(turn.start());
    {
        CallConfig kc = test::loopbackConfig(CallRole::Offerer);
        CallConfig ac = test::loopbackConfig(CallRole::Answerer);
        kc.iceServers = ac.iceServers = turn.iceServers();
        kc.forceRelay = ac.forceRelay = true;
        kc.linkLostMs = 3000;
        kc.setupTimeoutMs = 10000;
        CallSession kiosk(kc);
        CallSession agent(ac);
        test::connectDirect(kiosk, agent);
        QSignalSpy states(&kiosk, &CallSession::stateChanged);
        QSignalSpy restarts(&kiosk, &CallSession::restartNeeded);
        QVERIFY(agent.start());
        QVERIFY(kiosk.start());
        QTRY_VERIFY_WITH_TIMEOUT(kiosk.framesDecoded() > 20 && agent.framesDecoded() > 20, 30000);
        QCOMPARE(kiosk.state(), CallSession::State::Connected);

        // Cut the path: the relay's allocations are gone with its process.
        turn.stop();
        QTest::qWait(1000);
        QVERIFY(turn.start());

        QTRY_COMPARE_WITH_TIMEOUT(kiosk.state(), CallSession::State::Reconnecting, 15000);
        QVERIFY(restarts.size() >= 1);
        const quint64 kioskFrames = kiosk.framesDecoded();
        const quint64 agentFrames = agent.framesDecoded();
        QTRY_VERIFY_WITH_TIMEOUT(kiosk.state() == CallSession::State::Connected &&
                                     kiosk.framesDecoded() > kioskFrames + 20 &&
                                     agent.framesDecoded() > agentFrames + 20,
                                 30000);
        QVERIFY(kiosk.reconnects() >= 1);
        QTRY_COMPARE_WITH_TIMEOUT(kiosk.candidateType(), QStringLiteral("relay"), 10000);
        // The data channel is rebuilt with the call.
        QTRY_VERIFY_WITH_TIMEOUT(kiosk.dataChannelOpen() && agent.dataChannelOpen(), 10000);
        kiosk.hangUp();
        agent.hangUp();
    }
    QTRY_COMPARE_WITH_TIMEOUT(CallPipeline::livePipelines(), 0, 5000);
}

QTEST_GUILESS_MAIN(TestReconnect)
#include "tst_reconnect.moc"
