// SPDX-License-Identifier: EUPL-1.2
#include "ingestwriter.h"

#include "indicators/surveycatalog.h"
#include "recordweek.h"
#include "siteweeks.h"
#include "store/store.h"

#include <QSqlQuery>

namespace relais::observatory {

namespace {

QString utc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

// The journal events the journey's indicators read.
bool isJourney(const QString &type)
{
    static const QStringList types = {
        QStringLiteral("session_ended"), QStringLiteral("agency_chosen"),
        QStringLiteral("procedure_opened"), QStringLiteral("guide_help_requested")};
    return types.contains(type);
}

struct Statements
{
    explicit Statements(Store &store)
        : insertRecord(store.prepare(QStringLiteral(
              "INSERT INTO records (id, kind, site, device_id, created_at, received_at, digest, "
              "content) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"))),
          digestOf(store.prepare(QStringLiteral("SELECT digest FROM records WHERE id = ?"))),
          insertCall(store.prepare(QStringLiteral(
              "INSERT INTO call_events (record_id, site, week, agency, outcome, duration_s) "
              "VALUES (?, ?, ?, ?, ?, ?)"))),
          insertResponse(store.prepare(QStringLiteral(
              "INSERT INTO survey_responses (record_id, site, week, survey, version, channel, "
              "agency, partial) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"))),
          insertAnswer(store.prepare(QStringLiteral(
              "INSERT INTO survey_answers (record_id, question, answer) VALUES (?, ?, ?)"))),
          insertHeartbeat(store.prepare(QStringLiteral(
              "INSERT INTO heartbeats (record_id, device_id, site, created_at, app_version, "
              "outbox_depth, peripherals) VALUES (?, ?, ?, ?, ?, ?, ?)"))),
          insertJourney(store.prepare(QStringLiteral(
              "INSERT INTO journey_events (record_id, site, week, type, agency, procedure, step, "
              "ending, screen, autonomy, duration_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))),
          insertRefusal(store.prepare(QStringLiteral(
              "INSERT INTO refusals (record_id, device_id, site, kind, reason, holder, "
              "received_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
              "ON CONFLICT (record_id) DO NOTHING")))
    {}
    QSqlQuery insertRecord, digestOf, insertCall, insertResponse, insertAnswer, insertHeartbeat,
        insertJourney, insertRefusal;
};

} // namespace

QString outcomeName(RecordResult::Outcome outcome)
{
    switch (outcome) {
    case RecordResult::Stored:
        return QStringLiteral("stored");
    case RecordResult::AlreadyStored:
        return QStringLiteral("already_stored");
    case RecordResult::Conflict:
        return QStringLiteral("conflict");
    case RecordResult::Rejected:
        return QStringLiteral("rejected");
    }
    return {};
}

QList<RecordResult> IngestWriter::write(const QString &deviceId, const QString &site,
                                        const QList<IncomingRecord> &records, const QDateTime &now)
{
    QList<RecordResult> results;
    results.reserve(records.size());
    const QString receivedAt = utc(now);
    // A survey this observatory does not know yet may come with a bundle published since the
    // last look: read the bundles again, once, before refusing anything.
    for (const IncomingRecord &record : records) {
        const auto *response = std::get_if<SurveyResponse>(&record.payload);
        if (response && !m_surveys.find(response->survey, response->version)) {
            m_surveys.refresh();
            break;
        }
    }
    m_store.transaction([&] {
        Statements sql(m_store);
        // A refused record is kept aside with its reason (the fleet view shows them), never
        // counted.
        const auto refuse = [&](const IncomingRecord &record, const Refusal &refusal,
                                const QString &detail = {}) {
            Store::run(sql.insertRefusal,
                       {record.id, deviceId, site, record.kind, refusal.reason, refusal.holder,
                        receivedAt, QString::fromUtf8(record.canonical)});
            results << RecordResult{record.id, RecordResult::Rejected, refusal.reason, detail};
        };
        for (const IncomingRecord &record : records) {
            RecordResult result{record.id, RecordResult::Stored, {}, {}};
            if (record.site != site) {
                refuse(record, {QStringLiteral("site_mismatch"), {}});
                continue;
            }
            if (record.createdAt.secsTo(now) < -kClockSkewSeconds) {
                refuse(record, {QStringLiteral("created_in_future"), {}});
                continue;
            }
            if (const QString refusal = weekRefusal(record, now); !refusal.isEmpty()) {
                refuse(record, {refusal, {}});
                continue;
            }
            if (!record.refused.isEmpty()) {
                refuse(record, {record.refused, {}});
                continue;
            }
            if (const auto *response = std::get_if<SurveyResponse>(&record.payload)) {
                if (const auto refusal = m_surveys.check(*response)) {
                    refuse(record, {refusal->reason, {}}, refusal->detail);
                    continue;
                }
            }
            const auto *report = std::get_if<WeeklyReport>(&record.payload);
            const auto *counts = std::get_if<KioskCounts>(&record.payload);
            const bool counted = report || counts;
            if (counted) {
                // The count records' own constraints (one version per number, one correction
                // per version, one snapshot per sequence) are checked by the database inside a
                // savepoint, so a refused one undoes its own rows only.
                m_store.execute(QStringLiteral("SAVEPOINT counts"));
            }
            Store::run(sql.insertRecord,
                       {record.id, record.kind, record.site, deviceId, utc(record.createdAt),
                        receivedAt, record.digest, QString::fromUtf8(record.canonical)});
            if (sql.insertRecord.numRowsAffected() == 0) {
                Store::run(sql.digestOf, {record.id});
                const bool same =
                    sql.digestOf.next() && sql.digestOf.value(0).toString() == record.digest;
                sql.digestOf.finish();
                result.outcome = same ? RecordResult::AlreadyStored : RecordResult::Conflict;
                if (!same)
                    result.reason = QStringLiteral("id_taken");
                if (counted)
                    m_store.execute(QStringLiteral("RELEASE SAVEPOINT counts"));
                results << result;
                continue;
            }
            const QString week = isoWeek(record.createdAt.date());
            if (const auto *event = std::get_if<JournalEvent>(&record.payload)) {
                if (event->type == QLatin1String("call_ended"))
                    Store::run(sql.insertCall, {record.id, site, week, event->agency,
                                                event->outcome, event->durationS});
                else if (isJourney(event->type))
                    Store::run(
                        sql.insertJourney,
                        {record.id, site, week, event->type, textOrNull(event->agency),
                         textOrNull(event->procedure),
                         event->step ? QVariant(event->step) : QVariant(QMetaType::fromType<int>()),
                         textOrNull(event->end), textOrNull(event->screen),
                         textOrNull(event->autonomy),
                         event->type == QLatin1String("session_ended")
                             ? QVariant(event->durationS)
                             : QVariant(QMetaType::fromType<int>())});
            } else if (const auto *response = std::get_if<SurveyResponse>(&record.payload)) {
                Store::run(sql.insertResponse,
                           {record.id, site, response->week, response->survey, response->version,
                            response->channel,
                            response->agency.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                       : QVariant(response->agency),
                            response->partial ? 1 : 0});
                for (const auto &[question, answer] : response->answers)
                    Store::run(sql.insertAnswer, {record.id, question, answer});
            } else if (const auto *beat = std::get_if<Heartbeat>(&record.payload)) {
                Store::run(sql.insertHeartbeat,
                           {record.id, deviceId, site, utc(record.createdAt), beat->appVersion,
                            beat->outboxDepth, QString::fromUtf8(beat->peripheralsJson)});
            } else if (counted) {
                const Refusal refusal =
                    report ? storeWeeklyReport(m_store, deviceId, site, record.id, *report)
                           : storeKioskCounts(m_store, deviceId, site, record.id, *counts);
                if (!refusal.reason.isEmpty()) {
                    m_store.execute(QStringLiteral("ROLLBACK TO SAVEPOINT counts"));
                    m_store.execute(QStringLiteral("RELEASE SAVEPOINT counts"));
                    refuse(record, refusal);
                    continue;
                }
                m_store.execute(QStringLiteral("RELEASE SAVEPOINT counts"));
            }
            results << result;
        }
    });
    return results;
}

} // namespace relais::observatory
