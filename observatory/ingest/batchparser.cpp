// SPDX-License-Identifier: EUPL-1.2
#include "batchparser.h"

#include "journey.h"
#include "jsonfields.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace relais::observatory {

namespace {

using namespace relais::json;

[[noreturn]] void fail(const QString &path, const QString &problem)
{
    throw FieldError{path, problem};
}

QString identifier(const QJsonObject &o, const QString &key, const QString &path)
{
    const QString text = string(o, key, path, 64);
    if (!isIdentifier(text))
        fail(child(path, key), QStringLiteral("must be lowercase letters, digits and '-'"));
    return text;
}

QString oneOf(const QJsonObject &o, const QString &key, const QString &path,
              const QStringList &allowed)
{
    const QString text = string(o, key, path, 64);
    if (!allowed.contains(text))
        fail(child(path, key), QStringLiteral("must be one of %1").arg(allowed.join(u", ")));
    return text;
}

bool boolean(const QJsonObject &o, const QString &key, const QString &path)
{
    const QJsonValue value = o.value(key);
    if (!value.isBool())
        fail(child(path, key), value.isUndefined() ? QStringLiteral("is missing")
                                                   : QStringLiteral("expected true or false"));
    return value.toBool();
}

QDateTime timestamp(const QJsonObject &o, const QString &key, const QString &path)
{
    static const QRegularExpression shape(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$"));
    const QString text = string(o, key, path, 40);
    const QDateTime value = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!shape.match(text).hasMatch() || !value.isValid())
        fail(child(path, key), QStringLiteral("expected a UTC time like 2026-11-20T09:14:03Z"));
    return value.toUTC();
}

QString week(const QJsonObject &o, const QString &key, const QString &path)
{
    const QString text = string(o, key, path, 10);
    if (!mondayOfIsoWeek(text).isValid())
        fail(child(path, key), QStringLiteral("expected an ISO week like 2026-W47"));
    return text;
}

bool isUuid(const QString &text)
{
    static const QRegularExpression shape(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    return shape.match(text).hasMatch();
}

QString uuid(const QJsonObject &o, const QString &key, const QString &path)
{
    const QString text = string(o, key, path, 36);
    if (!isUuid(text))
        fail(child(path, key), QStringLiteral("expected a lowercase UUID"));
    return text;
}

// A word of the journey (common/journey.h): malformed when it is not a code at all; refused
// alone ("unknown_code") when it is a code this server does not know, so that a newer kiosk's
// record is set aside without holding back the rest of its batch.
QString journeyWord(const QJsonObject &o, const QString &key, const QString &path,
                    const QStringList &known, QString *refused)
{
    static const QRegularExpression code(QStringLiteral("^[a-z][a-z0-9_]{0,63}$"));
    const QString text = string(o, key, path, 64);
    if (!code.match(text).hasMatch())
        fail(child(path, key), QStringLiteral("expected a code like %1").arg(known.first()));
    if (!known.contains(text) && refused->isEmpty())
        *refused = QStringLiteral("unknown_code");
    return text;
}

JournalEvent journalEvent(const QJsonObject &body, const QString &path, QString *refused)
{
    rejectUnknownKeys(body,
                      {QStringLiteral("type"), QStringLiteral("agency"), QStringLiteral("outcome"),
                       QStringLiteral("duration_s"), QStringLiteral("wait_s"),
                       QStringLiteral("reason"), QStringLiteral("activity"),
                       QStringLiteral("procedure"), QStringLiteral("step"), QStringLiteral("end"),
                       QStringLiteral("screen"), QStringLiteral("autonomy")},
                      path);
    JournalEvent event;
    event.type = string(body, QStringLiteral("type"), path, 64);
    static const QRegularExpression type(QStringLiteral("^[a-z][a-z0-9_]{0,63}$"));
    if (!type.match(event.type).hasMatch())
        fail(child(path, QStringLiteral("type")),
             QStringLiteral("expected a name like call_ended"));
    for (const QString &key : {QStringLiteral("reason"), QStringLiteral("activity")})
        if (body.contains(key))
            identifier(body, key, path);
    if (body.contains(QStringLiteral("wait_s")))
        integer(body, QStringLiteral("wait_s"), path, 0, 86400);
    if (body.contains(QStringLiteral("agency")))
        event.agency = identifier(body, QStringLiteral("agency"), path);
    if (body.contains(QStringLiteral("procedure")))
        event.procedure = identifier(body, QStringLiteral("procedure"), path);
    if (body.contains(QStringLiteral("step")))
        event.step = integer(body, QStringLiteral("step"), path, 1, journey::kMaxSteps);
    const bool guided = event.type == QLatin1String("procedure_opened") ||
                        event.type == QLatin1String("guide_help_requested");
    if (guided || event.type == QLatin1String("agency_chosen"))
        event.agency = identifier(body, QStringLiteral("agency"), path);
    if (guided)
        event.procedure = identifier(body, QStringLiteral("procedure"), path);
    if (event.type == QLatin1String("guide_help_requested"))
        event.step = integer(body, QStringLiteral("step"), path, 1, journey::kMaxSteps);
    if (event.type == QLatin1String("call_ended")) {
        event.agency = identifier(body, QStringLiteral("agency"), path);
        event.outcome = oneOf(body, QStringLiteral("outcome"), path,
                              {QStringLiteral("answered"), QStringLiteral("abandoned"),
                               QStringLiteral("unanswered"), QStringLiteral("callback"),
                               QStringLiteral("failed")});
        event.durationS = integer(body, QStringLiteral("duration_s"), path, 0, 86400);
    } else {
        if (body.contains(QStringLiteral("outcome")))
            identifier(body, QStringLiteral("outcome"), path);
        if (body.contains(QStringLiteral("duration_s")))
            event.durationS = integer(body, QStringLiteral("duration_s"), path, 0, 86400);
    }
    if (event.type == QLatin1String("session_ended")) {
        event.end = journeyWord(body, QStringLiteral("end"), path, journey::ends(), refused);
        event.autonomy =
            journeyWord(body, QStringLiteral("autonomy"), path, journey::autonomies(), refused);
        event.durationS = integer(body, QStringLiteral("duration_s"), path, 0, 86400);
        // Where it was left says something only of an abandoned session (or of an end this
        // server does not know, refused anyway).
        const bool known = journey::ends().contains(event.end);
        if (event.end == QLatin1String("abandoned") ||
            (!known && body.contains(QStringLiteral("screen"))))
            event.screen =
                journeyWord(body, QStringLiteral("screen"), path, journey::screens(), refused);
        else if (body.contains(QStringLiteral("screen")))
            fail(child(path, QStringLiteral("screen")),
                 QStringLiteral("is only for an abandoned session"));
    } else {
        for (const QString &key :
             {QStringLiteral("end"), QStringLiteral("screen"), QStringLiteral("autonomy")})
            if (body.contains(key))
                fail(child(path, key), QStringLiteral("is only for session_ended"));
    }
    return event;
}

SurveyResponse surveyResponse(const QJsonObject &body, const QString &path)
{
    rejectUnknownKeys(body,
                      {QStringLiteral("survey"), QStringLiteral("version"), QStringLiteral("week"),
                       QStringLiteral("channel"), QStringLiteral("partial"),
                       QStringLiteral("answers")},
                      path);
    SurveyResponse response;
    response.survey = identifier(body, QStringLiteral("survey"), path);
    response.version = integer(body, QStringLiteral("version"), path, 1, 1000);
    response.week = week(body, QStringLiteral("week"), path);
    const QString channelPath = child(path, QStringLiteral("channel"));
    const QJsonObject channel = object(body, QStringLiteral("channel"), path);
    rejectUnknownKeys(channel, {QStringLiteral("type"), QStringLiteral("agency")}, channelPath);
    response.channel =
        oneOf(channel, QStringLiteral("type"), channelPath,
              {QStringLiteral("visit"), QStringLiteral("visio"), QStringLiteral("procedure")});
    if (response.channel == QLatin1String("visit")) {
        if (channel.contains(QStringLiteral("agency")))
            fail(child(channelPath, QStringLiteral("agency")),
                 QStringLiteral("must be absent for a visit"));
    } else {
        response.agency = identifier(channel, QStringLiteral("agency"), channelPath);
    }
    response.partial = boolean(body, QStringLiteral("partial"), path);
    const QString answersPath = child(path, QStringLiteral("answers"));
    const QJsonObject answers = object(body, QStringLiteral("answers"), path);
    if (answers.size() > 200)
        fail(answersPath, QStringLiteral("has more than 200 answers"));
    static const QRegularExpression question(QStringLiteral("^[a-z0-9][a-z0-9_.-]{0,79}$"));
    for (auto it = answers.begin(); it != answers.end(); ++it) {
        const QString at = child(answersPath, it.key());
        if (!question.match(it.key()).hasMatch())
            fail(at, QStringLiteral("is not a question id"));
        if (it.value().isString()) {
            // Answer codes, never free text: free text could carry personal data.
            static const QRegularExpression code(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,63}$"));
            if (!code.match(it.value().toString()).hasMatch())
                fail(at, QStringLiteral("expected an answer code like tres_satisfait"));
            response.answers.append({it.key(), it.value().toString()});
        } else {
            const int value = integer(answers, it.key(), answersPath, 0, 10);
            response.answers.append({it.key(), QString::number(value)});
        }
    }
    return response;
}

// The count lines of a weekly report or a kiosk's counts: each (help, agency, day) once.
QList<ReportRow> countRows(const QJsonObject &body, const QString &path)
{
    const QString rowsPath = child(path, QStringLiteral("rows"));
    const QJsonArray rows = array(body, QStringLiteral("rows"), path);
    if (rows.size() > 2000)
        fail(rowsPath, QStringLiteral("has more than 2000 rows"));
    QList<ReportRow> parsed;
    QSet<QString> seen;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QString at = element(rowsPath, i);
        const QJsonObject row = objectAt(rows, i, rowsPath);
        rejectUnknownKeys(row,
                          {QStringLiteral("help"), QStringLiteral("agency"), QStringLiteral("day"),
                           QStringLiteral("count")},
                          at);
        ReportRow r;
        r.help = oneOf(row, QStringLiteral("help"), at, helpKinds());
        r.agency = identifier(row, QStringLiteral("agency"), at);
        r.day = oneOf(row, QStringLiteral("day"), at, weekDays());
        r.count = integer(row, QStringLiteral("count"), at, 0, 10000);
        const QString key = r.help + u'|' + r.agency + u'|' + r.day;
        if (seen.contains(key))
            fail(at, QStringLiteral("repeats the line %1 / %2 / %3").arg(r.help, r.agency, r.day));
        seen.insert(key);
        parsed << r;
    }
    return parsed;
}

WeeklyReport weeklyReport(const QJsonObject &body, const QString &path)
{
    rejectUnknownKeys(body,
                      {QStringLiteral("week"), QStringLiteral("version"),
                       QStringLiteral("replaces"), QStringLiteral("closed_at"),
                       QStringLiteral("counts"), QStringLiteral("rows")},
                      path);
    WeeklyReport report;
    report.week = week(body, QStringLiteral("week"), path);
    report.version = integer(body, QStringLiteral("version"), path, 1, 1000);
    const QJsonValue replaces = body.value(QStringLiteral("replaces"));
    if (replaces.isUndefined())
        fail(child(path, QStringLiteral("replaces")),
             QStringLiteral("is missing (null for version 1)"));
    if (report.version == 1 && !replaces.isNull())
        fail(child(path, QStringLiteral("replaces")), QStringLiteral("must be null for version 1"));
    if (report.version > 1)
        report.replaces = uuid(body, QStringLiteral("replaces"), path);
    report.closedAt = timestamp(body, QStringLiteral("closed_at"), path);
    // Absent: a kiosk from before kiosk_counts, whose rows include its own counts.
    if (body.contains(QStringLiteral("counts"))) {
        oneOf(body, QStringLiteral("counts"), path, {QStringLiteral("desk")});
        report.deskOnly = true;
    }
    report.rows = countRows(body, path);
    return report;
}

KioskCounts kioskCounts(const QJsonObject &body, const QString &path)
{
    rejectUnknownKeys(
        body, {QStringLiteral("week"), QStringLiteral("sequence"), QStringLiteral("rows")}, path);
    KioskCounts counts;
    counts.week = week(body, QStringLiteral("week"), path);
    counts.sequence = integer(body, QStringLiteral("sequence"), path, 1, 2'000'000'000);
    counts.rows = countRows(body, path);
    return counts;
}

Heartbeat heartbeat(const QJsonObject &body, const QString &path)
{
    rejectUnknownKeys(body,
                      {QStringLiteral("app_version"), QStringLiteral("outbox_depth"),
                       QStringLiteral("uptime_s"), QStringLiteral("peripherals"),
                       QStringLiteral("set_aside"), QStringLiteral("oldest_unsent"),
                       QStringLiteral("last_sync"), QStringLiteral("disk_free_mb"),
                       QStringLiteral("memory_available_mb"), QStringLiteral("bundle")},
                      path);
    Heartbeat beat;
    beat.appVersion = string(body, QStringLiteral("app_version"), path, 40);
    beat.outboxDepth = integer(body, QStringLiteral("outbox_depth"), path, 0, 10'000'000);
    if (body.contains(QStringLiteral("uptime_s")))
        integer(body, QStringLiteral("uptime_s"), path, 0, 2'000'000'000);
    if (body.contains(QStringLiteral("set_aside")))
        integer(body, QStringLiteral("set_aside"), path, 0, 10'000'000);
    for (const QString &key :
         {QStringLiteral("disk_free_mb"), QStringLiteral("memory_available_mb")})
        if (body.contains(key))
            integer(body, key, path, 0, 1'000'000'000);
    // Times the kiosk may not have yet (nothing waiting, never synced): null.
    for (const QString &key : {QStringLiteral("oldest_unsent"), QStringLiteral("last_sync")})
        if (body.contains(key) && !body.value(key).isNull())
            timestamp(body, key, path);
    // What became of the last configuration bundle the kiosk was offered (kiosk/bundles/).
    if (body.contains(QStringLiteral("bundle"))) {
        const QString at = child(path, QStringLiteral("bundle"));
        const QJsonObject bundle = object(body, QStringLiteral("bundle"), path);
        rejectUnknownKeys(bundle,
                          {QStringLiteral("result"), QStringLiteral("version_in_use"),
                           QStringLiteral("offered_version"), QStringLiteral("detail"),
                           QStringLiteral("checked_at")},
                          at);
        oneOf(bundle, QStringLiteral("result"), at,
              {QStringLiteral("none"), QStringLiteral("accepted"), QStringLiteral("unchanged"),
               QStringLiteral("rollback"), QStringLiteral("expired"),
               QStringLiteral("bad_signature"), QStringLiteral("malformed"),
               QStringLiteral("invalid_content"), QStringLiteral("unreachable"),
               QStringLiteral("refused"), QStringLiteral("no_bundle")});
        for (const QString &key :
             {QStringLiteral("version_in_use"), QStringLiteral("offered_version")})
            if (bundle.contains(key))
                integer(bundle, key, at, 0, 2'000'000'000);
        if (bundle.contains(QStringLiteral("detail")))
            string(bundle, QStringLiteral("detail"), at, 500);
    }
    const QString at = child(path, QStringLiteral("peripherals"));
    const QJsonObject peripherals = object(body, QStringLiteral("peripherals"), path);
    if (peripherals.size() > 20)
        fail(at, QStringLiteral("has more than 20 devices"));
    for (auto it = peripherals.begin(); it != peripherals.end(); ++it) {
        if (!isIdentifier(it.key()))
            fail(child(at, it.key()), QStringLiteral("is not a device name"));
        oneOf(peripherals, it.key(), at,
              {QStringLiteral("ok"), QStringLiteral("missing"), QStringLiteral("error"),
               QStringLiteral("unknown")});
    }
    beat.peripheralsJson = QJsonDocument(peripherals).toJson(QJsonDocument::Compact);
    return beat;
}

} // namespace

IncomingRecord parseRecord(const QJsonObject &o, const QString &path)
{
    rejectUnknownKeys(o,
                      {QStringLiteral("id"), QStringLiteral("kind"), QStringLiteral("site"),
                       QStringLiteral("created_at"), QStringLiteral("body")},
                      path);
    IncomingRecord record;
    record.id = uuid(o, QStringLiteral("id"), path);
    record.kind = oneOf(o, QStringLiteral("kind"), path,
                        {QStringLiteral("journal_event"), QStringLiteral("survey_response"),
                         QStringLiteral("weekly_report"), QStringLiteral("kiosk_counts"),
                         QStringLiteral("heartbeat")});
    record.site = identifier(o, QStringLiteral("site"), path);
    record.createdAt = timestamp(o, QStringLiteral("created_at"), path);
    const QJsonObject body = object(o, QStringLiteral("body"), path);
    const QString bodyPath = child(path, QStringLiteral("body"));
    if (record.kind == QLatin1String("journal_event"))
        record.payload = journalEvent(body, bodyPath, &record.refused);
    else if (record.kind == QLatin1String("survey_response"))
        record.payload = surveyResponse(body, bodyPath);
    else if (record.kind == QLatin1String("weekly_report"))
        record.payload = weeklyReport(body, bodyPath);
    else if (record.kind == QLatin1String("kiosk_counts"))
        record.payload = kioskCounts(body, bodyPath);
    else
        record.payload = heartbeat(body, bodyPath);
    record.canonical = QJsonDocument(o).toJson(QJsonDocument::Compact);
    record.digest = QString::fromLatin1(
        QCryptographicHash::hash(record.canonical, QCryptographicHash::Sha256).toHex());
    return record;
}

QList<IncomingRecord> parseBatch(const QByteArray &body, int maxRecords)
{
    const QJsonObject root = parseObject(body);
    rejectUnknownKeys(root, {QStringLiteral("api"), QStringLiteral("records")}, QString());
    const QJsonValue api = root.value(QStringLiteral("api"));
    if (api.isUndefined())
        fail(QStringLiteral("api"), QStringLiteral("is missing"));
    if (!api.isDouble() || api.toDouble() != kApiVersion)
        fail(QStringLiteral("api"),
             QStringLiteral("version %1 is not supported (this server speaks %2)")
                 .arg(api.toVariant().toString())
                 .arg(kApiVersion));
    const QJsonArray records = array(root, QStringLiteral("records"), QString());
    if (records.isEmpty())
        fail(QStringLiteral("records"), QStringLiteral("is empty"));
    if (records.size() > maxRecords)
        fail(QStringLiteral("records"),
             QStringLiteral("holds %1 records, more than %2").arg(records.size()).arg(maxRecords));
    QList<IncomingRecord> parsed;
    parsed.reserve(records.size());
    for (qsizetype i = 0; i < records.size(); ++i)
        parsed << parseRecord(objectAt(records, i, QStringLiteral("records")),
                              element(QStringLiteral("records"), i));
    return parsed;
}

} // namespace relais::observatory
