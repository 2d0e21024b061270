// SPDX-License-Identifier: EUPL-1.2
// The sync's core without a network: what each answer of the observatory does to the outbox,
// the backoff schedule, the records as the observatory's own parser reads them, and the
// mediator's words.
#include "indicators/surveycatalog.h"
#include "ingest/batchparser.h"
#include "journal.h"
#include "jsonfields.h"
#include "kioskschema.h"
#include "scriptedtransport.h"
#include "store/store.h"
#include "survey/surveylibrary.h"
#include "survey/surveyresponses.h"
#include "sync/apicounts.h"
#include "sync/apirecord.h"
#include "sync/backoff.h"
#include "sync/heartbeat.h"
#include "sync/siteweekclient.h"
#include "sync/syncengine.h"
#include "sync/syncstatus.h"

#include <QTemporaryDir>
#include <QTest>

using namespace relais;
using relais::test::ScriptedTransport;

class TestSyncEngine : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    std::unique_ptr<Database> freshStore()
    {
        return Database::open(m_dir.filePath(QStringLiteral("k%1.sqlite").arg(++m_n)),
                              kioskMigrations());
    }
    static void fill(Database &db, int count)
    {
        Journal journal(db, QStringLiteral("46-bretenoux"));
        for (int i = 0; i < count; ++i)
            journal.append(QStringLiteral("agency_chosen"), {{QStringLiteral("agency"), "caf"}});
    }
    static qint64 count(Database &db, const char *sql)
    {
        Statement q = db.prepare(sql);
        return q.step() ? q.integer(0) : -1;
    }

private slots:
    void storedAndAlreadyStoredLeaveTheOutbox()
    {
        auto db = freshStore();
        fill(*db, 7);
        SyncLedger ledger(*db);
        ScriptedTransport net;
        int round = 0;
        net.answer = [&](const QJsonObject &batch) {
            return ScriptedTransport::allAre(
                batch, ++round == 1 ? QStringLiteral("stored") : QStringLiteral("already_stored"));
        };
        SyncEngine engine(ledger, net, 4);
        QCOMPARE(engine.sendBatch().settled, 4);
        QCOMPARE(ledger.snapshot().pending, 3);
        QCOMPARE(engine.sendBatch().settled, 3);
        const SyncSnapshot s = ledger.snapshot();
        QCOMPARE(s.pending, 0);
        QCOMPARE(s.setAside, 0);
        QVERIFY(!s.lastSuccessAt.isEmpty());
        QCOMPARE(engine.sendBatch().sent, 0); // nothing left: no request at all
        QCOMPARE(net.sent.size(), 2);
    }

    void conflictsAndRejectionsAreSetAsideNotResent()
    {
        auto db = freshStore();
        fill(*db, 4);
        SyncLedger ledger(*db);
        ScriptedTransport net;
        net.answer = [](const QJsonObject &batch) {
            const QJsonArray records = batch[QStringLiteral("records")].toArray();
            const QStringList results = {QStringLiteral("stored"), QStringLiteral("conflict"),
                                         QStringLiteral("rejected"),
                                         QStringLiteral("already_stored")};
            QJsonArray out;
            for (int i = 0; i < records.size(); ++i)
                out.append(QJsonObject{
                    {QStringLiteral("id"), records[i][QStringLiteral("id")]},
                    {QStringLiteral("result"), results[i]},
                    {QStringLiteral("reason"),
                     i == 2 ? QStringLiteral("unknown_answer") : QStringLiteral("id_taken")},
                    {QStringLiteral("detail"), i == 2 ? QStringLiteral("question \"accueil\": "
                                                                       "\"ravi\" is not one of …")
                                                      : QString()}});
            return TransportReply{200,
                                  QJsonDocument(QJsonObject{{"results", out}}).toJson(),
                                  TransportReply::Failure::None,
                                  {}};
        };
        SyncEngine engine(ledger, net);
        QCOMPARE(engine.sendBatch().settled, 4);
        QCOMPARE(ledger.snapshot().pending, 0);
        const auto aside = ledger.setAside();
        QCOMPARE(aside.size(), 2);
        QStringList kinds{aside[0].result, aside[1].result};
        kinds.sort();
        QCOMPARE(kinds, (QStringList{QStringLiteral("conflict"), QStringLiteral("rejected")}));
        // What the observatory said, for a person to read.
        for (const auto &record : aside)
            QCOMPARE(record.reason, record.result == QLatin1String("rejected")
                                        ? QStringLiteral("unknown_answer: question \"accueil\": "
                                                         "\"ravi\" is not one of …")
                                        : QStringLiteral("id_taken"));
        QCOMPARE(engine.sendBatch().sent, 0); // never retried blindly
        // Kept whole, as recorded: the body is still there for a person to look at.
        QCOMPARE(count(*db, "SELECT count(*) FROM outbox_aside WHERE json_valid(body)"), 2);
    }

    void unusableAnswersChangeNothing_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("failure"); // TransportReply::Failure
        QTest::addColumn<QString>("code");
        using F = TransportReply::Failure;
        QTest::newRow("no answer") << 0 << QByteArray() << int(F::Unreachable) << "unreachable";
        QTest::newRow("timeout") << 0 << QByteArray() << int(F::Timeout) << "timeout";
        QTest::newRow("cut") << 0 << QByteArray() << int(F::Cut) << "unreachable";
        QTest::newRow("tls") << 0 << QByteArray() << int(F::TlsRefused) << "tls_refused";
        QTest::newRow("500") << 500 << QByteArray("oops") << int(F::None) << "server_error";
        QTest::newRow("401") << 401 << QByteArray(R"({"error":"client_certificate_refused"})")
                             << int(F::None) << "certificate_refused";
        QTest::newRow("403") << 403 << QByteArray(R"({"error":"device_revoked"})") << int(F::None)
                             << "revoked";
        // Not a raw string: Qt 6.4's moc loses the class after a raw string ending in a quote.
        QTest::newRow("truncated") << 200 << QByteArray("{\"api\":1,\"results\":[{\"id\":\"")
                                   << int(F::None) << "bad_answer";
        QTest::newRow("not json") << 200 << QByteArray("<html>") << int(F::None) << "bad_answer";
        QTest::newRow("too few") << 200 << QByteArray(R"({"api":1,"results":[]})") << int(F::None)
                                 << "bad_answer";
        QTest::newRow("400 api") << 400 << QByteArray(R"({"error":"malformed","field":"api"})")
                                 << int(F::None) << "bad_answer";
    }
    void unusableAnswersChangeNothing()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, failure);
        QFETCH(QString, code);
        auto db = freshStore();
        fill(*db, 3);
        SyncLedger ledger(*db);
        ScriptedTransport net;
        net.answer = [&](const QJsonObject &) {
            return TransportReply{status, body, TransportReply::Failure(failure), {}};
        };
        SyncEngine engine(ledger, net);
        const SyncEngine::Round round = engine.sendBatch();
        QCOMPARE(round.failure, code);
        QCOMPARE(round.settled, 0);
        const SyncSnapshot s = ledger.snapshot();
        QCOMPARE(s.pending, 3);
        QCOMPARE(s.setAside, 0);
        QCOMPARE(s.lastFailure, code);
        QCOMPARE(s.failures, 1);
    }

    void answersForOtherIdsRemoveNothing()
    {
        auto db = freshStore();
        fill(*db, 3);
        SyncLedger ledger(*db);
        ScriptedTransport net;
        net.answer = [](QJsonObject batch) {
            QJsonArray records = batch[QStringLiteral("records")].toArray();
            QJsonObject first = records[0].toObject();
            first[QStringLiteral("id")] = QStringLiteral("00000000-0000-4000-8000-000000000000");
            records[0] = first;
            batch[QStringLiteral("records")] = records;
            return ScriptedTransport::allAre(batch, QStringLiteral("stored"));
        };
        SyncEngine engine(ledger, net);
        QCOMPARE(engine.sendBatch().failure, QStringLiteral("bad_answer"));
        QCOMPARE(ledger.snapshot().pending, 3);
        // The same ids in another order are not trusted either.
        net.answer = [](QJsonObject batch) {
            QJsonArray records = batch[QStringLiteral("records")].toArray();
            const QJsonValue first = records[0];
            records[0] = records[1];
            records[1] = first;
            batch[QStringLiteral("records")] = records;
            return ScriptedTransport::allAre(batch, QStringLiteral("stored"));
        };
        QCOMPARE(engine.sendBatch().failure, QStringLiteral("bad_answer"));
        QCOMPARE(ledger.snapshot().pending, 3);
    }

    void aMalformedRecordIsSetAsideAndTheRestGoes()
    {
        auto db = freshStore();
        fill(*db, 3);
        SyncLedger ledger(*db);
        ScriptedTransport net;
        net.answer = [](const QJsonObject &batch) {
            if (batch[QStringLiteral("records")].toArray().size() == 3)
                return TransportReply{
                    400,
                    R"({"error":"malformed","field":"records[1].body.agency","message":"x"})",
                    TransportReply::Failure::None,
                    {}};
            return ScriptedTransport::allAre(batch, QStringLiteral("stored"));
        };
        SyncEngine engine(ledger, net);
        const QString second = ledger.nextBatch(3).at(1).id;
        QCOMPARE(engine.sendBatch().settled, 1);
        QCOMPARE(ledger.setAside().size(), 1);
        QCOMPARE(ledger.setAside().at(0).id, second);
        QCOMPARE(ledger.setAside().at(0).result, QStringLiteral("malformed"));
        QCOMPARE(engine.sendBatch().settled, 2);
        QCOMPARE(ledger.snapshot().pending, 0);
    }

    void successClearsTheFailure()
    {
        auto db = freshStore();
        fill(*db, 1);
        SyncLedger ledger(*db);
        ledger.noteFailure(QStringLiteral("unreachable"));
        ledger.noteFailure(QStringLiteral("unreachable"));
        QCOMPARE(ledger.snapshot().failures, 2);
        ScriptedTransport net;
        net.answer = [](const QJsonObject &b) {
            return ScriptedTransport::allAre(b, QStringLiteral("stored"));
        };
        SyncEngine(ledger, net).sendBatch();
        QCOMPARE(ledger.snapshot().failures, 0);
        QCOMPARE(ledger.snapshot().lastFailure, QString());
    }

    void backoffDoublesFromOneMinuteToOneHour()
    {
        double u = 0.0;
        Backoff backoff({}, [&] { return u; });
        QCOMPARE(backoff.failed(0), 60000); // the first wait is the minute itself
        QCOMPARE(backoff.failed(0), 96000); // 0.8 × 2 min
        u = 0.999999;
        QVERIFY(qAbs(backoff.failed(0) - 240000) < 2); // just under 4 min
        u = 0.5;
        QCOMPARE(backoff.failed(1000), 1000 + 432000); // 0.9 × 8 min, from `now`
        for (int i = 0; i < 20; ++i)
            backoff.failed(0);
        QCOMPARE(backoff.ceiling(backoff.failures()), 3600000);
        QCOMPARE(backoff.failed(0), 3240000); // 0.9 × 1 h: never beyond the hour
        backoff.succeeded();
        QCOMPARE(backoff.failed(0), 60000); // an answer starts the schedule again
        // The jitter spreads kiosks over the upper fifth of each step.
        Backoff real;
        real.failed(0);
        QSet<qint64> seen;
        for (int i = 0; i < 50; ++i) {
            Backoff b;
            b.failed(0);
            const qint64 second = b.failed(0);
            QVERIFY(second >= 96000 && second < 120000);
            seen.insert(second);
        }
        QVERIFY(seen.size() > 10);
    }

    void recordsAreWhatTheObservatoryReads_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QJsonObject>("expected");
        auto o = [](const char *json) { return QJsonDocument::fromJson(json).object(); };
        QTest::newRow("session_ended")
            << "journal_event"
            << o(R"({"type":"session_ended","boot_id":"b","mono_ms":5,"payload":{"session":
                 "9b2f6c1e-0d4a-4e7b-8c3f-5a6b7c8d9e0f","reason":"idle","duration_s":93,
                 "after_idle_warning":true,"end":"abandoned","screen":"online",
                 "autonomy":"mediator"}})")
            << o(R"({"type":"session_ended","end":"abandoned","screen":"online",
                 "autonomy":"mediator","duration_s":93})");
        QTest::newRow("procedure_opened")
            << "journal_event"
            << o(R"({"type":"procedure_opened","boot_id":"b","mono_ms":5,"payload":{"session":"s",
                 "agency":"caf","procedure":"caf-attestation-paiement"}})")
            << o(R"({"type":"procedure_opened","agency":"caf",
                 "procedure":"caf-attestation-paiement"})");
        QTest::newRow("guide_help_requested")
            << "journal_event"
            << o(R"({"type":"guide_help_requested","boot_id":"b","mono_ms":5,"payload":{
                 "session":"s","agency":"dgfip","procedure":"dgfip-declarer-revenus","step":4}})")
            << o(R"({"type":"guide_help_requested","agency":"dgfip",
                 "procedure":"dgfip-declarer-revenus","step":4})");
        QTest::newRow("call_ended unanswered")
            << "journal_event"
            << o(R"({"type":"call_ended","boot_id":"b","mono_ms":5,"payload":{"session":"s",
                 "agency":"caf","outcome":"unanswered"}})")
            << o(R"({"type":"call_ended","agency":"caf","outcome":"unanswered","duration_s":0})");
        QTest::newRow("weekly report, desk only")
            << "weekly_report" << o(R"({"site":"46-bretenoux","iso_week":"2026-W47","version":1,
                 "replaces":null,"counts":"desk","rows":[
                 {"kind":"visio","agency":"caf","date":"2026-11-17","desk":1},
                 {"kind":"mediator","agency":null,"date":"2026-11-18","desk":3},
                 {"kind":"information","agency":null,"date":"2026-11-18","desk":2}]})")
            << o(R"({"week":"2026-W47","version":1,"replaces":null,"counts":"desk",
                 "closed_at":"2026-11-23T17:00:00.000Z","rows":[
                 {"help":"information","agency":"none","day":"wed","count":5},
                 {"help":"video_call","agency":"caf","day":"tue","count":1}]})");
        QTest::newRow("kiosk counts")
            << "kiosk_counts" << o(R"({"site":"46-bretenoux","iso_week":"2026-W47","sequence":4,
                 "rows":[
                 {"kind":"visio","agency":"caf","date":"2026-11-17","count":2},
                 {"kind":"online","agency":"cpam","date":"2026-11-17","count":1},
                 {"kind":"mediator","agency":null,"date":"2026-11-18","count":1},
                 {"kind":"internet","agency":null,"date":"2026-11-22","count":3}]})")
            << o(R"({"week":"2026-W47","sequence":4,"rows":[
                 {"help":"information","agency":"none","day":"wed","count":1},
                 {"help":"internet_access","agency":"none","day":"sun","count":3},
                 {"help":"online_procedure","agency":"cpam","day":"tue","count":1},
                 {"help":"video_call","agency":"caf","day":"tue","count":2}]})");
        // Made before kiosk_counts (still in an outbox when the kiosk is updated): this kiosk's
        // counts and the desk's, summed, without `counts`.
        QTest::newRow("weekly report from before kiosk counts")
            << "weekly_report" << o(R"({"site":"46-bretenoux","iso_week":"2026-W47","version":2,
                 "replaces":"6f1c2d43-8e0a-4c51-9a51-0b7b3f0c7a10","rows":[
                 {"kind":"visio","agency":"caf","date":"2026-11-17","automatic":2,"desk":1},
                 {"kind":"mediator","agency":null,"date":"2026-11-18","automatic":1,"desk":3},
                 {"kind":"information","agency":null,"date":"2026-11-18","automatic":0,"desk":2},
                 {"kind":"print","agency":null,"date":"2026-11-22","automatic":4,"desk":0}]})")
            << o(R"({"week":"2026-W47","version":2,"replaces":"6f1c2d43-8e0a-4c51-9a51-0b7b3f0c7a10",
                 "closed_at":"2026-11-23T17:00:00.000Z","rows":[
                 {"help":"information","agency":"none","day":"wed","count":6},
                 {"help":"print_scan","agency":"none","day":"sun","count":4},
                 {"help":"video_call","agency":"caf","day":"tue","count":3}]})");
    }
    void recordsAreWhatTheObservatoryReads()
    {
        QFETCH(QString, kind);
        QFETCH(QJsonObject, body);
        QFETCH(QJsonObject, expected);
        const OutboxRecord record{QStringLiteral("0b5e4a52-3f7c-4d6e-9a1b-2c3d4e5f6a7b"), kind,
                                  QStringLiteral("46-bretenoux"),
                                  QStringLiteral("2026-11-23T17:00:00.000Z"), body};
        const QJsonObject api = apiRecord(record, {QStringLiteral("satisfaction-visite/remarque")});
        QCOMPARE(api.value(QStringLiteral("body")).toObject(), expected);
        try {
            observatory::parseRecord(api, QStringLiteral("records[0]"));
        } catch (const json::FieldError &error) {
            QFAIL(qPrintable(error.field + QLatin1Char(' ') + error.problem));
        }
        // Always the same bytes for the same record: a resend is "already stored".
        QCOMPARE(QJsonDocument(apiRecord(record, {QStringLiteral("satisfaction-visite/remarque")}))
                     .toJson(),
                 QJsonDocument(api).toJson());
    }

    // A response as the kiosk really makes it (its survey store, its outbox, the sync's record)
    // is read by the observatory's own parser and fits the observatory's own copy of the
    // definition: the definition's codes, yes as its word, one key per option chosen, nothing
    // for a skipped question or free text.
    void surveyRecordsAreWhatTheObservatoryReads()
    {
        auto db = freshStore();
        const SurveyLibrary library = SurveyLibrary::shipped();
        const SurveyDefinition &visit = *library.find(QStringLiteral("satisfaction-visite"));
        SurveyResponses responses(*db, QStringLiteral("46-bretenoux"),
                                  QTimeZone(QByteArrayLiteral("Europe/Paris")));
        const QString id =
            responses.begin(visit, {QStringLiteral("visio"), QStringLiteral("carsat")});
        auto answer = [&](const char *question, const QJsonValue &value) {
            const auto stored = visit.find(QLatin1String(question))->checkAnswer(value);
            QVERIFY(stored);
            responses.answer(id, QLatin1String(question), *stored);
        };
        answer("accueil", satisfactionLevels().first().id);
        answer("recommande", true);
        answer("connu-par", QJsonArray{QStringLiteral("affiche"), QStringLiteral("mairie")});
        responses.answer(id, QStringLiteral("service"), QJsonValue::Null); // skipped
        answer("commentaire", QStringLiteral("Mme Dupont, 12 rue des Lilas"));
        responses.finish(id, false);
        SyncLedger ledger(*db);
        const QList<OutboxRecord> outbox = ledger.nextBatch(10);
        QCOMPARE(outbox.size(), 1);
        const QJsonObject api = apiRecord(outbox.first(), library.freeTextQuestions());
        const QJsonObject body = api.value(QStringLiteral("body")).toObject();
        QCOMPARE(body.value(QStringLiteral("survey")), QStringLiteral("satisfaction-visite"));
        QCOMPARE(body.value(QStringLiteral("version")), 1);
        QCOMPARE(body.value(QStringLiteral("partial")), true);
        QCOMPARE(body.value(QStringLiteral("channel")).toObject(),
                 (QJsonObject{{QStringLiteral("type"), QStringLiteral("visio")},
                              {QStringLiteral("agency"), QStringLiteral("carsat")}}));
        QCOMPARE(body.value(QStringLiteral("answers")).toObject(),
                 (QJsonObject{{QStringLiteral("accueil"), QStringLiteral("tres-satisfait")},
                              {QStringLiteral("recommande"), QStringLiteral("oui")},
                              {QStringLiteral("connu-par.affiche"), QStringLiteral("oui")},
                              {QStringLiteral("connu-par.mairie"), QStringLiteral("oui")}}));
        observatory::IncomingRecord parsed;
        try {
            parsed = observatory::parseRecord(api, QStringLiteral("records[0]"));
        } catch (const json::FieldError &error) {
            QFAIL(qPrintable(error.field + QLatin1Char(' ') + error.problem));
        }
        auto store = observatory::Store::open(m_dir.filePath(QStringLiteral("observatory.sqlite")));
        const observatory::SurveyCatalog catalog(*store, QString());
        const auto refusal = catalog.check(std::get<observatory::SurveyResponse>(parsed.payload));
        QVERIFY2(!refusal, qPrintable(refusal ? refusal->detail : QString()));
    }

    void siteWeekAnswersAreRead()
    {
        const QList<GridRow> rows = gridRows({QStringLiteral("caf"), QStringLiteral("msa")});
        const QString week = QStringLiteral("2026-W47");
        auto answer = [&](const char *desk) {
            return QByteArray(R"({"api":1,"week":"2026-W47","desk":)") + desk + '}';
        };
        const auto open = parseSiteWeek(answer("null"), week, rows);
        QVERIFY(open && !open->closed);
        const QByteArray closed = answer(R"({"id":"6f1c2d43-8e0a-4c51-9a51-0b7b3f0c7a10",
            "version":2,"replaces":"0b5e4a52-3f7c-4d6e-9a1b-2c3d4e5f6a7b",
            "closed_at":"2026-11-23T17:00:00.000Z","kiosk":"borne-1","counts":"desk","rows":[
            {"help":"information","agency":"msa","day":"tue","count":1},
            {"help":"information","agency":"none","day":"mon","count":2},
            {"help":"print_scan","agency":"none","day":"sun","count":4}]})");
        const auto site = parseSiteWeek(closed, week, rows);
        QVERIFY(site && site->closed);
        QCOMPARE(site->version, 2);
        QCOMPARE(site->kiosk, QStringLiteral("borne-1"));
        QCOMPARE(site->closedAt, QDateTime(QDate(2026, 11, 23), QTime(17, 0), Qt::UTC));
        QVERIFY(site->desk);
        QCOMPARE(site->desk->value(QStringLiteral("mediator/"))[0], 2);
        QCOMPARE(site->desk->value(QStringLiteral("information/msa"))[1], 1);
        QCOMPARE(site->desk->value(QStringLiteral("print/"))[6], 4);
        // Read back into the API's words, the same lines.
        QJsonArray kioskRows;
        for (auto it = site->desk->cbegin(); it != site->desk->cend(); ++it)
            for (int day = 0; day < 7; ++day)
                if (it.value()[day] > 0)
                    kioskRows.append(
                        QJsonObject{{QStringLiteral("kind"), it.key().section(u'/', 0, 0)},
                                    {QStringLiteral("agency"), it.key().section(u'/', 1)},
                                    {QStringLiteral("date"),
                                     IsoWeek{2026, 47}.day(day + 1).toString(Qt::ISODate)},
                                    {QStringLiteral("desk"), it.value()[day]}});
        QCOMPARE(apiCountRows(kioskRows, {QStringLiteral("desk")}),
                 QJsonDocument::fromJson(closed)
                     .object()
                     .value(QStringLiteral("desk"))
                     .toObject()
                     .value(QStringLiteral("rows"))
                     .toArray());

        // Desk counts this grid cannot take over: an agency it does not offer, or a report
        // from before kiosk_counts (its kiosk's counts are in it).
        QVERIFY(
            !parseSiteWeek(QByteArray(closed).replace("\"msa\"", "\"cpam\""), week, rows)->desk);
        QVERIFY(!parseSiteWeek(QByteArray(closed).replace("\"desk\",", "\"kiosk_and_desk\","), week,
                               rows)
                     ->desk);
        // Not an answer about this week.
        QVERIFY(!parseSiteWeek(answer("null"), QStringLiteral("2026-W46"), rows));
        QVERIFY(!parseSiteWeek("<html>", week, rows));
        QVERIFY(!parseSiteWeek(answer(R"({"version":1})"), week, rows));
    }

    // Only the journey's words and bounded numbers leave the kiosk: whatever else a payload
    // holds (the session id, a name typed somewhere, a word from a newer screen, a step out of
    // any procedure) stays behind.
    void journeyFieldsAreWhitelisted()
    {
        const QJsonObject payload{
            {QStringLiteral("session"), QStringLiteral("9b2f6c1e-0d4a-4e7b-8c3f-5a6b7c8d9e0f")},
            {QStringLiteral("agency"), QStringLiteral("caf")},
            {QStringLiteral("procedure"), QStringLiteral("Dossier de Mme Dupont")},
            {QStringLiteral("step"), 13},
            {QStringLiteral("end"), QStringLiteral("exploded")},
            {QStringLiteral("screen"), QStringLiteral("Mme Dupont")},
            {QStringLiteral("autonomy"), QStringLiteral("telepathy")},
            {QStringLiteral("reason"), QStringLiteral("button")},
            {QStringLiteral("title"), QStringLiteral("Avoir une attestation")},
            {QStringLiteral("duration_s"), 200000}};
        const QJsonObject api =
            apiRecord({newRecordId(),
                       QStringLiteral("journal_event"),
                       QStringLiteral("46-bretenoux"),
                       utcTimestamp(),
                       {{QStringLiteral("type"), QStringLiteral("session_ended")},
                        {QStringLiteral("boot_id"), QStringLiteral("b")},
                        {QStringLiteral("mono_ms"), 5},
                        {QStringLiteral("payload"), payload}}});
        QCOMPARE(api.value(QStringLiteral("body")).toObject(),
                 (QJsonObject{{QStringLiteral("type"), QStringLiteral("session_ended")},
                              {QStringLiteral("agency"), QStringLiteral("caf")},
                              {QStringLiteral("duration_s"), 86400}}));
    }

    void heartbeatIsWhatTheObservatoryReads()
    {
        HeartbeatFacts facts;
        facts.appVersion = QStringLiteral("0.1.0");
        facts.uptimeS = 4000;
        facts.sync.pending = 42;
        facts.sync.oldestPending = QStringLiteral("2026-11-30T16:00:00.000Z");
        facts.readMachine(m_dir.path());
        QVERIFY(facts.diskFreeMb > 0);
        QVERIFY(facts.memoryAvailableMb > 0);
        const QJsonObject body = facts.body();
        QCOMPARE(body[QStringLiteral("last_sync")], QJsonValue(QJsonValue::Null));
        QCOMPARE(body[QStringLiteral("peripherals")][QStringLiteral("printer")],
                 QStringLiteral("unknown"));
        const QJsonObject api = apiRecord({newRecordId(), QStringLiteral("heartbeat"),
                                           QStringLiteral("46-bretenoux"), utcTimestamp(), body});
        try {
            observatory::parseRecord(api, QStringLiteral("records[0]"));
        } catch (const json::FieldError &error) {
            QFAIL(qPrintable(error.field + QLatin1Char(' ') + error.problem));
        }
    }

    void mediatorWords()
    {
        QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
        const QDateTime now = QDateTime(QDate(2026, 12, 1), QTime(10, 30));
        SyncSnapshot s;
        s.lastSuccessAt = now.addSecs(-3600).toUTC().toString(Qt::ISODateWithMs);
        QCOMPARE(SyncStatusText::summary(s, now), QStringLiteral("Tout est envoyé."));
        s.pending = 42;
        s.lastSuccessAt =
            QDateTime(QDate(2026, 11, 30), QTime(17, 0)).toUTC().toString(Qt::ISODate);
        QCOMPARE(SyncStatusText::summary(s, now),
                 QStringLiteral("42 éléments en attente, dernier envoi hier à 17 h."));
        s.lastSuccessAt = QDateTime(QDate(2026, 11, 27), QTime(8, 5)).toUTC().toString(Qt::ISODate);
        QCOMPARE(SyncStatusText::summary(s, now),
                 QStringLiteral("42 éléments en attente, dernier envoi le 27 novembre à 8 h 05."));
        s.lastFailure = QStringLiteral("unreachable");
        QVERIFY(
            SyncStatusText::failure(s).startsWith(QStringLiteral("L'observatoire ne répond pas")));
        s.lastFailure = QStringLiteral("revoked");
        QVERIFY(SyncStatusText::failure(s).contains(QStringLiteral("retiré")));
        s.lastFailure = QStringLiteral("certificate_superseded");
        QVERIFY(SyncStatusText::failure(s).contains(QStringLiteral("nouveau jeton")));
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
