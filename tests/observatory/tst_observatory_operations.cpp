// SPDX-License-Identifier: EUPL-1.2
// relais-observatory's operations endpoint, against the real process (SQLite, and PostgreSQL
// with RELAIS_TEST_BACKEND=postgresql): /healthz names the store's schema version; /metrics
// passes promtool and its figures move when the real thing happens: a kiosk enrolls, a batch
// is ingested (records by result, the batch's latency), a partner's login is refused, a kiosk
// stays silent for more than a day and then speaks.
#include "backend.h"
#include "observatoryprocess.h"
#include "operationsclient.h"
#include "partnersession.h"

#include <QTest>

using namespace relais::observatory;
using namespace relais::observatory::test;
using relais::test::metricValue;
using relais::test::plainGet;
using relais::test::promtoolProblems;

namespace {

const QString kSite = QStringLiteral("46-bretenoux");

QJsonObject heartbeat(const QString &createdAt)
{
    return record(QStringLiteral("heartbeat"), kSite,
                  {{QStringLiteral("app_version"), QStringLiteral("0.1.0")},
                   {QStringLiteral("outbox_depth"), 0},
                   {QStringLiteral("peripherals"),
                    QJsonObject{{QStringLiteral("camera"), QStringLiteral("ok")}}}},
                  {}, createdAt);
}

} // namespace

class TestObservatoryOperations : public QObject
{
    Q_OBJECT

private:
    Backend m_backend;
    std::unique_ptr<ObservatoryProcess> m_server;

    QUrl base() const { return QUrl(m_server->operationsUrl()); }
    QByteArray metrics() const { return plainGet(base(), QStringLiteral("/metrics")).body; }
    double value(const QByteArray &series) const
    {
        return metricValue(metrics(), series).value_or(-1);
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<ObservatoryProcess>(m_backend.database());
        m_server->enableOperations();
        QVERIFY(m_server->start());
        QVERIFY(!m_server->operationsUrl().isEmpty());
    }

    void health()
    {
        const auto reply = plainGet(base(), QStringLiteral("/healthz"));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value("status").toString(), QStringLiteral("ok"));
        const QJsonObject store = reply.json().value("store").toObject();
        QVERIFY(store.value("reachable").toBool());
        QCOMPARE(store.value("schema_version").toInt(),
                 Store::open(m_server->database())->schemaVersion());
        QCOMPARE(plainGet(base(), QStringLiteral("/dashboard/")).status, 404);
        RELAIS_CHECK_WITH_PROMTOOL(metrics());
    }

    void enrollmentIngestAndSilence()
    {
        QCOMPARE(value("relais_observatory_kiosks_silent"), 0.0);
        // A kiosk whose token was made two days ago, enrolled now, never heard from since its
        // record was made: silent for more than a day.
        const auto identity =
            m_server->enroll(m_server->createKiosk(kSite, QStringLiteral("borne-1"), 72, 48));
        QVERIFY(identity);
        QCOMPARE(value("relais_observatory_enrollments_total{kind=\"enroll\",result=\"issued\"}"),
                 1.0);
        QVERIFY(!m_server->enroll(QStringLiteral("not-a-token-at-all-0123456789")));
        QCOMPARE(value("relais_observatory_enrollments_total{kind=\"enroll\",result=\"refused\"}"),
                 1.0);
        QCOMPARE(value("relais_observatory_kiosks_in_service"), 1.0);
        QCOMPARE(value("relais_observatory_kiosks_silent"), 1.0);

        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        const QJsonObject call = callEnded(kSite, QStringLiteral("caf"));
        const Reply reply = m_server->client(*identity).postJson(
            QStringLiteral("/v1/records"), batch({call, call, heartbeat(now)}));
        QCOMPARE(reply.status, 200);
        const QByteArray text = metrics();
        QCOMPARE(metricValue(text, "relais_observatory_ingest_records_total{result=\"stored\"}"),
                 2.0);
        QCOMPARE(
            metricValue(text, "relais_observatory_ingest_records_total{result=\"already_stored\"}"),
            1.0);
        QCOMPARE(metricValue(text, "relais_observatory_ingest_batch_seconds_count"), 1.0);
        QCOMPARE(metricValue(text, "relais_observatory_ingest_batch_seconds_bucket{le=\"+Inf\"}"),
                 1.0);
        QCOMPARE(metricValue(text, "relais_observatory_kiosks_silent"), 0.0);
        RELAIS_CHECK_WITH_PROMTOOL(text);
    }

    void refusedLoginsAreCounted()
    {
        PartnerSession partner(*m_server, {QStringLiteral("lot"), QStringLiteral("Lot"), {}, {}});
        QVERIFY(partner.loggedIn());
        QCOMPARE(metricValue(metrics(), "relais_observatory_dashboard_logins_refused_total{reason="
                                        "\"credentials\"}"),
                 std::nullopt);
        const QByteArray host = "localhost:" + QByteArray::number(m_server->port());
        const QByteArray body = R"({"login":"lot","password":"wrong-password"})";
        const Reply refused = m_server->client().raw(
            "POST /dashboard/api/login HTTP/1.1\r\nHost: " + host + "\r\nOrigin: https://" + host +
            "\r\nContent-Type: application/json\r\nContent-Length: " +
            QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QCOMPARE(refused.status, 401);
        QCOMPARE(value("relais_observatory_dashboard_logins_refused_total{reason="
                       "\"credentials\"}"),
                 1.0);
        RELAIS_CHECK_WITH_PROMTOOL(metrics());
    }
};

QTEST_GUILESS_MAIN(TestObservatoryOperations)
#include "tst_observatory_operations.moc"
