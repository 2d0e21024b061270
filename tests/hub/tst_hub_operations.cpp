// SPDX-License-Identifier: EUPL-1.2
// relais-hub's operations endpoint, against the real process: /healthz says the store is
// reachable with its schema version, and 503 once the store's file is gone; /metrics passes
// promtool and its figures move when the real thing happens (a kiosk connects and queues, an
// adviser logs in and takes the call, a wrong password, a bad message); nothing else is served.
#include "hubprocess.h"
#include "operationsclient.h"

#include <QTest>

using namespace relais::hub::test;
using relais::test::metricValue;
using relais::test::plainGet;
using relais::test::plainRequest;
using relais::test::promtoolProblems;

namespace {
const QString kSite = QStringLiteral("19-allday");
}

class TestHubOperations : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HubProcess> m_hub;

    QUrl base() const { return QUrl(m_hub->operationsUrl()); }

    QByteArray metrics() const { return plainGet(base(), QStringLiteral("/metrics")).body; }

    // Waits until the series has the value (the hub serves the message it was sent first).
    bool reaches(const QByteArray &series, double expected)
    {
        return QTest::qWaitFor([&] { return metricValue(metrics(), series) == expected; }, 20000);
    }

private slots:
    void initTestCase()
    {
        ConfigOptions options;
        options.operationsPort = 0;
        m_hub = std::make_unique<HubProcess>(options);
        m_hub->addAgents({{"caf", "m.durand"}});
        QVERIFY(m_hub->start());
        QVERIFY(!m_hub->operationsUrl().isEmpty());
    }

    void health()
    {
        const auto reply = plainGet(base(), QStringLiteral("/healthz"));
        QCOMPARE(reply.status, 200);
        const QJsonObject body = reply.json();
        QCOMPARE(body.value("status").toString(), QStringLiteral("ok"));
        const QJsonObject store = body.value("store").toObject();
        QCOMPARE(store.value("reachable").toBool(), true);
        QCOMPARE(store.value("schema_version").toInt(),
                 relais::hub::HubStore::open(m_hub->storePath(), nullptr)->schemaVersion());
        QVERIFY(store.value("schema_version").toInt() >= 2);
        QVERIFY(body.value("uptime_s").toInteger(-1) >= 0);
    }

    void onlyHealthAndMetrics()
    {
        QCOMPARE(plainGet(base(), QStringLiteral("/")).status, 404);
        QCOMPARE(plainGet(base(), QStringLiteral("/v1")).status, 404);
        QCOMPARE(plainRequest(base(), "POST", QStringLiteral("/metrics")).status, 411);
        QCOMPARE(plainRequest(base(), "DELETE", QStringLiteral("/healthz")).status, 405);
    }

    void metricsPassPromtoolAtRest()
    {
        const QByteArray text = metrics();
        QCOMPARE(metricValue(text, "relais_hub_kiosks_connected"), 0.0);
        QCOMPARE(metricValue(text, "relais_hub_queue_length{agency=\"caf\"}"), 0.0);
        QCOMPARE(metricValue(text, "relais_store_up"), 1.0);
        RELAIS_CHECK_WITH_PROMTOOL(text);
    }

    void figuresFollowARealCall()
    {
        Client kiosk(m_hub->certificate());
        kiosk.open(m_hub->port());
        kiosk.helloKiosk(kSite, QStringLiteral("borne-1"));
        QVERIFY(!kiosk.next("welcome").isEmpty());
        QVERIFY(reaches("relais_hub_kiosks_connected", 1));

        Client agent(m_hub->certificate());
        agent.open(m_hub->port());
        agent.helloAgent(QStringLiteral("caf"), QStringLiteral("m.durand"));
        QVERIFY(!agent.next("welcome").isEmpty());
        QVERIFY(reaches("relais_hub_agents_connected{agency=\"caf\"}", 1));
        QVERIFY(reaches("relais_hub_agents_available{agency=\"caf\"}", 1));

        kiosk.send({{"type", "request"}, {"agency", "caf"}});
        const QString request = kiosk.next("queued").value("request").toString();
        QVERIFY(!request.isEmpty());
        QVERIFY(reaches("relais_hub_queue_length{agency=\"caf\"}", 1));
        QCOMPARE(metricValue(metrics(), "relais_hub_queue_length{agency=\"cpam\"}"), 0.0);
        // The wait grows while she waits: the figure is the first kiosk's, read at the scrape.
        QVERIFY(QTest::qWaitFor(
            [&] {
                return metricValue(metrics(),
                                   "relais_hub_queue_longest_wait_seconds{agency=\"caf\"}")
                           .value_or(0) >= 1;
            },
            20000));

        agent.send({{"type", "take"}, {"request", request}});
        const QString call = agent.next("call").value("call").toString();
        QVERIFY(!call.isEmpty());
        QVERIFY(reaches("relais_hub_calls_total{agency=\"caf\",outcome=\"answered\"}", 1));
        QVERIFY(reaches("relais_hub_queue_length{agency=\"caf\"}", 0));
        QVERIFY(reaches("relais_hub_calls_in_progress", 1));
        agent.send({{"type", "hangup"}, {"call", call}, {"reason", "done"}});
        QVERIFY(!kiosk.next("ended").isEmpty());
        QVERIFY(reaches("relais_hub_calls_in_progress", 0));

        // A second request, left before anyone takes it.
        kiosk.send({{"type", "request"}, {"agency", "caf"}});
        const QString second = kiosk.next("queued").value("request").toString();
        kiosk.send({{"type", "leave"}, {"request", second}});
        QVERIFY(!kiosk.next("left").isEmpty());
        QVERIFY(reaches("relais_hub_calls_total{agency=\"caf\",outcome=\"abandoned\"}", 1));

        kiosk.close();
        QVERIFY(kiosk.waitDisconnected());
        QVERIFY(reaches("relais_hub_kiosks_connected", 0));
        RELAIS_CHECK_WITH_PROMTOOL(metrics());
    }

    void refusalsAreCounted()
    {
        Client guesser(m_hub->certificate());
        guesser.open(m_hub->port());
        guesser.helloAgent(QStringLiteral("caf"), QStringLiteral("m.durand"),
                           QStringLiteral("not-her-password"));
        QCOMPARE(guesser.next("error").value("code").toString(), QStringLiteral("unauthorized"));
        QVERIFY(
            reaches("relais_hub_login_failures_total{role=\"agent\",reason=\"credentials\"}", 1));

        Client kiosk(m_hub->certificate());
        kiosk.open(m_hub->port());
        kiosk.helloKiosk(kSite, QStringLiteral("borne-2"));
        QVERIFY(!kiosk.next("welcome").isEmpty());
        const double before =
            metricValue(metrics(), "relais_hub_messages_refused_total{code=\"bad_message\"}")
                .value_or(0);
        kiosk.sendText(QStringLiteral("{\"type\": \"request\", \"agency\": 12}"));
        QVERIFY(!kiosk.next("error").isEmpty());
        QVERIFY(reaches("relais_hub_messages_refused_total{code=\"bad_message\"}", before + 1));
        RELAIS_CHECK_WITH_PROMTOOL(metrics());
    }

    // Last: the store goes away under the running hub.
    void unreachableStoreIs503()
    {
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(m_hub->storePath() + QLatin1String(suffix));
        const auto reply = plainGet(base(), QStringLiteral("/healthz"));
        QCOMPARE(reply.status, 503);
        QCOMPARE(reply.json().value("status").toString(), QStringLiteral("unavailable"));
        QCOMPARE(reply.json().value("store").toObject().value("reachable").toBool(), false);
        QCOMPARE(metricValue(metrics(), "relais_store_up"), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestHubOperations)
#include "tst_hub_operations.moc"
