// SPDX-License-Identifier: EUPL-1.2
// Calls placed through the real relais-hub by two relais-peer processes, with the hub's TURN
// credentials pointing at a private coturn: what a kiosk and an agency's agent do in the field,
// on loopback. Timeouts are liveness bounds for a busy two-core machine, not performance goals.

#include "e2efixture.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gst/gst.h>

using namespace relais;
using namespace relais::e2e;

namespace {

bool hasMedia(const PeerProcess &p)
{
    return p.has(QStringLiteral("stats"), [](const QJsonObject &s) {
        return s.value(QStringLiteral("frames_decoded")).toDouble() > 0 &&
               s.value(QStringLiteral("audio_buffers")).toDouble() > 0;
    });
}

bool endedByHub(const PeerProcess &p, const QString &by)
{
    return p.has(QStringLiteral("ended"), [&by](const QJsonObject &e) {
        return e.value(QStringLiteral("by")).toString() == by &&
               e.value(QStringLiteral("reason")).toString() == QLatin1String("done");
    });
}

bool relayOnly(const PeerProcess &p)
{
    return p.has(QStringLiteral("stats"), [](const QJsonObject &s) {
        return s.value(QStringLiteral("frames_decoded")).toDouble() > 0 &&
               s.value(QStringLiteral("local_candidate")).toString() == QLatin1String("relay") &&
               s.value(QStringLiteral("remote_candidate")).toString() == QLatin1String("relay");
    });
}

// Frames decoded so far, from the latest statistics line.
double frames(const PeerProcess &p)
{
    return p.maxStat("frames_decoded");
}

} // namespace

class TestE2eHubCall : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { gst_init(nullptr, nullptr); }
    void callThroughHub();
    void forcedRelay();
    void reconnectAfterRelayLoss();
    void resumeAfterHubConnectionDrop_data();
    void resumeAfterHubConnectionDrop();
};

// The agent must be present before the kiosk asks, or the counter is "closed".
#define START_AGENT(env, agent, extra)                                                             \
    QVERIFY((agent).start((env).agentArgs() + HubAndTurn::media() + (extra)));                     \
    QVERIFY2((agent).waitFor(QStringLiteral("welcomed"), 30000), qPrintable((agent).dump()))

void TestE2eHubCall::callThroughHub()
{
    HubAndTurn env;
    QVERIFY(env.start(false, 10));
    QTemporaryDir dir;
    const QString docPath = dir.filePath(QStringLiteral("avis-imposition.bin"));
    QByteArray payload(300 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < payload.size(); ++i)
        payload[i] = char((i * 7919) ^ (i >> 9));
    {
        QFile f(docPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(payload);
    }
    PeerProcess agent(QStringLiteral("agent"));
    PeerProcess kiosk(QStringLiteral("kiosk"));
    START_AGENT(env, agent, QStringList{});
    QVERIFY(kiosk.start(env.kioskArgs(QStringLiteral("borne-1")) + HubAndTurn::media() +
                        QStringList{QStringLiteral("--duration"), QStringLiteral("6"),
                                    QStringLiteral("--send-file"), docPath,
                                    QStringLiteral("--text"), QStringLiteral("bonjour")}));
    const bool done = kiosk.waitFinished(70000) && agent.waitFinished(10000);
    const QString log = kiosk.dump() + agent.dump();
    QVERIFY2(done, qPrintable(log));
    QVERIFY2(kiosk.has(QStringLiteral("queued")), qPrintable(log));
    QVERIFY2(hasMedia(kiosk) && hasMedia(agent), qPrintable(log));
    QVERIFY2(kiosk.has(QStringLiteral("document_sent")), qPrintable(log));
    const QString digest =
        QString::fromLatin1(QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex());
    QVERIFY2(agent.has(QStringLiteral("document_received"),
                       [&](const QJsonObject &e) {
                           return e.value(QStringLiteral("sha256")).toString() == digest;
                       }),
             qPrintable(log));
    QVERIFY2(agent.has(QStringLiteral("text"),
                       [](const QJsonObject &e) {
                           return e.value(QStringLiteral("text")).toString() ==
                                  QLatin1String("bonjour");
                       }),
             qPrintable(log));
    // Both learn the end from the hub, the kiosk included: its hangup reached the hub.
    QVERIFY2(endedByHub(kiosk, QStringLiteral("kiosk")), qPrintable(log));
    QVERIFY2(endedByHub(agent, QStringLiteral("kiosk")), qPrintable(log));
    QCOMPARE(kiosk.exitCode(), 0);
    QCOMPARE(agent.exitCode(), 0);
}

void TestE2eHubCall::forcedRelay()
{
    HubAndTurn env;
    QVERIFY(env.start(true, 10));
    PeerProcess agent(QStringLiteral("agent"));
    PeerProcess kiosk(QStringLiteral("kiosk"));
    // Neither peer is told --force-relay: the policy comes from the hub's `call`.
    START_AGENT(env, agent, QStringList{});
    QVERIFY(kiosk.start(env.kioskArgs(QStringLiteral("borne-1")) + HubAndTurn::media() +
                        QStringList{QStringLiteral("--duration"), QStringLiteral("5")}));
    const bool done = kiosk.waitFinished(70000) && agent.waitFinished(10000);
    const QString log = kiosk.dump() + agent.dump();
    QVERIFY2(done, qPrintable(log));
    QVERIFY2(hasMedia(kiosk) && hasMedia(agent), qPrintable(log));
    QVERIFY2(relayOnly(kiosk) && relayOnly(agent), qPrintable(log));
    QVERIFY2(endedByHub(kiosk, QStringLiteral("kiosk")) &&
                 endedByHub(agent, QStringLiteral("kiosk")),
             qPrintable(log));
    QCOMPARE(kiosk.exitCode(), 0);
    QCOMPARE(agent.exitCode(), 0);
}

void TestE2eHubCall::reconnectAfterRelayLoss()
{
    HubAndTurn env;
    QVERIFY(env.start(true, 10));
    PeerProcess agent(QStringLiteral("agent"));
    PeerProcess kiosk(QStringLiteral("kiosk"));
    START_AGENT(env, agent, QStringList{});
    // Long enough that the call is still on after a slow reconnection on a loaded machine
    // (seen taking some 25 s under a parallel run): the frames after it are what is checked.
    QVERIFY(kiosk.start(env.kioskArgs(QStringLiteral("borne-1")) + HubAndTurn::media() +
                        QStringList{QStringLiteral("--duration"), QStringLiteral("45")}));
    // A peer that exits early (a refused request, a failed call) fails the test at once.
    (void)QTest::qWaitFor(
        [&] {
            return (frames(kiosk) > 20 && frames(agent) > 20) || !kiosk.running() ||
                   !agent.running();
        },
        40000);
    QVERIFY2(frames(kiosk) > 20 && frames(agent) > 20, qPrintable(kiosk.dump() + agent.dump()));

    // The relay host dies with every allocation, then comes back on the same address.
    env.turn.stop();
    QTest::qWait(1000);
    QVERIFY(env.turn.start());

    const auto reconnected = [](const QJsonObject &e) {
        return e.value(QStringLiteral("state")).toString() == QLatin1String("connected") &&
               e.value(QStringLiteral("reconnects")).toInt() >= 1;
    };
    QVERIFY2(kiosk.waitFor(QStringLiteral("state"), 40000, reconnected),
             qPrintable(kiosk.dump() + agent.dump()));
    // The kiosk's `restart` went through the hub to the agent, which answered the new offer.
    QVERIFY2(agent.has(QStringLiteral("restart")), qPrintable(agent.dump()));
    const double kioskFrames = frames(kiosk);
    const double agentFrames = frames(agent);
    QVERIFY2(
        QTest::qWaitFor(
            [&] { return frames(kiosk) > kioskFrames + 20 && frames(agent) > agentFrames + 20; },
            20000),
        qPrintable(kiosk.dump() + agent.dump()));
    QVERIFY(relayOnly(kiosk) && relayOnly(agent));
    const bool done = kiosk.waitFinished(60000) && agent.waitFinished(10000);
    const QString log = kiosk.dump() + agent.dump();
    QVERIFY2(done, qPrintable(log));
    QVERIFY2(endedByHub(kiosk, QStringLiteral("kiosk")) &&
                 endedByHub(agent, QStringLiteral("kiosk")),
             qPrintable(log));
    QCOMPARE(kiosk.exitCode(), 0);
    QCOMPARE(agent.exitCode(), 0);
}

void TestE2eHubCall::resumeAfterHubConnectionDrop_data()
{
    QTest::addColumn<bool>("kioskDrops");
    QTest::newRow("kiosk") << true;
    QTest::newRow("agent") << false;
}

void TestE2eHubCall::resumeAfterHubConnectionDrop()
{
    QFETCH(bool, kioskDrops);
    HubAndTurn env;
    QVERIFY(env.start(false, 10));
    TcpProxy kioskLink(env.hub->port());
    TcpProxy agentLink(env.hub->port());
    PeerProcess agent(QStringLiteral("agent"));
    PeerProcess kiosk(QStringLiteral("kiosk"));
    QVERIFY(agent.start(env.agentArgs(agentLink.port()) + HubAndTurn::media()));
    QVERIFY2(agent.waitFor(QStringLiteral("welcomed"), 30000), qPrintable(agent.dump()));
    QVERIFY(kiosk.start(env.kioskArgs(QStringLiteral("borne-1"), kioskLink.port()) +
                        HubAndTurn::media() +
                        QStringList{QStringLiteral("--duration"), QStringLiteral("25")}));
    // A peer that exits early (a refused request, a failed call) fails the test at once.
    (void)QTest::qWaitFor(
        [&] {
            return (frames(kiosk) > 20 && frames(agent) > 20) || !kiosk.running() ||
                   !agent.running();
        },
        40000);
    QVERIFY2(frames(kiosk) > 20 && frames(agent) > 20, qPrintable(kiosk.dump() + agent.dump()));

    // One side's WebSocket drops; the media path does not go through the hub.
    PeerProcess &dropped = kioskDrops ? kiosk : agent;
    PeerProcess &other = kioskDrops ? agent : kiosk;
    TcpProxy &link = kioskDrops ? kioskLink : agentLink;
    link.cut();
    QVERIFY2(dropped.waitFor(QStringLiteral("hub_reconnecting"), 10000),
             qPrintable(dropped.dump()));
    QVERIFY2(other.waitFor(QStringLiteral("peer_reconnecting"), 10000), qPrintable(other.dump()));
    QVERIFY2(dropped.waitFor(
                 QStringLiteral("welcomed"), 20000,
                 [](const QJsonObject &e) { return e.value(QStringLiteral("resumed")).toBool(); }),
             qPrintable(dropped.dump()));
    QVERIFY(link.connections() >= 2);
    // The hub handed the call back with `call` to the resumed side and `restart` to the other;
    // either way the kiosk rebuilt and offered, and the agent re-answered.
    QVERIFY2(agent.waitFor(QStringLiteral("restart"), 10000), qPrintable(agent.dump()));
    const auto reconnected = [](const QJsonObject &e) {
        return e.value(QStringLiteral("state")).toString() == QLatin1String("connected") &&
               e.value(QStringLiteral("reconnects")).toInt() >= 1;
    };
    QVERIFY2(kiosk.waitFor(QStringLiteral("state"), 30000, reconnected),
             qPrintable(kiosk.dump() + agent.dump()));
    const double kioskFrames = frames(kiosk);
    const double agentFrames = frames(agent);
    QVERIFY2(
        QTest::qWaitFor(
            [&] { return frames(kiosk) > kioskFrames + 20 && frames(agent) > agentFrames + 20; },
            20000),
        qPrintable(kiosk.dump() + agent.dump()));
    const bool done = kiosk.waitFinished(40000) && agent.waitFinished(10000);
    const QString log = kiosk.dump() + agent.dump();
    QVERIFY2(done, qPrintable(log));
    QVERIFY2(endedByHub(kiosk, QStringLiteral("kiosk")) &&
                 endedByHub(agent, QStringLiteral("kiosk")),
             qPrintable(log));
    QCOMPARE(kiosk.exitCode(), 0);
    QCOMPARE(agent.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestE2eHubCall)
#include "tst_e2e_hubcall.moc"
