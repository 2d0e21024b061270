#include "ingestwriter.h"

#include "indicators/surveycatalog.h"
#include "store/store.h"

#include <QSqlQuery>

namespace relais::observatory {

namespace {

// How far ahead of the server's clock a kiosk's clock may be before its records are refused.
constexpr qint64 kClockSkewSeconds = 24 * 3600;

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
              "ending, screen, autonomy, duration_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
    {}
    QSqlQuery insertRecord, digestOf, insertCall, insertResponse, insertAnswer, insertHeartbeat,
        insertJourney;
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
        for (const IncomingRecord &record : records) {
            RecordResult result{record.id, RecordResult::Stored, {}, {}};
            if (record.site != site) {
                results << RecordResult{
                    record.id, RecordResult::Rejected, QStringLiteral("site_mismatch"), {}};
                continue;
            }
            if (record.createdAt.secsTo(now) < -kClockSkewSeconds) {
                results << RecordResult{
                    record.id, RecordResult::Rejected, QStringLiteral("created_in_future"), {}};
                continue;
            }
            if (!record.refused.isEmpty()) {
                results << RecordResult{record.id, RecordResult::Rejected, record.refused, {}};
                continue;
            }
            if (const auto *response = std::get_if<SurveyResponse>(&record.payload)) {
                if (const auto refusal = m_surveys.check(*response)) {
                    results << RecordResult{record.id, RecordResult::Rejected, refusal->reason,
                                            refusal->detail};
                    continue;
                }
            }
            const auto *report = std::get_if<WeeklyReport>(&record.payload);
            if (report) {
                // A report's own constraints (one version per number, one correction per
                // version) are checked by the database inside a savepoint, so a refused
                // report undoes its own rows only.
                m_store.execute(QStringLiteral("SAVEPOINT report"));
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
                if (report)
                    m_store.execute(QStringLiteral("RELEASE SAVEPOINT report"));
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
            } else if (report) {
                const QString refusal = [&]() -> QString {
                    if (report->version > 1) {
                        const QVariant replaced = m_store.scalar(
                            QStringLiteral("SELECT version FROM weekly_reports WHERE "
                                           "record_id = ? AND site = ? AND week = ?"),
                            {report->replaces, site, report->week});
                        if (!replaced.isValid() || replaced.toInt() != report->version - 1)
                            return QStringLiteral("replaces_unknown");
                    }
                    QSqlQuery insert = m_store.prepare(QStringLiteral(
                        "INSERT INTO weekly_reports (record_id, site, week, version, replaces, "
                        "closed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
                    Store::run(insert, {record.id, site, report->week, report->version,
                                        report->replaces.isEmpty()
                                            ? QVariant(QMetaType::fromType<QString>())
                                            : QVariant(report->replaces),
                                        utc(report->closedAt)});
                    return insert.numRowsAffected() == 1 ? QString()
                                                         : QStringLiteral("version_taken");
                }();
                if (!refusal.isEmpty()) {
                    m_store.execute(QStringLiteral("ROLLBACK TO SAVEPOINT report"));
                    m_store.execute(QStringLiteral("RELEASE SAVEPOINT report"));
                    results << RecordResult{record.id, RecordResult::Rejected, refusal, {}};
                    continue;
                }
                QMap<QString, int> perHelp;
                QSqlQuery row = m_store.prepare(
                    QStringLiteral("INSERT INTO report_rows (record_id, help, agency, day, count) "
                                   "VALUES (?, ?, ?, ?, ?)"));
                for (const ReportRow &r : report->rows) {
                    Store::run(row, {record.id, r.help, r.agency, r.day, r.count});
                    perHelp[r.help] += r.count;
                }
                int total = 0;
                QVariantList values = {site, report->week, record.id, report->version,
                                       utc(report->closedAt)};
                for (const QString &help : helpKinds()) {
                    values << perHelp.value(help);
                    total += perHelp.value(help);
                }
                values << total;
                // The newest version wins, whatever order versions arrive in.
                m_store.execute(
                    QStringLiteral(
                        "INSERT INTO site_weeks (site, week, record_id, version, closed_at, "
                        "information, online_procedure, video_call, internet_access, "
                        "print_scan, referral, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (site, week) DO UPDATE SET record_id = excluded.record_id, "
                        "version = excluded.version, closed_at = excluded.closed_at, "
                        "information = excluded.information, "
                        "online_procedure = excluded.online_procedure, "
                        "video_call = excluded.video_call, "
                        "internet_access = excluded.internet_access, "
                        "print_scan = excluded.print_scan, referral = excluded.referral, "
                        "total = excluded.total WHERE excluded.version > site_weeks.version"),
                    values);
                m_store.execute(QStringLiteral("RELEASE SAVEPOINT report"));
            }
            results << result;
        }
    });
    return results;
}

} // namespace relais::observatory
