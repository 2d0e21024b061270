// SPDX-License-Identifier: EUPL-1.2
// The advisers' wrap-ups, from the hub's store to the dashboard: the hub's real uploader
// (hub/calloutcomeuploader) sends what its store holds to the real relais-observatory (SQLite,
// and PostgreSQL with RELAIS_TEST_BACKEND=postgresql), which counts them per agency in the
// partners' table "call_wrapups". The observatory takes only its configured hubs' tokens and
// well-formed outcomes; a refused request stores nothing; an observatory out of reach loses
// nothing, the store keeping each outcome until the observatory has answered for it.
#include "backend.h"
#include "observatoryprocess.h"
#include "partnersession.h"

#include "calloutcomeuploader.h"
#include "hubstore.h"
#include "ingest/records.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace relais;
using namespace relais::observatory::test;

namespace {

const QByteArray kToken("the-token-of-the-lot-hub-0123456789abcdef");

} // namespace

class TestObservatoryCallOutcomes : public QObject
{
    Q_OBJECT

private:
    Backend m_backend;
    std::unique_ptr<ObservatoryProcess> m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<hub::HubStore> m_hubStore;

    qint64 storedWrapUps() const
    {
        auto store = observatory::Store::open(m_server->database());
        return store->scalar(QStringLiteral("SELECT COUNT(*) FROM call_wrapups")).toLongLong();
    }

    hub::ObservatoryLink link(quint16 port) const
    {
        hub::ObservatoryLink link;
        link.url.setScheme(QStringLiteral("https"));
        link.url.setHost(QStringLiteral("127.0.0.1"));
        link.url.setPort(port);
        link.caPath = m_server->caPath();
        link.token = kToken;
        return link;
    }

    // One exchange of `uploader` with the observatory: how many it acknowledged, or -1 and
    // the problem.
    static std::pair<int, QString> exchange(hub::CallOutcomeUploader &uploader)
    {
        QSignalSpy exchanged(&uploader, &hub::CallOutcomeUploader::exchanged);
        uploader.wake();
        if (!exchanged.wait(20000))
            return {-1, QStringLiteral("no exchange")};
        return {exchanged.first().at(0).toInt(), exchanged.first().at(1).toString()};
    }

    QMap<QString, QVariantMap> wrapUpsByAgency(PartnerSession &session)
    {
        const QString week = observatory::isoWeek(QDate::currentDate());
        const QJsonObject table =
            session.get(QStringLiteral("/dashboard/api/tables?from=%1&to=%1").arg(week))
                .json()
                .value(QStringLiteral("tables"))
                .toObject()
                .value(QStringLiteral("call_wrapups"))
                .toObject();
        const QJsonArray columns = table.value(QStringLiteral("columns")).toArray();
        QMap<QString, QVariantMap> rows;
        for (const QJsonValue &row : table.value(QStringLiteral("rows")).toArray()) {
            QVariantMap named;
            for (qsizetype i = 0; i < columns.size(); ++i)
                named.insert(columns[i].toString(), row.toArray().at(i).toVariant());
            rows.insert(named.value(QStringLiteral("agency")).toString(), named);
        }
        return rows;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<ObservatoryProcess>(m_backend.database());
        m_server->acceptHub(QStringLiteral("lot"), kToken);
        QVERIFY(m_server->start());
        QString problem;
        m_hubStore = hub::HubStore::open(m_dir.filePath(QStringLiteral("hub.sqlite")), &problem);
        QVERIFY2(m_hubStore, qPrintable(problem));
    }

    void badRequestsStoreNothing()
    {
        HttpsClient client(m_server->port(), m_server->ca());
        QVERIFY(client.connect());
        const auto json = [](const QJsonValue &value) {
            return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                   : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
        };
        const QJsonObject outcome{{"id", "0b8f6a52-8d55-4a43-9a3b-1f3f1d6c2a10"},
                                  {"agency", "caf"},
                                  {"site", "46-bretenoux"},
                                  {"day", QDate::currentDate().toString(Qt::ISODate)},
                                  {"outcome", "resolved"}};
        const QByteArray good = json(QJsonObject{{"outcomes", QJsonArray{outcome}}});
        QJsonObject withoutId = outcome;
        withoutId.remove("id");
        QJsonObject badId = outcome;
        badId.insert("id", "not-a-uuid");
        const QByteArray bearer = "Authorization: Bearer " + kToken + "\r\n";
        const auto status = [&](const QByteArray &body, const QByteArray &headers) {
            return client.post(QStringLiteral("/v1/call-outcomes"), body, "application/json",
                               headers);
        };
        Reply reply = status(good, {});
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value("error").toString(), QStringLiteral("token_required"));
        reply = status(good, "Authorization: Bearer not-the-hub-token-0123456789abcdef\r\n");
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value("error").toString(), QStringLiteral("invalid_token"));
        // A partner's way in is not a hub's.
        QCOMPARE(status(good, "Authorization: Basic " + kToken.toBase64() + "\r\n").status, 401);
        for (const QByteArray &body :
             {QByteArray("{"), json(QJsonArray{}), json(QJsonObject{{"outcomes", QJsonObject{}}}),
              json(QJsonObject{{"outcomes", QJsonArray{}}}),
              json(QJsonObject{{"outcomes", QJsonArray{withoutId}}}),
              json(QJsonObject{{"outcomes", QJsonArray{outcome, badId}}})}) {
            reply = status(body, bearer);
            QVERIFY2(reply.status == 400, body.constData());
            QCOMPARE(reply.json().value("error").toString(), QStringLiteral("bad_request"));
        }
        QCOMPARE(client.get(QStringLiteral("/v1/call-outcomes"), bearer).status, 405);
        QCOMPARE(storedWrapUps(), 0);
    }

    // What the hub's store holds reaches the partners' table, once; outcomes the observatory
    // cannot take are answered "refused" and not sent again.
    void theHubsOutcomesReachTheDashboard()
    {
        const QDate today = QDate::currentDate();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const char *outcome : {"resolved", "resolved", "appointment"})
            m_hubStore->addCallOutcome(QStringLiteral("caf"), QStringLiteral("46-bretenoux"), today,
                                       QLatin1String(outcome), now);
        m_hubStore->addCallOutcome(QStringLiteral("cpam"), QStringLiteral("46-gourdon"), today,
                                   QStringLiteral("front_desk"), now);
        // A site this observatory does not know, a day no call ended on: refused, said, dropped.
        m_hubStore->addCallOutcome(QStringLiteral("caf"), QStringLiteral("99-nowhere"), today,
                                   QStringLiteral("resolved"), now);
        m_hubStore->addCallOutcome(QStringLiteral("caf"), QStringLiteral("46-bretenoux"),
                                   today.addDays(30), QStringLiteral("resolved"), now);

        hub::CallOutcomeUploader uploader(link(m_server->port()), *m_hubStore);
        const auto [acknowledged, problem] = exchange(uploader);
        QCOMPARE(problem, QString());
        QCOMPARE(acknowledged, 6);
        QVERIFY(m_hubStore->unsentCallOutcomes(10).isEmpty());
        QCOMPARE(storedWrapUps(), 4);

        PartnerSession lot(*m_server, {QStringLiteral("lot"), QStringLiteral("Lot"), {}, {}});
        QVERIFY(lot.loggedIn());
        const auto rows = wrapUpsByAgency(lot);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows["caf"].value("resolved").toInt(), 2);
        QCOMPARE(rows["caf"].value("appointment").toInt(), 1);
        QCOMPARE(rows["caf"].value("total").toInt(), 3);
        QCOMPARE(rows["caf"].value("resolved_pct").toDouble(), 66.7);
        QCOMPARE(rows["cpam"].value("front_desk").toInt(), 1);
        QCOMPARE(rows["cpam"].value("total").toInt(), 1);
        // A partner limited to the CPAM sees the CPAM's row only.
        PartnerSession cpam(*m_server,
                            {QStringLiteral("cpam-lot"), QStringLiteral("CPAM"), {"cpam"}, {}});
        QVERIFY(cpam.loggedIn());
        QCOMPARE(wrapUpsByAgency(cpam).keys(), QStringList({"cpam"}));
    }

    // The same outcome sent twice (a hub that lost the answer) is counted once.
    void aRepeatedOutcomeIsADuplicate()
    {
        const qint64 before = storedWrapUps();
        m_hubStore->addCallOutcome(QStringLiteral("caf"), QStringLiteral("46-bretenoux"),
                                   QDate::currentDate(), QStringLiteral("other"),
                                   QDateTime::currentDateTimeUtc());
        const hub::CallOutcomeRecord record = m_hubStore->unsentCallOutcomes(1).value(0);
        hub::CallOutcomeUploader uploader(link(m_server->port()), *m_hubStore);
        QCOMPARE(exchange(uploader).first, 1);
        HttpsClient client(m_server->port(), m_server->ca());
        QVERIFY(client.connect());
        const QByteArray body =
            QJsonDocument(QJsonObject{{"outcomes", QJsonArray{QJsonObject{
                                                       {"id", record.id},
                                                       {"agency", record.agency},
                                                       {"site", record.site},
                                                       {"day", record.day.toString(Qt::ISODate)},
                                                       {"outcome", record.outcome}}}}})
                .toJson(QJsonDocument::Compact);
        const Reply again = client.post(QStringLiteral("/v1/call-outcomes"), body);
        QCOMPARE(again.status, 401); // sent without the token
        const Reply withToken =
            client.post(QStringLiteral("/v1/call-outcomes"), body, "application/json",
                        "Authorization: Bearer " + kToken + "\r\n");
        QCOMPARE(withToken.status, 200);
        QCOMPARE(withToken.json()
                     .value("results")
                     .toArray()
                     .first()
                     .toObject()
                     .value("status")
                     .toString(),
                 QStringLiteral("duplicate"));
        QCOMPARE(storedWrapUps(), before + 1);
    }

    // Nobody listens where the hub sends: the outcome stays in its store, and goes once the
    // observatory answers.
    void anObservatoryOutOfReachLosesNothing()
    {
        const qint64 before = storedWrapUps();
        m_hubStore->addCallOutcome(QStringLiteral("caf"), QStringLiteral("46-bretenoux"),
                                   QDate::currentDate(), QStringLiteral("recontact"),
                                   QDateTime::currentDateTimeUtc());
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 nowhere = closed.serverPort();
        closed.close();
        {
            hub::CallOutcomeUploader uploader(link(nowhere), *m_hubStore);
            const auto [acknowledged, problem] = exchange(uploader);
            QCOMPARE(acknowledged, 0);
            QVERIFY(!problem.isEmpty());
        }
        QCOMPARE(m_hubStore->unsentCallOutcomes(10).size(), 1);
        // A wrong token: refused, kept.
        {
            hub::ObservatoryLink wrong = link(m_server->port());
            wrong.token = "a-token-this-observatory-does-not-know-0123";
            hub::CallOutcomeUploader uploader(wrong, *m_hubStore);
            const auto [acknowledged, problem] = exchange(uploader);
            QCOMPARE(acknowledged, 0);
            QVERIFY2(problem.contains(QLatin1String("401")), qPrintable(problem));
        }
        QCOMPARE(m_hubStore->unsentCallOutcomes(10).size(), 1);
        hub::CallOutcomeUploader uploader(link(m_server->port()), *m_hubStore);
        QCOMPARE(exchange(uploader).first, 1);
        QVERIFY(m_hubStore->unsentCallOutcomes(10).isEmpty());
        QCOMPARE(storedWrapUps(), before + 1);
    }
};

QTEST_GUILESS_MAIN(TestObservatoryCallOutcomes)
#include "tst_observatory_calloutcomes.moc"
