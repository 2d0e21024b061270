// SPDX-License-Identifier: EUPL-1.2
// A call forced through a real coturn on loopback (both sides relay-only, credentials made as
// the hub makes them): the selected pair must be a relay pair and media must flow.

#include "callpair.h"
#include "turnserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace relais::media;

class TestRelayCall : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { gst_init(nullptr, nullptr); }
    void relayOnly();
    void relayOverTls();
};

void TestRelayCall::relayOnly()
{
    test::TurnServer turn;
    QVERIFY2(turn.start(), "turnserver did not start (coturn, deploy/install-deps.sh)");
    {
        auto [kc, ac] = test::relayOnlyConfigs(turn.iceServers(), turn.iceServers());
        CallSession kiosk(kc);
        CallSession agent(ac);
        test::connectDirect(kiosk, agent);
        QSignalSpy kioskCandidates(&kiosk, &CallSession::localCandidate);
        QVERIFY(agent.start());
        QVERIFY(kiosk.start());

        QTRY_VERIFY_WITH_TIMEOUT(kiosk.framesDecoded() > 20 && agent.framesDecoded() > 20 &&
                                     kiosk.audioBuffers() > 20 && agent.audioBuffers() > 20,
                                 30000);
        // Relay-only: every candidate offered is a relayed one.
        QVERIFY(!kioskCandidates.isEmpty());
        for (const auto &c : std::as_const(kioskCandidates))
            QVERIFY2(c.at(1).toString().contains(QLatin1String(" typ relay")),
                     qPrintable(c.at(1).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(kiosk.candidateType(), QStringLiteral("relay"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(agent.candidateType(), QStringLiteral("relay"), 10000);

        QTRY_VERIFY_WITH_TIMEOUT(kiosk.dataChannelOpen() && agent.dataChannelOpen(), 10000);
        QSignalSpy text(&agent, &CallSession::textReceived);
        QVERIFY(kiosk.sendText(QStringLiteral("par le relais")));
        QTRY_COMPARE_WITH_TIMEOUT(text.size(), 1, 5000);

        kiosk.hangUp();
        agent.hangUp();
    }
    QTRY_COMPARE_WITH_TIMEOUT(CallPipeline::livePipelines(), 0, 5000);
}

void TestRelayCall::relayOverTls()
{
    test::TurnServer turn(test::TurnServer::Tls::On);
    QVERIFY(turn.start());
    {
        // The kiosk knows the relay only at its TLS listener, the agent through UDP. The
        // kiosk trusts coturn's self-signed certificate as a site's CA file would make it.
        auto [kc, ac] = test::relayOnlyConfigs(turn.tlsIceServers(), turn.iceServers());
        kc.caCertificates = turn.certificates();
        QVERIFY(!kc.caCertificates.isEmpty());
        CallSession kiosk(kc);
        CallSession agent(ac);
        test::connectDirect(kiosk, agent);
        QVERIFY(agent.start());
        QVERIFY(kiosk.start());
        QTRY_VERIFY_WITH_TIMEOUT(kiosk.framesDecoded() > 20 && agent.framesDecoded() > 20 &&
                                     kiosk.audioBuffers() > 20 && agent.audioBuffers() > 20,
                                 30000);
        QTRY_COMPARE_WITH_TIMEOUT(kiosk.candidateType(), QStringLiteral("relay"), 10000);
        // The kiosk knows only the TLS listener, so its relay came through it, in real TLS
        // (TurnTlsTunnel; libnice alone sends plain TURN over TCP there): coturn logs the
        // stream connection and its cipher.
        QVERIFY2(turn.log().contains(QLatin1String("tcp or tls connected to")),
                 qPrintable(turn.log().right(3000)));
        QVERIFY2(turn.log().contains(QLatin1String("cipher=")), qPrintable(turn.log().right(3000)));
        kiosk.hangUp();
        agent.hangUp();
    }
    QTRY_COMPARE_WITH_TIMEOUT(CallPipeline::livePipelines(), 0, 5000);
}

QTEST_GUILESS_MAIN(TestRelayCall)
#include "tst_relaycall.moc"
