// SPDX-License-Identifier: EUPL-1.2
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
    void givesUpAfterTheAttemptLimit();
    void iceFailureRebuilds();
};

void TestReconnect::comesBackAfterRelayRestart()
{
    test::TurnServer turn;
    QVERIFY(turn.start());
    {
        auto [kc, ac] = test::relayOnlyConfigs(turn.iceServers(), turn.iceServers());
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

void TestReconnect::givesUpAfterTheAttemptLimit()
{
    test::TurnServer turn;
    QVERIFY(turn.start());
    {
        auto [kc, ac] = test::relayOnlyConfigs(turn.iceServers(), turn.iceServers());
        kc.maxReconnects = 5;
        kc.linkLostMs = 3000;
        kc.setupTimeoutMs = 3000;
        CallSession kiosk(kc);
        CallSession agent(ac);
        test::connectDirect(kiosk, agent);
        QSignalSpy restarts(&kiosk, &CallSession::restartNeeded);
        QSignalSpy ended(&kiosk, &CallSession::ended);
        QSignalSpy errors(&kiosk, &CallSession::errorOccurred);
        QVERIFY(agent.start());
        QVERIFY(kiosk.start());
        QTRY_VERIFY_WITH_TIMEOUT(kiosk.framesDecoded() > 20 && agent.framesDecoded() > 20, 30000);

        // The relay is gone for good: every rebuilt attempt fails to bring media back.
        turn.stop();
        QTRY_COMPARE_WITH_TIMEOUT(kiosk.state(), CallSession::State::Failed, 60000);
        QCOMPARE(kiosk.reconnects(), 5);
        QCOMPARE(restarts.size(), 5);
        QCOMPARE(ended.size(), 1);
        QCOMPARE(ended.at(0).at(0).toString(), QStringLiteral("failed"));
        QVERIFY(!errors.isEmpty());
        QVERIFY2(errors.last().at(0).toString().contains(QLatin1String("after 5 attempts")),
                 qPrintable(errors.last().at(0).toString()));
        // Nothing is left running on the kiosk's side.
        QCOMPARE(CallPipeline::livePipelines(), 1); // the agent's, until its hub says so
        agent.hangUp();
    }
    QTRY_COMPARE_WITH_TIMEOUT(CallPipeline::livePipelines(), 0, 5000);
}

void TestReconnect::iceFailureRebuilds()
{
    CallConfig kc = test::loopbackConfig(CallRole::Offerer);
    CallConfig ac = test::loopbackConfig(CallRole::Answerer);
    // Longer than the test: only ICE reporting failure can make the kiosk rebuild here.
    kc.setupTimeoutMs = 120000;
    CallSession kiosk(kc);
    CallSession agent(ac);
    // The first attempt's candidates point at an address nobody answers on (TEST-NET-1), so
    // every connectivity check times out; the rebuilt attempt gets the real ones.
    bool blackholed = true;
    auto deliver = [&blackholed](CallSession &to, int mline, QString candidate) {
        if (blackholed)
            candidate.replace(QLatin1String("127.0.0.1"), QLatin1String("192.0.2.1"));
        to.addRemoteCandidate(mline, candidate);
    };
    connect(&kiosk, &CallSession::localDescription, &agent, &CallSession::setRemoteDescription,
            Qt::QueuedConnection);
    connect(&agent, &CallSession::localDescription, &kiosk, &CallSession::setRemoteDescription,
            Qt::QueuedConnection);
    connect(
        &kiosk, &CallSession::localCandidate, &agent,
        [&](int mline, const QString &c) { deliver(agent, mline, c); }, Qt::QueuedConnection);
    connect(
        &agent, &CallSession::localCandidate, &kiosk,
        [&](int mline, const QString &c) { deliver(kiosk, mline, c); }, Qt::QueuedConnection);
    connect(&kiosk, &CallSession::restartNeeded, &agent, [&] {
        blackholed = false;
        agent.restart();
    });
    QSignalSpy states(&kiosk, &CallSession::stateChanged);
    QVERIFY(agent.start());
    QVERIFY(kiosk.start());

    QTRY_COMPARE_WITH_TIMEOUT(kiosk.state(), CallSession::State::Reconnecting, 60000);
    QCOMPARE(kiosk.framesDecoded(), 0u);
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.state() == CallSession::State::Connected &&
                                 kiosk.framesDecoded() > 20 && agent.framesDecoded() > 20,
                             30000);
    QCOMPARE(kiosk.reconnects(), 1);
    kiosk.hangUp();
    agent.hangUp();
}

QTEST_GUILESS_MAIN(TestReconnect)
#include "tst_reconnect.moc"
