// SPDX-License-Identifier: EUPL-1.2
// Ingest over mutual TLS against the running observatory, on SQLite or PostgreSQL: results per
// record, duplicates, survey answers checked against their definition, the journey's rows and
// its unknown words refused record by record, the corpus of malformed batches and requests;
// after each refusal the store is unchanged.
#include "backend.h"
#include "bundlefixture.h"
#include "devices/fleetstatus.h"
#include "indicators/indicators.h"
#include "indicators/surveycatalog.h"
#include "ingest/batchparser.h"
#include "ingest/ingestwriter.h"
#include "observatoryprocess.h"
#include "partnersession.h"
#include "store/schema.h"
#include "storesnapshot.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QUrlQuery>

using namespace relais::observatory;
using namespace relais::observatory::test;

namespace {

// A response to the shipped accessibility grid, in its codes, as a kiosk sends it.
QJsonObject gridResponse(const QString &site)
{
    return surveyResponse(site,
                          {{QStringLiteral("service"), QStringLiteral("carsat")},
                           {QStringLiteral("critere-accueil"), QStringLiteral("tres-satisfait")},
                           {QStringLiteral("note"), 9}},
                          QStringLiteral("grille-accessibilite"));
}

QJsonObject weeklyReport(const QString &site, int version, const QString &replaces, int count,
                         const QString &id = {})
{
    return record(QStringLiteral("weekly_report"), site,
                  {{QStringLiteral("week"), QStringLiteral("2026-W46")},
                   {QStringLiteral("version"), version},
                   {QStringLiteral("replaces"),
                    replaces.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(replaces)},
                   {QStringLiteral("closed_at"), QStringLiteral("2026-11-16T17:00:00Z")},
                   {QStringLiteral("rows"),
                    QJsonArray{QJsonObject{{QStringLiteral("help"), QStringLiteral("information")},
                                           {QStringLiteral("agency"), QStringLiteral("caf")},
                                           {QStringLiteral("day"), QStringLiteral("mon")},
                                           {QStringLiteral("count"), count}},
                               QJsonObject{{QStringLiteral("help"), QStringLiteral("video_call")},
                                           {QStringLiteral("agency"), QStringLiteral("carsat")},
                                           {QStringLiteral("day"), QStringLiteral("tue")},
                                           {QStringLiteral("count"), 2}}}}},
                  id);
}

QJsonObject countRow(const QString &help, const QString &agency, const QString &day, int count)
{
    return {{QStringLiteral("help"), help},
            {QStringLiteral("agency"), agency},
            {QStringLiteral("day"), day},
            {QStringLiteral("count"), count}};
}

// A kiosk's own counts for `week`, its `sequence`-th snapshot of that week.
QJsonObject kioskCounts(const QString &week, int sequence, const QJsonArray &rows,
                        const QString &id = {})
{
    return record(QStringLiteral("kiosk_counts"), QStringLiteral("46-bretenoux"),
                  {{QStringLiteral("week"), week},
                   {QStringLiteral("sequence"), sequence},
                   {QStringLiteral("rows"), rows}},
                  id);
}

// The desk's counts for `week` (a kiosk with kiosk_counts).
QJsonObject deskReport(const QString &week, int version, const QString &replaces,
                       const QJsonArray &rows)
{
    return record(QStringLiteral("weekly_report"), QStringLiteral("46-bretenoux"),
                  {{QStringLiteral("week"), week},
                   {QStringLiteral("version"), version},
                   {QStringLiteral("replaces"),
                    replaces.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(replaces)},
                   {QStringLiteral("closed_at"), QStringLiteral("2026-11-02T17:00:00Z")},
                   {QStringLiteral("counts"), QStringLiteral("desk")},
                   {QStringLiteral("rows"), rows}});
}

QString idOf(const QJsonObject &record)
{
    return record.value(QStringLiteral("id")).toString();
}

QJsonObject heartbeat(const QString &site)
{
    return record(QStringLiteral("heartbeat"), site,
                  {{QStringLiteral("app_version"), QStringLiteral("0.1.0")},
                   {QStringLiteral("outbox_depth"), 3},
                   {QStringLiteral("peripherals"),
                    QJsonObject{{QStringLiteral("camera"), QStringLiteral("ok")},
                                {QStringLiteral("printer"), QStringLiteral("missing")}}}});
}

QJsonObject journey(const QString &site, const QJsonObject &body)
{
    return record(QStringLiteral("journal_event"), site, body);
}

QJsonObject sessionEnded(const QString &site, const QString &end, const QString &autonomy,
                         const QString &screen = {})
{
    QJsonObject body{{QStringLiteral("type"), QStringLiteral("session_ended")},
                     {QStringLiteral("end"), end},
                     {QStringLiteral("autonomy"), autonomy},
                     {QStringLiteral("duration_s"), 380}};
    if (!screen.isEmpty())
        body.insert(QStringLiteral("screen"), screen);
    return journey(site, body);
}

QStringList results(const Reply &reply)
{
    QStringList out;
    for (const QJsonValue &r : reply.json().value(QStringLiteral("results")).toArray())
        out << r[QStringLiteral("result")].toString() +
                   (r[QStringLiteral("reason")].isString()
                        ? u':' + r[QStringLiteral("reason")].toString()
                        : QString());
    return out;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// A valid one-record batch with one field replaced, through the JSON text so that any value
// (or broken text) can go in.
QByteArray withBody(const QString &bodyJson)
{
    return "{\"api\":1,\"records\":[{\"id\":\"5f0c1c7e-8a0b-4b8e-9a51-3c3f1d7e0a11\","
           "\"kind\":\"journal_event\",\"site\":\"46-bretenoux\","
           "\"created_at\":\"2026-11-20T09:14:03Z\",\"body\":" +
           bodyJson.toUtf8() + "}]}";
}

QByteArray withRecord(const QString &recordJson)
{
    return "{\"api\":1,\"records\":[" + recordJson.toUtf8() + "]}";
}

} // namespace

class TestIngest : public QObject
{
    Q_OBJECT

private:
    Backend *m_backend = nullptr;
    ObservatoryProcess *m_server = nullptr;
    KioskIdentity m_kiosk;
    KioskIdentity m_secondKiosk; // the same site's other kiosk

    int siteWeekTotal(const QString &week)
    {
        auto store = Store::open(m_server->database());
        return store
            ->scalar(QStringLiteral("SELECT total FROM site_weeks WHERE site = '46-bretenoux' "
                                    "AND week = ?"),
                     {week})
            .toInt();
    }

    QStringList send(const KioskIdentity &kiosk, const QJsonArray &records)
    {
        HttpsClient client = m_server->client(kiosk);
        return results(client.postJson(QStringLiteral("/v1/records"), batch(records)));
    }

private slots:
    void initTestCase()
    {
        m_backend = new Backend();
        m_server = new ObservatoryProcess(m_backend->database());
        QVERIFY(m_server->start());
        m_kiosk = m_server->enrollNew(QStringLiteral("46-bretenoux"), QStringLiteral("borne-1"));
        m_secondKiosk =
            m_server->enrollNew(QStringLiteral("46-bretenoux"), QStringLiteral("borne-2"));
        qInfo("store: %s", m_backend->isPostgres() ? "PostgreSQL" : "SQLite");
    }
    void cleanupTestCase()
    {
        delete m_server;
        delete m_backend;
    }

    void everyKindIsStoredThenAlreadyStored()
    {
        const QString site = QStringLiteral("46-bretenoux");
        const QJsonObject b = batch({callEnded(site, QStringLiteral("carsat")), gridResponse(site),
                                     weeklyReport(site, 1, {}, 5), heartbeat(site)});
        HttpsClient kiosk = m_server->client(m_kiosk);
        Reply reply = kiosk.postJson(QStringLiteral("/v1/records"), b);
        QCOMPARE(reply.status, 200);
        QCOMPARE(results(reply), QStringList(4, QStringLiteral("stored")));
        int count = 0;
        const QByteArray before = storeSnapshot(m_server->database(), &count);
        reply = kiosk.postJson(QStringLiteral("/v1/records"), b);
        QCOMPARE(reply.status, 200);
        QCOMPARE(results(reply), QStringList(4, QStringLiteral("already_stored")));
        int after = 0;
        QCOMPARE(storeSnapshot(m_server->database(), &after), before);
        QCOMPARE(after, count);
        // The indicator tables were filled in the same transaction.
        auto store = Store::open(m_server->database());
        QCOMPARE(store->scalar(QStringLiteral("SELECT COUNT(*) FROM call_events")).toInt(), 1);
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT answer FROM survey_answers WHERE "
                                             "question = 'note'"))
                     .toString(),
                 QStringLiteral("9"));
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT total FROM site_weeks WHERE week = "
                                             "'2026-W46'"))
                     .toInt(),
                 7);
    }

    void journeyEventsFillTheJourneyTable()
    {
        const QString site = QStringLiteral("46-bretenoux");
        const QJsonObject opened = journey(
            site, {{QStringLiteral("type"), QStringLiteral("procedure_opened")},
                   {QStringLiteral("agency"), QStringLiteral("caf")},
                   {QStringLiteral("procedure"), QStringLiteral("caf-attestation-paiement")}});
        const QJsonObject help = journey(
            site, {{QStringLiteral("type"), QStringLiteral("guide_help_requested")},
                   {QStringLiteral("agency"), QStringLiteral("caf")},
                   {QStringLiteral("procedure"), QStringLiteral("caf-attestation-paiement")},
                   {QStringLiteral("step"), 3}});
        const QJsonObject ended =
            sessionEnded(site, QStringLiteral("abandoned"), QStringLiteral("mediator"),
                         QStringLiteral("online"));
        // Events the indicators do not read are stored whole, with no journey row.
        const QJsonObject started =
            journey(site, {{QStringLiteral("type"), QStringLiteral("session_started")}});
        HttpsClient kiosk = m_server->client(m_kiosk);
        const Reply reply =
            kiosk.postJson(QStringLiteral("/v1/records"), batch({opened, help, ended, started}));
        QCOMPARE(results(reply), QStringList(4, QStringLiteral("stored")));
        auto store = Store::open(m_server->database());
        QSqlQuery q = store->prepare(
            QStringLiteral("SELECT type, agency, procedure, step, ending, screen, autonomy, "
                           "duration_s, week FROM journey_events WHERE record_id IN (?, ?, ?, ?) "
                           "ORDER BY type"));
        Store::run(
            q, {opened[QStringLiteral("id")].toString(), help[QStringLiteral("id")].toString(),
                ended[QStringLiteral("id")].toString(), started[QStringLiteral("id")].toString()});
        QStringList rows;
        while (q.next()) {
            QStringList row;
            for (int i = 0; i < 9; ++i)
                row << (q.value(i).isNull() ? QStringLiteral("NULL") : q.value(i).toString());
            rows << row.join(u'|');
        }
        QCOMPARE(rows,
                 (QStringList{
                     QStringLiteral("guide_help_requested|caf|caf-attestation-paiement|3|NULL|NULL|"
                                    "NULL|NULL|2026-W47"),
                     QStringLiteral("procedure_opened|caf|caf-attestation-paiement|NULL|NULL|NULL|"
                                    "NULL|NULL|2026-W47"),
                     QStringLiteral("session_ended|NULL|NULL|NULL|abandoned|online|mediator|380|"
                                    "2026-W47")}));
    }

    // A word of the journey this server does not know (a newer kiosk's) sets that record
    // aside alone: the rest of the batch is stored.
    void unknownJourneyWordsAreRefusedPerRecord()
    {
        const QString site = QStringLiteral("46-bretenoux");
        const QJsonObject good =
            sessionEnded(site, QStringLiteral("finished"), QStringLiteral("guide_alone"));
        const QJsonObject unknownEnd =
            sessionEnded(site, QStringLiteral("power_cut"), QStringLiteral("none"));
        const QJsonObject unknownScreen = sessionEnded(
            site, QStringLiteral("abandoned"), QStringLiteral("none"), QStringLiteral("games"));
        const QJsonObject unknownAutonomy =
            sessionEnded(site, QStringLiteral("idle"), QStringLiteral("with_a_neighbour"));
        const QJsonObject alsoGood =
            sessionEnded(site, QStringLiteral("abandoned"), QStringLiteral("video_call"),
                         QStringLiteral("visio"));
        const QJsonObject b = batch({good, unknownEnd, unknownScreen, unknownAutonomy, alsoGood});
        HttpsClient kiosk = m_server->client(m_kiosk);
        const QStringList expected{
            QStringLiteral("stored"), QStringLiteral("rejected:unknown_code"),
            QStringLiteral("rejected:unknown_code"), QStringLiteral("rejected:unknown_code"),
            QStringLiteral("stored")};
        QCOMPARE(results(kiosk.postJson(QStringLiteral("/v1/records"), b)), expected);
        auto store = Store::open(m_server->database());
        QStringList ids;
        for (const QJsonValue &r : b[QStringLiteral("records")].toArray())
            ids << r[QStringLiteral("id")].toString();
        const auto count = [&](const char *table, const char *column) {
            return store
                ->scalar(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 IN (?, ?, ?, ?, ?)")
                             .arg(QLatin1String(table), QLatin1String(column)),
                         {ids[0], ids[1], ids[2], ids[3], ids[4]})
                .toInt();
        };
        QCOMPARE(count("records", "id"), 2);
        QCOMPARE(count("journey_events", "record_id"), 2);
        // The refused ones are kept whole with their reason, for the fleet view.
        QCOMPARE(count("refusals", "record_id"), 3);
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT COUNT(*) FROM refusals WHERE record_id = ? "
                                             "AND reason = 'unknown_code' AND kind = "
                                             "'journal_event'"),
                              {ids[2]})
                     .toInt(),
                 1);
        const Table fleet = fleetStatus(*store, IndicatorFilter());
        const qsizetype refusedColumn = fleet.columns.indexOf(QStringLiteral("refused"));
        QVERIFY(refusedColumn > 0);
        QString refusals;
        for (const QVariantList &row : fleet.rows)
            if (row.value(0).toString() == QLatin1String("46-bretenoux/borne-1"))
                refusals = row.value(refusedColumn).toString();
        QVERIFY2(refusals.contains(QStringLiteral("parcours d'une session dans des mots que "
                                                  "l'observatoire ne connaît pas")),
                 qPrintable(refusals));
        // Resent, the stored ones are already there and the others refused again.
        const QByteArray before = storeSnapshot(m_server->database());
        QCOMPARE(results(kiosk.postJson(QStringLiteral("/v1/records"), b)),
                 (QStringList{
                     QStringLiteral("already_stored"), QStringLiteral("rejected:unknown_code"),
                     QStringLiteral("rejected:unknown_code"),
                     QStringLiteral("rejected:unknown_code"), QStringLiteral("already_stored")}));
        QCOMPARE(storeSnapshot(m_server->database()), before);
    }

    void sameIdWithOtherContentIsAConflict()
    {
        const QString site = QStringLiteral("46-bretenoux");
        QJsonObject original = callEnded(site, QStringLiteral("caf"));
        HttpsClient kiosk = m_server->client(m_kiosk);
        QCOMPARE(results(kiosk.postJson(QStringLiteral("/v1/records"), batch({original}))),
                 QStringList{QStringLiteral("stored")});
        const QByteArray before = storeSnapshot(m_server->database());
        QJsonObject changed = original;
        QJsonObject body = changed.value(QStringLiteral("body")).toObject();
        body.insert(QStringLiteral("agency"), QStringLiteral("cpam"));
        changed.insert(QStringLiteral("body"), body);
        const QJsonObject fresh = callEnded(site, QStringLiteral("msa"));
        const Reply reply = kiosk.postJson(QStringLiteral("/v1/records"), batch({changed, fresh}));
        QCOMPARE(reply.status, 200);
        QCOMPARE(results(reply),
                 (QStringList{QStringLiteral("conflict:id_taken"), QStringLiteral("stored")}));
        auto store = Store::open(m_server->database());
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT agency FROM call_events WHERE record_id = ?"),
                              {original.value(QStringLiteral("id")).toString()})
                     .toString(),
                 QStringLiteral("caf"));
        QVERIFY(storeSnapshot(m_server->database()) != before); // only the fresh one was added
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE id = ?"),
                              {fresh.value(QStringLiteral("id")).toString()})
                     .toInt(),
                 1);
    }

    void reportVersionsFormAChain()
    {
        const QString site = QStringLiteral("46-bretenoux");
        HttpsClient kiosk = m_server->client(m_kiosk);
        const QJsonObject v1 = weeklyReport(site, 1, {}, 10);
        QJsonObject w = v1;
        QJsonObject body = w.value(QStringLiteral("body")).toObject();
        body.insert(QStringLiteral("week"), QStringLiteral("2026-W45"));
        w.insert(QStringLiteral("body"), body);
        QCOMPARE(results(kiosk.postJson(QStringLiteral("/v1/records"), batch({w}))),
                 QStringList{QStringLiteral("stored")});
        const QString v1id = w.value(QStringLiteral("id")).toString();
        auto rebased = [&](QJsonObject report) {
            QJsonObject b = report.value(QStringLiteral("body")).toObject();
            b.insert(QStringLiteral("week"), QStringLiteral("2026-W45"));
            report.insert(QStringLiteral("body"), b);
            return report;
        };
        const QJsonObject v2 = rebased(weeklyReport(site, 2, v1id, 20));
        const QJsonObject rival = rebased(weeklyReport(site, 2, v1id, 30));
        const QJsonObject orphan = rebased(
            weeklyReport(site, 3, QStringLiteral("00000000-0000-4000-8000-000000000000"), 40));
        const Reply reply =
            kiosk.postJson(QStringLiteral("/v1/records"), batch({v2, rival, orphan}));
        QCOMPARE(results(reply),
                 (QStringList{QStringLiteral("stored"), QStringLiteral("rejected:version_taken"),
                              QStringLiteral("rejected:replaces_unknown")}));
        auto store = Store::open(m_server->database());
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT total FROM site_weeks WHERE week = "
                                             "'2026-W45' AND site = ?"),
                              {site})
                     .toInt(),
                 22);
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE id IN (?, ?)"),
                              {rival.value(QStringLiteral("id")).toString(),
                               orphan.value(QStringLiteral("id")).toString()})
                     .toInt(),
                 0);
    }

    // An answer outside the definition and version its record names is refused for that
    // record only: the rest of the batch is stored, and nothing of the refused ones.
    void surveyAnswersOutsideTheirDefinitionAreRejectedAlone()
    {
        const QString site = QStringLiteral("46-bretenoux");
        const QString visit = QStringLiteral("satisfaction-visite");
        auto answers = [](const char *key, const QJsonValue &value) {
            return QJsonObject{{QLatin1String(key), value}};
        };
        const QJsonArray records{
            surveyResponse(site, answers("accueil", QStringLiteral("tres-satisfait")), visit),
            // The observatory's former words, not any definition's.
            surveyResponse(site, answers("accueil", QStringLiteral("tres_satisfait")),
                           QStringLiteral("satisfaction")),
            surveyResponse(site, answers("accueil", QStringLiteral("satisfait")), visit, 9),
            surveyResponse(site, answers("besoin", QStringLiteral("totalement")), visit),
            surveyResponse(site, answers("accueil", QStringLiteral("tres_satisfait")), visit),
            surveyResponse(site, answers("connu-par", QStringLiteral("affiche")), visit),
            surveyResponse(site, answers("connu-par.radio", QStringLiteral("oui")), visit),
            callEnded(site, QStringLiteral("caf")),
        };
        const QByteArray before = storeSnapshot(m_server->database());
        HttpsClient kiosk = m_server->client(m_kiosk);
        Reply reply = kiosk.postJson(QStringLiteral("/v1/records"), batch(records));
        QCOMPARE(reply.status, 200);
        QCOMPARE(
            results(reply),
            (QStringList{QStringLiteral("stored"), QStringLiteral("rejected:unknown_survey"),
                         QStringLiteral("rejected:unknown_survey"),
                         QStringLiteral("rejected:unknown_question"),
                         QStringLiteral("rejected:unknown_answer"),
                         QStringLiteral("rejected:unknown_answer"),
                         QStringLiteral("rejected:unknown_answer"), QStringLiteral("stored")}));
        const QJsonArray answered = reply.json().value(QStringLiteral("results")).toArray();
        QCOMPARE(answered[1][QStringLiteral("detail")].toString(),
                 QStringLiteral("survey \"satisfaction\" version 1 is not a definition the "
                                "observatory has (shipped or in a published bundle)"));
        QCOMPARE(answered[3][QStringLiteral("detail")].toString(),
                 QStringLiteral("survey \"satisfaction-visite\" version 1 has no question "
                                "\"besoin\""));
        QCOMPARE(answered[4][QStringLiteral("detail")].toString(),
                 QStringLiteral("question \"accueil\": \"tres_satisfait\" is not one of "
                                "tres-satisfait, satisfait, peu-satisfait, pas-satisfait"));
        QVERIFY(!answered[0].toObject().contains(QStringLiteral("detail")));
        // Only the two good records were written, whole.
        auto store = Store::open(m_server->database());
        QStringList ids;
        for (const QJsonValue &r : records)
            ids << r[QStringLiteral("id")].toString();
        const auto countOf = [&](const char *table, const char *column, const QString &id) {
            return store
                ->scalar(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 = ?")
                             .arg(QLatin1String(table), QLatin1String(column)),
                         {id})
                .toInt();
        };
        for (qsizetype i = 0; i < ids.size(); ++i) {
            const int expected = i == 0 || i == ids.size() - 1 ? 1 : 0;
            QCOMPARE(countOf("records", "id", ids[i]), expected);
            if (i < ids.size() - 1) {
                QCOMPARE(countOf("survey_responses", "record_id", ids[i]), expected);
                QCOMPARE(countOf("survey_answers", "record_id", ids[i]), expected);
            }
        }
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT answer FROM survey_answers WHERE "
                                             "record_id = ?"),
                              {ids[0]})
                     .toString(),
                 QStringLiteral("tres-satisfait"));
        // The same batch again: the stored are already stored, the refused refused again,
        // nothing changes.
        const QByteArray after = storeSnapshot(m_server->database());
        QVERIFY(after != before);
        reply = kiosk.postJson(QStringLiteral("/v1/records"), batch(records));
        QCOMPARE(results(reply).first(), QStringLiteral("already_stored"));
        QCOMPARE(results(reply).value(4), QStringLiteral("rejected:unknown_answer"));
        QCOMPARE(storeSnapshot(m_server->database()), after);
    }

    // A survey of a bundle published while the observatory runs is known at once; a version
    // once seen stays readable after its bundle is gone, across a restart.
    void aPublishedBundleBringsItsSurveys()
    {
        const QString site = QStringLiteral("46-bretenoux");
        QJsonObject definition = relais::test::demoSurvey();
        definition.insert(QStringLiteral("id"), QStringLiteral("avis-caf"));
        definition.insert(QStringLiteral("version"), 4);
        const QJsonObject response =
            surveyResponse(site, {{QStringLiteral("accueil"), QStringLiteral("satisfait")}},
                           QStringLiteral("avis-caf"), 4);
        HttpsClient kiosk = m_server->client(m_kiosk);
        QCOMPARE(results(kiosk.postJson(QStringLiteral("/v1/records"), batch({response}))),
                 QStringList{QStringLiteral("rejected:unknown_survey")});

        const QString bundles = QDir(m_server->path()).filePath(QStringLiteral("bundles"));
        QVERIFY(QDir().mkpath(bundles));
        const QString bundle = QDir(bundles).filePath(site + QStringLiteral(".json"));
        {
            relais::provisioning::KeyHandle key = relais::provisioning::generateEd25519Key();
            QJsonObject content = relais::test::validContent();
            content.insert(QStringLiteral("surveys"), QJsonArray{definition});
            QFile file(bundle);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(relais::test::signedBundle(1, QDateTime::currentDateTimeUtc().addDays(30),
                                                  key.get(), nullptr, content));
        }
        QCOMPARE(results(kiosk.postJson(QStringLiteral("/v1/records"), batch({response}))),
                 QStringList{QStringLiteral("stored")});

        QVERIFY(QFile::remove(bundle));
        m_server->stop();
        QVERIFY(m_server->start());
        HttpsClient again = m_server->client(m_kiosk);
        const QJsonObject later =
            surveyResponse(site, {{QStringLiteral("accueil"), QStringLiteral("peu-satisfait")}},
                           QStringLiteral("avis-caf"), 4);
        QCOMPARE(results(again.postJson(QStringLiteral("/v1/records"), batch({later}))),
                 QStringList{QStringLiteral("stored")});
        auto store = Store::open(m_server->database());
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT COUNT(*) FROM survey_definitions WHERE "
                                             "survey = 'avis-caf' AND version = 4"))
                     .toInt(),
                 1);
    }

    void siteWeekIsEveryKioskPlusTheDesk()
    {
        const QString week = QStringLiteral("2026-W44");
        QCOMPARE(send(m_kiosk,
                      {kioskCounts(week, 1,
                                   {countRow(QStringLiteral("information"), QStringLiteral("caf"),
                                             QStringLiteral("mon"), 3)})}),
                 QStringList{QStringLiteral("stored")});
        QCOMPARE(send(m_secondKiosk,
                      {kioskCounts(week, 1,
                                   {countRow(QStringLiteral("information"), QStringLiteral("caf"),
                                             QStringLiteral("mon"), 2),
                                    countRow(QStringLiteral("video_call"), QStringLiteral("carsat"),
                                             QStringLiteral("tue"), 1)})}),
                 QStringList{QStringLiteral("stored")});
        // Counted before any closing; the desk has no version yet.
        QCOMPARE(siteWeekTotal(week), 6);
        HttpsClient second = m_server->client(m_secondKiosk);
        Reply reply = second.get(QStringLiteral("/v1/weeks/") + week);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json().value(QStringLiteral("desk")).isNull());

        const QJsonObject v1 =
            deskReport(week, 1, {},
                       {countRow(QStringLiteral("information"), QStringLiteral("caf"),
                                 QStringLiteral("mon"), 1)});
        QCOMPARE(send(m_kiosk, {v1}), QStringList{QStringLiteral("stored")});
        QCOMPARE(siteWeekTotal(week), 7);

        // The other kiosk learns that the week is closed, by whom, and the desk's counts.
        reply = second.get(QStringLiteral("/v1/weeks/") + week);
        QCOMPARE(reply.status, 200);
        const QJsonObject desk = reply.json().value(QStringLiteral("desk")).toObject();
        QCOMPARE(desk.value(QStringLiteral("id")).toString(), idOf(v1));
        QCOMPARE(desk.value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(desk.value(QStringLiteral("kiosk")).toString(), QStringLiteral("borne-1"));
        QCOMPARE(desk.value(QStringLiteral("counts")).toString(), QStringLiteral("desk"));
        QCOMPARE(desk.value(QStringLiteral("closed_at")).toString(),
                 QStringLiteral("2026-11-02T17:00:00.000Z"));
        QCOMPARE(desk.value(QStringLiteral("rows")).toArray(),
                 (QJsonArray{countRow(QStringLiteral("information"), QStringLiteral("caf"),
                                      QStringLiteral("mon"), 1)}));

        // A second closing (two kiosks closed it offline) is refused, kept, and shown.
        const QJsonObject rival =
            deskReport(week, 1, {},
                       {countRow(QStringLiteral("information"), QStringLiteral("caf"),
                                 QStringLiteral("mon"), 8)});
        QCOMPARE(send(m_secondKiosk, {rival}),
                 QStringList{QStringLiteral("rejected:week_already_closed")});
        QCOMPARE(siteWeekTotal(week), 7);
        auto store = Store::open(m_server->database());
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT holder FROM refusals WHERE record_id = ?"),
                              {idOf(rival)})
                     .toString(),
                 QStringLiteral("46-bretenoux/borne-1"));
        const Table fleet = fleetStatus(*store, IndicatorFilter());
        const qsizetype refusedColumn = fleet.columns.indexOf(QStringLiteral("refused"));
        QVERIFY(refusedColumn > 0);
        QString secondRefusals;
        for (const QVariantList &row : fleet.rows)
            if (row.value(0).toString() == QLatin1String("46-bretenoux/borne-2"))
                secondRefusals = row.value(refusedColumn).toString();
        QVERIFY2(secondRefusals.contains(QStringLiteral("semaine 2026-W44 déjà close par borne-1")),
                 qPrintable(secondRefusals));

        // A correction from the other kiosk replaces the desk's counts, not the kiosks'.
        const QJsonObject v2 =
            deskReport(week, 2, idOf(v1),
                       {countRow(QStringLiteral("information"), QStringLiteral("caf"),
                                 QStringLiteral("mon"), 4)});
        QCOMPARE(send(m_secondKiosk, {v2}), QStringList{QStringLiteral("stored")});
        QCOMPARE(siteWeekTotal(week), 3 + 2 + 1 + 4);
        reply = second.get(QStringLiteral("/v1/weeks/") + week);
        QCOMPARE(reply.json()[QStringLiteral("desk")][QStringLiteral("version")].toInt(), 2);
        QCOMPARE(reply.json()[QStringLiteral("desk")][QStringLiteral("kiosk")].toString(),
                 QStringLiteral("borne-2"));
        QCOMPARE(reply.json()[QStringLiteral("desk")][QStringLiteral("replaces")].toString(),
                 idOf(v1));

        // By agency, the lines are the same sum.
        IndicatorFilter caf;
        caf.fromWeek = caf.toWeek = week;
        caf.sites = {QStringLiteral("46-bretenoux")};
        caf.agencies = {QStringLiteral("caf")};
        const Table visits = Indicators(*store).visitsByPeriod(caf, Grain::Week);
        QCOMPARE(visits.rows.size(), 1);
        QCOMPARE(visits.rows[0].value(visits.columns.indexOf(QStringLiteral("information"))),
                 QVariant(qint64(9)));
        QCOMPARE(visits.rows[0].value(visits.columns.indexOf(QStringLiteral("video_call"))),
                 QVariant(qint64(0)));
    }

    void newestSnapshotCountsWhateverTheOrder()
    {
        const QString week = QStringLiteral("2026-W43");
        const auto snapshot = [&](int sequence, int count) {
            return kioskCounts(week, sequence,
                               {countRow(QStringLiteral("print_scan"), QStringLiteral("none"),
                                         QStringLiteral("wed"), count)});
        };
        const QJsonObject third = snapshot(3, 9);
        QCOMPARE(send(m_kiosk, {third}), QStringList{QStringLiteral("stored")});
        QCOMPARE(send(m_kiosk, {snapshot(1, 2), snapshot(2, 5)}),
                 QStringList(2, QStringLiteral("stored")));
        QCOMPARE(siteWeekTotal(week), 9);
        QCOMPARE(send(m_kiosk, {third}), QStringList{QStringLiteral("already_stored")});
        // Another record claiming a sequence already received is not counted.
        QCOMPARE(send(m_kiosk, {snapshot(3, 40)}),
                 QStringList{QStringLiteral("rejected:sequence_taken")});
        QCOMPARE(siteWeekTotal(week), 9);
        QCOMPARE(send(m_kiosk, {snapshot(4, 11)}), QStringList{QStringLiteral("stored")});
        QCOMPARE(siteWeekTotal(week), 11);
        // Every snapshot is kept as a record; only the newest has count lines.
        auto store = Store::open(m_server->database());
        QCOMPARE(
            store
                ->scalar(QStringLiteral("SELECT COUNT(*) FROM kiosk_counts WHERE week = ?"), {week})
                .toInt(),
            4);
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT SUM(r.count) FROM report_rows r JOIN "
                                             "kiosk_counts k ON k.record_id = r.record_id "
                                             "WHERE k.week = ?"),
                              {week})
                     .toInt(),
                 11);
    }

    void reportWithoutCountsKeyHoldsItsKiosksCounts()
    {
        // A kiosk from before kiosk_counts sent its own counts plus the desk's in one report.
        const QString week = QStringLiteral("2026-W42");
        QJsonObject legacy = weeklyReport(QStringLiteral("46-bretenoux"), 1, {}, 5);
        QJsonObject body = legacy.value(QStringLiteral("body")).toObject();
        body.insert(QStringLiteral("week"), week);
        legacy.insert(QStringLiteral("body"), body);
        QCOMPARE(send(m_kiosk, {legacy}), QStringList{QStringLiteral("stored")});
        QCOMPARE(siteWeekTotal(week), 7);
        // Updated, it sends its counts: they are in that report already.
        QCOMPARE(send(m_kiosk,
                      {kioskCounts(week, 1,
                                   {countRow(QStringLiteral("information"), QStringLiteral("caf"),
                                             QStringLiteral("mon"), 5)})}),
                 QStringList{QStringLiteral("stored")});
        QCOMPARE(siteWeekTotal(week), 7);
        // The other kiosk's are not.
        QCOMPARE(send(m_secondKiosk,
                      {kioskCounts(week, 1,
                                   {countRow(QStringLiteral("referral"), QStringLiteral("msa"),
                                             QStringLiteral("fri"), 2)})}),
                 QStringList{QStringLiteral("stored")});
        QCOMPARE(siteWeekTotal(week), 9);
        HttpsClient second = m_server->client(m_secondKiosk);
        QCOMPARE(second.get(QStringLiteral("/v1/weeks/") + week)
                     .json()[QStringLiteral("desk")][QStringLiteral("counts")]
                     .toString(),
                 QStringLiteral("kiosk_and_desk"));
        // A desk-only correction: now every kiosk's counts plus the desk's.
        QCOMPARE(send(m_secondKiosk,
                      {deskReport(week, 2, idOf(legacy),
                                  {countRow(QStringLiteral("information"), QStringLiteral("none"),
                                            QStringLiteral("mon"), 1)})}),
                 QStringList{QStringLiteral("stored")});
        QCOMPARE(siteWeekTotal(week), 5 + 2 + 1);
    }

    void storeFromBeforeKioskCountsKeepsItsFigures()
    {
        // A store as the version before kiosk_counts left it (schema step 1): one site's
        // week, closed by borne-1 with its own counts in the report.
        QTemporaryDir dir;
        QString location = dir.filePath(QStringLiteral("before.sqlite"));
        if (m_backend->isPostgres()) {
            auto admin = Store::open(m_backend->database());
            admin->execute(QStringLiteral("DROP DATABASE IF EXISTS relais_before"));
            admin->execute(QStringLiteral("CREATE DATABASE relais_before"));
            location = m_backend->database().replace(QStringLiteral("/postgres?"),
                                                     QStringLiteral("/relais_before?"));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(
                m_backend->isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"),
                QStringLiteral("before"));
            if (m_backend->isPostgres()) {
                const QUrl url(location);
                db.setHostName(QUrlQuery(url).queryItemValue(QStringLiteral("host")));
                db.setPort(QUrlQuery(url).queryItemValue(QStringLiteral("port")).toInt());
                db.setUserName(url.userName());
                db.setDatabaseName(url.path().mid(1));
            } else {
                db.setDatabaseName(location);
            }
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QStringList statements = observatorySchema().first().statements;
            statements << QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)")
                       << QStringLiteral("INSERT INTO schema_version (version) VALUES (1)")
                       << QStringLiteral("INSERT INTO records VALUES ('00000000-0000-4000-8000-"
                                         "000000000001', 'weekly_report', '46-bretenoux', "
                                         "'46-bretenoux/borne-1', '2026-10-05T17:00:00.000Z', "
                                         "'2026-10-05T17:00:01.000Z', 'x', '{}')")
                       << QStringLiteral(
                              "INSERT INTO weekly_reports VALUES ('00000000-0000-4000-8000-"
                              "000000000001', '46-bretenoux', '2026-W40', 1, NULL, "
                              "'2026-10-05T17:00:00.000Z')")
                       << QStringLiteral("INSERT INTO report_rows VALUES ('00000000-0000-4000-8000-"
                                         "000000000001', 'information', 'caf', 'mon', 4)")
                       << QStringLiteral("INSERT INTO report_rows VALUES ('00000000-0000-4000-8000-"
                                         "000000000001', 'print_scan', 'none', 'tue', 2)")
                       << QStringLiteral(
                              "INSERT INTO site_weeks VALUES ('46-bretenoux', '2026-W40', "
                              "'00000000-0000-4000-8000-000000000001', 1, "
                              "'2026-10-05T17:00:00.000Z', 4, 0, 0, 0, 2, 0, 6)");
            for (const QString &sql : statements) {
                QSqlQuery query(db);
                QVERIFY2(query.exec(sql), qPrintable(sql + u' ' + query.lastError().text()));
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("before"));

        auto store = Store::open(location);
        QCOMPARE(store->schemaVersion(), observatorySchema().last().version);
        const auto total = [&](const QString &week) {
            return store
                ->scalar(QStringLiteral("SELECT total FROM site_weeks WHERE week = ?"), {week})
                .toInt();
        };
        QCOMPARE(total(QStringLiteral("2026-W40")), 6);
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT count FROM site_week_rows WHERE week = "
                                             "'2026-W40' AND help = 'information' AND "
                                             "agency = 'caf'"))
                     .toInt(),
                 4);
        // borne-1's counts are in its report already; borne-2's are not.
        SurveyCatalog surveys(*store, QString());
        IngestWriter writer(*store, surveys);
        const auto write = [&](const QString &device, const QJsonObject &record) {
            return writer
                .write(device, QStringLiteral("46-bretenoux"),
                       {parseRecord(record, QStringLiteral("records[0]"))},
                       QDateTime::currentDateTimeUtc())
                .first()
                .outcome;
        };
        const QJsonArray rows{countRow(QStringLiteral("information"), QStringLiteral("caf"),
                                       QStringLiteral("wed"), 3)};
        QCOMPARE(write(QStringLiteral("46-bretenoux/borne-1"),
                       kioskCounts(QStringLiteral("2026-W40"), 1, rows)),
                 RecordResult::Stored);
        QCOMPARE(total(QStringLiteral("2026-W40")), 6);
        QCOMPARE(write(QStringLiteral("46-bretenoux/borne-2"),
                       kioskCounts(QStringLiteral("2026-W40"), 1, rows)),
                 RecordResult::Stored);
        QCOMPARE(total(QStringLiteral("2026-W40")), 9);
        // A week the kiosks counted and the desk has not closed: no desk version.
        QCOMPARE(write(QStringLiteral("46-bretenoux/borne-2"),
                       kioskCounts(QStringLiteral("2026-W41"), 1, rows)),
                 RecordResult::Stored);
        QCOMPARE(total(QStringLiteral("2026-W41")), 3);
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT COUNT(*) FROM site_weeks WHERE week = "
                                             "'2026-W41' AND version IS NULL AND record_id IS "
                                             "NULL AND closed_at IS NULL"))
                     .toInt(),
                 1);
    }

    // A week must be the one the record was made for: no survey answered in 2099, no counts for
    // a week still to come; the record alone is refused and kept, the batch goes on, and no
    // partner's default period follows a future week.
    void weeksUnrelatedToTheRecordsTimeAreRefused()
    {
        const QString site = QStringLiteral("46-bretenoux");
        const QJsonArray rows{countRow(QStringLiteral("information"), QStringLiteral("caf"),
                                       QStringLiteral("mon"), 500)};
        // Late counts of a past week are accepted.
        QCOMPARE(send(m_kiosk, {kioskCounts(QStringLiteral("2026-W39"), 1, rows)}),
                 QStringList{QStringLiteral("stored")});
        PartnerSession lot(*m_server,
                           Partner{QStringLiteral("lot-weeks"), QStringLiteral("Lot"), {}, {}});
        QVERIFY(lot.loggedIn());
        const QString lastWeek = lot.get(QStringLiteral("/dashboard/api/options"))
                                     .json()
                                     .value(QStringLiteral("last_week"))
                                     .toString();
        QVERIFY(!lastWeek.isEmpty());
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        const auto withWeek = [](QJsonObject record, const QString &week) {
            QJsonObject body = record.value(QStringLiteral("body")).toObject();
            body.insert(QStringLiteral("week"), week);
            record.insert(QStringLiteral("body"), body);
            return record;
        };
        const auto createdNow = [&](QJsonObject record) {
            record.insert(QStringLiteral("created_at"), now);
            return record;
        };
        const QString future = QStringLiteral("2099-W01");
        const QJsonArray records{
            createdNow(withWeek(gridResponse(site), future)),
            createdNow(record(QStringLiteral("kiosk_counts"), site,
                              {{QStringLiteral("week"), future},
                               {QStringLiteral("sequence"), 1},
                               {QStringLiteral("rows"), rows}})),
            createdNow(deskReport(future, 1, {}, rows)),
            // Answered in 2026-W47 (20 November) for a week of July.
            withWeek(gridResponse(site), QStringLiteral("2026-W30")),
            // Its own week, or the next one (a session across Sunday midnight), is accepted.
            gridResponse(site),
            withWeek(gridResponse(site), QStringLiteral("2026-W48")),
        };
        const QStringList expected{QStringLiteral("rejected:week_inconsistent"),
                                   QStringLiteral("rejected:week_inconsistent"),
                                   QStringLiteral("rejected:week_inconsistent"),
                                   QStringLiteral("rejected:week_inconsistent"),
                                   QStringLiteral("stored"),
                                   QStringLiteral("stored")};
        QCOMPARE(send(m_kiosk, records), expected);
        auto store = Store::open(m_server->database());
        QCOMPARE(
            store
                ->scalar(QStringLiteral("SELECT COUNT(*) FROM site_weeks WHERE week = ?"), {future})
                .toInt(),
            0);
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT COUNT(*) FROM refusals WHERE reason = "
                                             "'week_inconsistent'"))
                     .toInt(),
                 4);
        // The fleet view says why, in French.
        const Table fleet = fleetStatus(*store, IndicatorFilter());
        const qsizetype refusedColumn = fleet.columns.indexOf(QStringLiteral("refused"));
        QString refusals;
        for (const QVariantList &row : fleet.rows)
            if (row.value(0).toString() == QLatin1String("46-bretenoux/borne-1"))
                refusals = row.value(refusedColumn).toString();
        QVERIFY2(refusals.contains(QStringLiteral("sans rapport avec la date de l'enregistrement")),
                 qPrintable(refusals));
        QCOMPARE(lot.get(QStringLiteral("/dashboard/api/options"))
                     .json()
                     .value(QStringLiteral("last_week"))
                     .toString(),
                 lastWeek);
        // A store from before this check may hold a future week: it moves no default either.
        store->execute(QStringLiteral("INSERT INTO site_weeks (site, week, information, "
                                      "online_procedure, video_call, internet_access, "
                                      "print_scan, referral, total) VALUES (?, ?, 500, 0, 0, 0, "
                                      "0, 0, 500)"),
                       {site, future});
        QCOMPARE(lot.get(QStringLiteral("/dashboard/api/options"))
                     .json()
                     .value(QStringLiteral("last_week"))
                     .toString(),
                 lastWeek);
        store->execute(QStringLiteral("DELETE FROM site_weeks WHERE week = ?"), {future});
    }

    // A kiosk's free text (its app_version) reaches the partner's CSV export as text, never as
    // a formula a spreadsheet would run.
    void fleetExportNeutralisesFormulas()
    {
        const QString site = QStringLiteral("46-bretenoux");
        QJsonObject beat = heartbeat(site);
        QJsonObject body = beat.value(QStringLiteral("body")).toObject();
        body.insert(QStringLiteral("app_version"), QStringLiteral("=HYPERLINK(\"http://x\")"));
        beat.insert(QStringLiteral("body"), body);
        beat.insert(QStringLiteral("created_at"),
                    QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        QCOMPARE(send(m_secondKiosk, {beat}), QStringList{QStringLiteral("stored")});
        PartnerSession lot(*m_server,
                           Partner{QStringLiteral("lot-csv"), QStringLiteral("Lot"), {}, {}});
        QVERIFY(lot.loggedIn());
        const Reply csv = lot.get(QStringLiteral("/dashboard/api/csv/fleet.csv"));
        QCOMPARE(csv.status, 200);
        QVERIFY2(csv.body.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), csv.body.constData());
        QVERIFY2(!csv.body.contains(",=") && !csv.body.contains(",\"="), csv.body.constData());

        // For a person's spreadsheet: a byte order mark (Excel then reads UTF-8), the columns'
        // French titles, ";" between cells; the guard against formulas holds there too.
        const Reply sheet = lot.get(QStringLiteral("/dashboard/api/csv/fleet.csv?format=tableur"));
        QCOMPARE(sheet.status, 200);
        QVERIFY(sheet.body.startsWith("\xEF\xBB\xBF"));
        const QByteArray header = sheet.body.mid(3, sheet.body.indexOf("\r\n") - 3);
        QVERIFY2(header.startsWith("Borne;Dernier signe de vie (heure du site);Version;"),
                 header.constData());
        QVERIFY2(sheet.body.contains(";\"'=HYPERLINK(\"\"http://x\"\")\";") ||
                     sheet.body.contains(";'=HYPERLINK(\"\"http://x\"\");"),
                 sheet.body.constData());
        QCOMPARE(lot.get(QStringLiteral("/dashboard/api/csv/fleet.csv?format=excel")).status, 400);
    }

    // The month grain through the API, JSON and both CSV dialects: week 27 of 2026 (Monday
    // 29 June, Thursday 2 July) is July's. An unknown grain is refused in words.
    void monthGrainThroughTheApi()
    {
        QCOMPARE(send(m_kiosk,
                      {kioskCounts(QStringLiteral("2026-W27"), 1,
                                   {countRow(QStringLiteral("information"), QStringLiteral("caf"),
                                             QStringLiteral("mon"), 17)})}),
                 QStringList{QStringLiteral("stored")});
        PartnerSession lot(*m_server,
                           Partner{QStringLiteral("lot-month"), QStringLiteral("Lot"), {}, {}});
        QVERIFY(lot.loggedIn());
        const QString filter = QStringLiteral("grain=month&from=2026-W27&to=2026-W27");
        const Reply tables = lot.get(QStringLiteral("/dashboard/api/tables?") + filter);
        QCOMPARE(tables.status, 200);
        const QJsonObject all = tables.json()[QStringLiteral("tables")].toObject();
        QCOMPARE(all[QStringLiteral("visits")][QStringLiteral("rows")].toArray(),
                 (QJsonArray{QJsonArray{QStringLiteral("2026-07"), 17, 0, 0, 0, 0, 0}}));
        QVERIFY(all.contains(QStringLiteral("satisfaction_trend")));
        const Reply data = lot.get(QStringLiteral("/dashboard/api/csv/visits.csv?") + filter);
        QCOMPARE(data.status, 200);
        QVERIFY2(data.body.endsWith("\r\n2026-07,17,0,0,0,0,0\r\n"), data.body.constData());
        const Reply sheet =
            lot.get(QStringLiteral("/dashboard/api/csv/visits.csv?format=tableur&") + filter);
        QCOMPARE(sheet.status, 200);
        QVERIFY2(sheet.body.startsWith("\xEF\xBB\xBF" + QStringLiteral("Période;").toUtf8()) &&
                     sheet.body.endsWith("\r\n2026-07;17;0;0;0;0;0\r\n"),
                 sheet.body.constData());
        for (const QString &path : {QStringLiteral("/dashboard/api/tables?grain=mois"),
                                    QStringLiteral("/dashboard/api/csv/visits.csv?grain=mois")}) {
            const Reply refused = lot.get(path);
            QCOMPARE(refused.status, 400);
            QCOMPARE(refused.json().value(QStringLiteral("message")).toString(),
                     QStringLiteral("grain is week, month, quarter or year"));
        }
    }

    // A partner limited to an agency sees the territories' help for its agency only, and the
    // completeness and fleet of the sites serving it, not every agency's.
    void agencyPartnerSeesItsOwnSitesOnly()
    {
        const KioskIdentity gourdon =
            m_server->enrollNew(QStringLiteral("46-gourdon"), QStringLiteral("borne-1"));
        const QJsonArray cafOnly{countRow(QStringLiteral("information"), QStringLiteral("caf"),
                                          QStringLiteral("mon"), 30)};
        QJsonObject gourdonCounts = kioskCounts(QStringLiteral("2026-W45"), 1, cafOnly);
        gourdonCounts.insert(QStringLiteral("site"), QStringLiteral("46-gourdon"));
        QCOMPARE(send(gourdon, {gourdonCounts, heartbeat(QStringLiteral("46-gourdon"))}),
                 (QStringList{QStringLiteral("stored"), QStringLiteral("stored")}));
        QCOMPARE(send(m_secondKiosk,
                      {kioskCounts(QStringLiteral("2026-W38"), 1,
                                   {countRow(QStringLiteral("video_call"), QStringLiteral("carsat"),
                                             QStringLiteral("tue"), 12),
                                    countRow(QStringLiteral("information"), QStringLiteral("caf"),
                                             QStringLiteral("tue"), 40)})}),
                 QStringList{QStringLiteral("stored")});
        const QString query = QStringLiteral("/dashboard/api/tables?from=2026-W38&to=2026-W46");
        PartnerSession lot(*m_server,
                           Partner{QStringLiteral("lot-scope"), QStringLiteral("Lot"), {}, {}});
        PartnerSession carsat(*m_server, Partner{QStringLiteral("carsat-scope"),
                                                 QStringLiteral("CARSAT"),
                                                 {QStringLiteral("carsat")},
                                                 {}});
        QVERIFY(lot.loggedIn() && carsat.loggedIn());
        const QJsonObject all = lot.get(query).json()[QStringLiteral("tables")].toObject();
        const QJsonObject mine = carsat.get(query).json()[QStringLiteral("tables")].toObject();
        const auto rowsOf = [](const QJsonObject &tables, const char *id) {
            return tables[QLatin1String(id)][QStringLiteral("rows")].toArray();
        };
        const auto firstCells = [&](const QJsonObject &tables, const char *id) {
            QStringList cells;
            for (const QJsonValue &row : rowsOf(tables, id))
                cells << row[0].toVariant().toString();
            return cells;
        };
        // Territories: Bouriane's help was all for the CAF.
        QVERIFY(firstCells(all, "territories").contains(QStringLiteral("Bouriane")));
        QCOMPARE(firstCells(mine, "territories"), QStringList{QStringLiteral("Cère et Dordogne")});
        auto store = Store::open(m_server->database());
        QCOMPARE(rowsOf(mine, "territories")[0][1].toInteger(),
                 store
                     ->scalar(QStringLiteral("SELECT SUM(count) FROM site_week_rows WHERE agency "
                                             "= 'carsat' AND site = '46-bretenoux' AND week "
                                             "BETWEEN '2026-W38' AND '2026-W46'"))
                     .toLongLong());
        // The fleet: the kiosks of the sites serving the CARSAT.
        QVERIFY(firstCells(all, "fleet").contains(QStringLiteral("46-gourdon/borne-1")));
        for (const QString &device : firstCells(mine, "fleet"))
            QVERIFY2(device.startsWith(QStringLiteral("46-bretenoux/")), qPrintable(device));
        // Completeness: one site expected each week, not two.
        QVERIFY(!rowsOf(mine, "completeness").isEmpty());
        for (const QJsonValue &row : rowsOf(all, "completeness"))
            QCOMPARE(row[1].toInteger(), 2);
        for (const QJsonValue &row : rowsOf(mine, "completeness"))
            QCOMPARE(row[1].toInteger(), 1);
    }

    // The map's figures: the sites with a position and their helps, each commune's helps per
    // 1,000 inhabitants (Bretenoux, 1,468 inhabitants in the shipped file), within the
    // partner's scope and whatever site the filter names.
    void mapFiguresThroughTheApi()
    {
        QCOMPARE(send(m_kiosk,
                      {kioskCounts(QStringLiteral("2026-W20"), 1,
                                   {countRow(QStringLiteral("information"), QStringLiteral("caf"),
                                             QStringLiteral("mon"), 25),
                                    countRow(QStringLiteral("video_call"), QStringLiteral("carsat"),
                                             QStringLiteral("tue"), 14)})}),
                 QStringList{QStringLiteral("stored")});
        const QString week = QStringLiteral("/dashboard/api/tables?from=2026-W20&to=2026-W20");
        PartnerSession lot(*m_server,
                           Partner{QStringLiteral("lot-map"), QStringLiteral("Lot"), {}, {}});
        PartnerSession carsat(*m_server, Partner{QStringLiteral("carsat-map"),
                                                 QStringLiteral("CARSAT"),
                                                 {QStringLiteral("carsat")},
                                                 {}});
        PartnerSession bouriane(*m_server, Partner{QStringLiteral("bouriane-map"),
                                                   QStringLiteral("Bouriane"),
                                                   {},
                                                   {QStringLiteral("Bouriane")}});
        QVERIFY(lot.loggedIn() && carsat.loggedIn() && bouriane.loggedIn());
        const auto tables = [](PartnerSession &partner, const QString &path) {
            const Reply reply = partner.get(path);
            return reply.json()[QStringLiteral("tables")].toObject();
        };
        const auto rowsOf = [](const QJsonObject &all, const char *id) {
            return all[QLatin1String(id)][QStringLiteral("rows")].toArray();
        };
        // Gourdon has no position: only Bretenoux is on the map, with no survey answer that week.
        // Its kiosks' state is the fleet view's, tested there.
        for (const QString &path : {week, week + QStringLiteral("&site=46-gourdon")}) {
            const QJsonObject all = tables(lot, path);
            const QJsonArray sites = rowsOf(all, "map_sites");
            QCOMPARE(sites.size(), 1);
            QJsonArray bretenoux = sites[0].toArray();
            QVERIFY(bretenoux.last().isString());
            bretenoux.removeLast();
            QCOMPARE(bretenoux,
                     (QJsonArray{QStringLiteral("46-bretenoux"), QStringLiteral("46-bretenoux"),
                                 QStringLiteral("Cère et Dordogne"), QStringLiteral("46038"),
                                 44.9147, 1.8386, 39, 0, QJsonValue()}));
            QCOMPARE(rowsOf(all, "map_communes"),
                     (QJsonArray{QJsonArray{QStringLiteral("46038"), QStringLiteral("Bretenoux"),
                                            1468, 1, 39, 26.6}}));
        }
        // The CARSAT's partner: its help only (14 of the 39), 9.5 per 1,000 inhabitants.
        const QJsonObject mine = tables(carsat, week);
        QCOMPARE(rowsOf(mine, "map_sites")[0][6].toInteger(), 14);
        QCOMPARE(rowsOf(mine, "map_communes"),
                 (QJsonArray{QJsonArray{QStringLiteral("46038"), QStringLiteral("Bretenoux"), 1468,
                                        1, 14, 9.5}}));
        // Bouriane's partner: Bretenoux is outside its territory.
        const QJsonObject theirs = tables(bouriane, week);
        QVERIFY(theirs.contains(QStringLiteral("map_sites")));
        QCOMPARE(rowsOf(theirs, "map_sites"), QJsonArray());
        QCOMPARE(rowsOf(theirs, "map_communes"), QJsonArray());
        // The CSV export, as every table's.
        const Reply csv =
            lot.get(QStringLiteral("/dashboard/api/csv/map_communes.csv?from=2026-W20&"
                                   "to=2026-W20"));
        QCOMPARE(csv.status, 200);
        QVERIFY2(csv.body.endsWith("\r\n46038,Bretenoux,1468,1,39,26.6\r\n"), csv.body.constData());
    }

    // Sessions belong to sites: a partner limited to an agency gets none of their exact figures
    // (they would undo the open data's hidden cells), only where they are published.
    void agencyPartnerGetsNoExactSessionFigures()
    {
        const QString site = QStringLiteral("46-bretenoux");
        QJsonArray sessions;
        for (int i = 0; i < 3; ++i)
            sessions << sessionEnded(site, QStringLiteral("finished"), QStringLiteral("mediator"));
        sessions << callEnded(site, QStringLiteral("carsat"));
        QCOMPARE(send(m_kiosk, sessions), QStringList(4, QStringLiteral("stored")));
        const QString query = QStringLiteral("/dashboard/api/tables?from=2026-W40&to=2026-W52");
        PartnerSession lot(*m_server,
                           Partner{QStringLiteral("lot-sessions"), QStringLiteral("Lot"), {}, {}});
        PartnerSession carsat(*m_server, Partner{QStringLiteral("carsat-sessions"),
                                                 QStringLiteral("CARSAT"),
                                                 {QStringLiteral("carsat")},
                                                 {}});
        QVERIFY(lot.loggedIn() && carsat.loggedIn());
        const QJsonObject all = lot.get(query).json()[QStringLiteral("tables")].toObject();
        const QJsonObject mine = carsat.get(query).json()[QStringLiteral("tables")].toObject();
        for (const char *id : {"persons", "persons_by_site", "autonomy", "session_ends"}) {
            const QJsonObject everyone = all[QLatin1String(id)].toObject();
            const QJsonObject agency = mine[QLatin1String(id)].toObject();
            QVERIFY2(!everyone[QStringLiteral("rows")].toArray().isEmpty(), id);
            QVERIFY2(agency[QStringLiteral("rows")].toArray().isEmpty(), id);
            QVERIFY2(agency[QStringLiteral("note")].toString().contains(
                         QStringLiteral("données ouvertes")),
                     id);
        }
        const Reply csv = carsat.get(QStringLiteral("/dashboard/api/csv/autonomy.csv"));
        QCOMPARE(csv.status, 200);
        QCOMPARE(csv.body.count("\r\n"), 1); // the header only
        // Its own agency's figures stay exact.
        QVERIFY(!mine[QStringLiteral("calls")][QStringLiteral("rows")].toArray().isEmpty());
    }

    void weekQuestionsAreChecked()
    {
        HttpsClient kiosk = m_server->client(m_kiosk);
        Reply reply = kiosk.get(QStringLiteral("/v1/weeks/2025-W53"));
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(QStringLiteral("field")).toString(), QStringLiteral("week"));
        QCOMPARE(kiosk.get(QStringLiteral("/v1/weeks/2026-W47/x")).status, 400);
        QCOMPARE(kiosk.post(QStringLiteral("/v1/weeks/2026-W47"), "{}").status, 405);
        HttpsClient anonymous = m_server->client();
        reply = anonymous.get(QStringLiteral("/v1/weeks/2026-W47"));
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("client_certificate_required"));
    }

    void malformedBatchChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const QString okRecord = QString::fromUtf8(
            compact(callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("caf"))));
        QTest::newRow("not json") << QByteArray("{\"api\":1,") << QString();
        QTest::newRow("empty body") << QByteArray() << QString();
        QTest::newRow("array at the top") << QByteArray("[]") << QString();
        QTest::newRow("invalid utf-8") << withBody("{\"type\":\"x\xff\xfe\"}") << QString();
        QTest::newRow("api missing") << QByteArray("{\"records\":[]}") << QStringLiteral("api");
        QTest::newRow("unknown api version")
            << QByteArray("{\"api\":2,\"records\":[]}") << QStringLiteral("api");
        QTest::newRow("api as a string")
            << QByteArray("{\"api\":\"1\",\"records\":[]}") << QStringLiteral("api");
        QTest::newRow("records not an array")
            << QByteArray("{\"api\":1,\"records\":{}}") << QStringLiteral("records");
        QTest::newRow("no records")
            << QByteArray("{\"api\":1,\"records\":[]}") << QStringLiteral("records");
        QTest::newRow("unknown top key")
            << QByteArray("{\"api\":1,\"records\":[],\"x\":1}") << QStringLiteral("x");
        QTest::newRow("record not an object")
            << withRecord(QStringLiteral("42")) << QStringLiteral("records[0]");
        QTest::newRow("id missing") << withRecord(QStringLiteral("{\"kind\":\"heartbeat\"}"))
                                    << QStringLiteral("records[0].id");
        QTest::newRow("id not a uuid")
            << QByteArray(
                   withBody(QStringLiteral("{\"type\":\"x\"}")).replace("5f0c1c7e-8a0b", "zz"))
            << QStringLiteral("records[0].id");
        QTest::newRow("id upper case")
            << QByteArray(
                   withBody(QStringLiteral("{\"type\":\"x\"}")).replace("5f0c1c7e", "5F0C1C7E"))
            << QStringLiteral("records[0].id");
        QTest::newRow("unknown kind")
            << QByteArray(
                   withBody(QStringLiteral("{\"type\":\"x\"}")).replace("journal_event", "photo"))
            << QStringLiteral("records[0].kind");
        QTest::newRow("site as a number")
            << QByteArray(
                   withBody(QStringLiteral("{\"type\":\"x\"}")).replace("\"46-bretenoux\"", "46"))
            << QStringLiteral("records[0].site");
        QTest::newRow("created_at not UTC")
            << QByteArray(withBody(QStringLiteral("{\"type\":\"x\"}")).replace("03Z", "03+01:00"))
            << QStringLiteral("records[0].created_at");
        QTest::newRow("created_at impossible")
            << QByteArray(withBody(QStringLiteral("{\"type\":\"x\"}")).replace("11-20", "13-45"))
            << QStringLiteral("records[0].created_at");
        QTest::newRow("body not an object")
            << withBody(QStringLiteral("[]")) << QStringLiteral("records[0].body");
        QTest::newRow("unknown body key")
            << withBody(QStringLiteral("{\"type\":\"x\",\"name\":\"Jean\"}"))
            << QStringLiteral("records[0].body.name");
        QTest::newRow("huge string")
            << withBody(QStringLiteral("{\"type\":\"%1\"}").arg(QString(200000, u'a')))
            << QStringLiteral("records[0].body.type");
        QTest::newRow("call without outcome")
            << withBody(
                   QStringLiteral("{\"type\":\"call_ended\",\"agency\":\"caf\",\"duration_s\":3}"))
            << QStringLiteral("records[0].body.outcome");
        QTest::newRow("unknown outcome")
            << withBody(
                   QStringLiteral("{\"type\":\"call_ended\",\"agency\":\"caf\",\"outcome\":\"meh\","
                                  "\"duration_s\":3}"))
            << QStringLiteral("records[0].body.outcome");
        QTest::newRow("negative duration")
            << withBody(QStringLiteral("{\"type\":\"call_ended\",\"agency\":\"caf\",\"outcome\":"
                                       "\"answered\",\"duration_s\":-1}"))
            << QStringLiteral("records[0].body.duration_s");
        QTest::newRow("fractional duration")
            << withBody(QStringLiteral("{\"type\":\"call_ended\",\"agency\":\"caf\",\"outcome\":"
                                       "\"answered\",\"duration_s\":1.5}"))
            << QStringLiteral("records[0].body.duration_s");
        // The journey: its fields' shapes and what each event needs. A shape wrong is a
        // malformed batch; a well-shaped word this server does not know is not (above).
        auto event = [](const char *json) { return withBody(QString::fromUtf8(json)); };
        QTest::newRow("session id sent")
            << event(R"({"type":"session_ended","end":"finished","autonomy":"none",)"
                     R"("duration_s":3,"session":"9b2f6c1e-0d4a-4e7b-8c3f-5a6b7c8d9e0f"})")
            << QStringLiteral("records[0].body.session");
        QTest::newRow("session_ended without end")
            << event(R"({"type":"session_ended","autonomy":"none","duration_s":3})")
            << QStringLiteral("records[0].body.end");
        QTest::newRow("session_ended without autonomy")
            << event(R"({"type":"session_ended","end":"idle","duration_s":3})")
            << QStringLiteral("records[0].body.autonomy");
        QTest::newRow("session_ended without length")
            << event(R"({"type":"session_ended","end":"idle","autonomy":"none"})")
            << QStringLiteral("records[0].body.duration_s");
        QTest::newRow("session too long")
            << event(R"({"type":"session_ended","end":"idle","autonomy":"none",)"
                     R"("duration_s":86401})")
            << QStringLiteral("records[0].body.duration_s");
        QTest::newRow("end not a code")
            << event(R"({"type":"session_ended","end":"Fini !","autonomy":"none",)"
                     R"("duration_s":3})")
            << QStringLiteral("records[0].body.end");
        QTest::newRow("autonomy as a number")
            << event(R"({"type":"session_ended","end":"idle","autonomy":2,"duration_s":3})")
            << QStringLiteral("records[0].body.autonomy");
        QTest::newRow("abandoned without screen")
            << event(R"({"type":"session_ended","end":"abandoned","autonomy":"none",)"
                     R"("duration_s":3})")
            << QStringLiteral("records[0].body.screen");
        QTest::newRow("screen of a finished session")
            << event(R"({"type":"session_ended","end":"finished","autonomy":"none",)"
                     R"("duration_s":3,"screen":"online"})")
            << QStringLiteral("records[0].body.screen");
        QTest::newRow("autonomy on another event")
            << event(R"({"type":"agency_chosen","agency":"caf","autonomy":"none"})")
            << QStringLiteral("records[0].body.autonomy");
        QTest::newRow("agency_chosen without agency")
            << event(R"({"type":"agency_chosen"})") << QStringLiteral("records[0].body.agency");
        QTest::newRow("procedure_opened without procedure")
            << event(R"({"type":"procedure_opened","agency":"caf"})")
            << QStringLiteral("records[0].body.procedure");
        QTest::newRow("procedure not an id")
            << event(R"({"type":"procedure_opened","agency":"caf","procedure":"Ma démarche"})")
            << QStringLiteral("records[0].body.procedure");
        QTest::newRow("help without step")
            << event(R"({"type":"guide_help_requested","agency":"caf",)"
                     R"("procedure":"caf-attestation-paiement"})")
            << QStringLiteral("records[0].body.step");
        QTest::newRow("help at step 0")
            << event(R"({"type":"guide_help_requested","agency":"caf",)"
                     R"("procedure":"caf-attestation-paiement","step":0})")
            << QStringLiteral("records[0].body.step");
        QTest::newRow("help past the last step")
            << event(R"({"type":"guide_help_requested","agency":"caf",)"
                     R"("procedure":"caf-attestation-paiement","step":13})")
            << QStringLiteral("records[0].body.step");
        QTest::newRow("step as text")
            << event(R"({"type":"guide_help_requested","agency":"caf",)"
                     R"("procedure":"caf-attestation-paiement","step":"3"})")
            << QStringLiteral("records[0].body.step");
        const QString survey =
            QString::fromUtf8(compact(gridResponse(QStringLiteral("46-bretenoux"))));
        auto surveyWith = [&](const QString &from, const QString &to) {
            return withRecord(QString(survey).replace(from, to));
        };
        QTest::newRow("week 54") << surveyWith(QStringLiteral("2026-W47"),
                                               QStringLiteral("2026-W54"))
                                 << QStringLiteral("records[0].body.week");
        QTest::newRow("week 53 of a 52-week year")
            << surveyWith(QStringLiteral("2026-W47"), QStringLiteral("2025-W53"))
            << QStringLiteral("records[0].body.week");
        QTest::newRow("visio without agency")
            << surveyWith(QStringLiteral("\"agency\":\"carsat\","), QString())
            << QStringLiteral("records[0].body.channel.agency");
        QTest::newRow("unknown channel")
            << surveyWith(QStringLiteral("\"visio\""), QStringLiteral("\"phone\""))
            << QStringLiteral("records[0].body.channel.type");
        QTest::newRow("partial not a boolean")
            << surveyWith(QStringLiteral("\"partial\":false"), QStringLiteral("\"partial\":0"))
            << QStringLiteral("records[0].body.partial");
        QTest::newRow("answer out of scale")
            << surveyWith(QStringLiteral("\"note\":9"), QStringLiteral("\"note\":11"))
            << QStringLiteral("records[0].body.answers.note");
        QTest::newRow("answer fractional")
            << surveyWith(QStringLiteral("\"note\":9"), QStringLiteral("\"note\":9.5"))
            << QStringLiteral("records[0].body.answers.note");
        QTest::newRow("free text answer")
            << surveyWith(QStringLiteral("\"tres-satisfait\""),
                          QStringLiteral("\"Très bien, merci Mme Durand\""))
            << QStringLiteral("records[0].body.answers.critere-accueil");
        const QString report =
            QString::fromUtf8(compact(weeklyReport(QStringLiteral("46-bretenoux"), 1, {}, 3)));
        auto reportWith = [&](const QString &from, const QString &to) {
            return withRecord(QString(report).replace(from, to));
        };
        QTest::newRow("version 2 without replaces")
            << reportWith(QStringLiteral("\"version\":1"), QStringLiteral("\"version\":2"))
            << QStringLiteral("records[0].body.replaces");
        QTest::newRow("replaces missing")
            << reportWith(QStringLiteral("\"replaces\":null,"), QString())
            << QStringLiteral("records[0].body.replaces");
        QTest::newRow("unknown help")
            << reportWith(QStringLiteral("\"information\""), QStringLiteral("\"coffee\""))
            << QStringLiteral("records[0].body.rows[0].help");
        QTest::newRow("negative count")
            << reportWith(QStringLiteral("\"count\":3"), QStringLiteral("\"count\":-3"))
            << QStringLiteral("records[0].body.rows[0].count");
        QTest::newRow("count as a string")
            << reportWith(QStringLiteral("\"count\":3"), QStringLiteral("\"count\":\"3\""))
            << QStringLiteral("records[0].body.rows[0].count");
        QTest::newRow("unknown day")
            << reportWith(QStringLiteral("\"mon\""), QStringLiteral("\"lundi\""))
            << QStringLiteral("records[0].body.rows[0].day");
        QTest::newRow("repeated row")
            << reportWith(QStringLiteral("\"video_call\""), QStringLiteral("\"information\""))
                   .replace("\"carsat\",\"count\":2,\"day\":\"tue\"",
                            "\"caf\",\"count\":2,\"day\":\"mon\"")
            << QStringLiteral("records[0].body.rows[1]");
        QTest::newRow("report counts of an unknown kind")
            << reportWith(QStringLiteral("\"replaces\":null,"),
                          QStringLiteral("\"replaces\":null,\"counts\":\"kiosk\","))
            << QStringLiteral("records[0].body.counts");
        const QString counts = QString::fromUtf8(
            compact(kioskCounts(QStringLiteral("2026-W47"), 1,
                                {countRow(QStringLiteral("information"), QStringLiteral("caf"),
                                          QStringLiteral("mon"), 3)})));
        auto countsWith = [&](const QString &from, const QString &to) {
            return withRecord(QString(counts).replace(from, to));
        };
        QTest::newRow("counts sequence 0")
            << countsWith(QStringLiteral("\"sequence\":1"), QStringLiteral("\"sequence\":0"))
            << QStringLiteral("records[0].body.sequence");
        QTest::newRow("counts without sequence")
            << countsWith(QStringLiteral("\"sequence\":1,"), QString())
            << QStringLiteral("records[0].body.sequence");
        QTest::newRow("counts with a version")
            << countsWith(QStringLiteral("\"sequence\":1"),
                          QStringLiteral("\"sequence\":1,\"version\":1"))
            << QStringLiteral("records[0].body.version");
        QTest::newRow("counts row without a day")
            << countsWith(QStringLiteral(",\"day\":\"mon\""), QString())
            << QStringLiteral("records[0].body.rows[0].day");
        QTest::newRow("bad peripheral state")
            << withRecord(
                   QString::fromUtf8(compact(heartbeat(QStringLiteral("46-bretenoux"))))
                       .replace(QStringLiteral("\"missing\""), QStringLiteral("\"on fire\"")))
            << QStringLiteral("records[0].body.peripherals.printer");
        QTest::newRow("a good record then a bad one")
            << QByteArray("{\"api\":1,\"records\":[" + okRecord.toUtf8() + ",{\"id\":1}]}")
            << QStringLiteral("records[1].id");
        QJsonArray many;
        for (int i = 0; i < 1001; ++i)
            many.append(callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("caf")));
        QTest::newRow("too many records") << compact(batch(many)) << QStringLiteral("records");
    }

    void malformedBatchChangesNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const QByteArray before = storeSnapshot(m_server->database());
        HttpsClient kiosk = m_server->client(m_kiosk);
        const Reply reply = kiosk.post(QStringLiteral("/v1/records"), body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("malformed"));
        if (!field.isEmpty())
            QCOMPARE(reply.json().value(QStringLiteral("field")).toString(), field);
        QVERIFY(!reply.json().value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(storeSnapshot(m_server->database()), before);
        QVERIFY(m_server->running());
    }

    void brokenRequestsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("garbage") << QByteArray("HELLO\r\n\r\n") << 400;
        QTest::newRow("bad version") << QByteArray("GET / HTTP/9\r\n\r\n") << 400;
        QTest::newRow("header without colon")
            << QByteArray("POST /v1/records HTTP/1.1\r\nContent-Length 4\r\n\r\n{}{}") << 400;
        QTest::newRow("length not a number")
            << QByteArray("POST /v1/records HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n") << 400;
        QTest::newRow("no length")
            << QByteArray("POST /v1/records HTTP/1.1\r\nHost: x\r\n\r\n") << 411;
        QTest::newRow("chunked")
            << QByteArray(
                   "POST /v1/records HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
            << 501;
        QTest::newRow("oversized body announced")
            << QByteArray("POST /v1/records HTTP/1.1\r\nContent-Type: application/json\r\n"
                          "Content-Length: 9000000\r\n\r\n{")
            << 413;
        QTest::newRow("huge head")
            << QByteArray("GET / HTTP/1.1\r\nX-Filler: " + QByteArray(40000, 'x') + "\r\n\r\n")
            << 431;
        QTest::newRow("not json") << QByteArray(
                                         "POST /v1/records HTTP/1.1\r\nContent-Type: text/plain\r\n"
                                         "Content-Length: 2\r\n\r\n{}")
                                  << 415;
    }

    void brokenRequestsAreRefused()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        const QByteArray before = storeSnapshot(m_server->database());
        HttpsClient kiosk = m_server->client(m_kiosk);
        QCOMPARE(kiosk.raw(request).status, status);
        QCOMPARE(storeSnapshot(m_server->database()), before);
        // The server is still there for the next kiosk.
        HttpsClient next = m_server->client(m_kiosk);
        QCOMPARE(next.get(QStringLiteral("/v1/enroll/cacerts")).status, 200);
    }

    void oversizedBodySentWholeIsRefused()
    {
        const QByteArray before = storeSnapshot(m_server->database());
        QJsonArray many;
        const QJsonObject big = callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("caf"));
        QByteArray body = "{\"api\":1,\"records\":[";
        while (body.size() < 9 * 1024 * 1024)
            body += compact(big) + ',';
        body.chop(1);
        body += "]}";
        HttpsClient kiosk = m_server->client(m_kiosk);
        QCOMPARE(kiosk.post(QStringLiteral("/v1/records"), body).status, 413);
        QCOMPARE(storeSnapshot(m_server->database()), before);
        QVERIFY(m_server->running());
    }

    void silentClientDoesNotHoldUpOthers()
    {
        HttpsClient slow = m_server->client(m_kiosk);
        QVERIFY(slow.connect());
        slow.socket()->write("POST /v1/records HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"api\"");
        slow.socket()->flush();
        HttpsClient other = m_server->client(m_kiosk);
        const Reply reply = other.postJson(
            QStringLiteral("/v1/records"),
            batch({callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("caf"))}));
        QCOMPARE(reply.status, 200);
    }
};

QTEST_GUILESS_MAIN(TestIngest)
#include "tst_observatory_ingest.moc"
