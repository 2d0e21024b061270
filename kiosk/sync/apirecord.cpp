#include "apirecord.h"

#include "journey.h"
#include "surveydefinition.h"

#include <QDate>
#include <QJsonArray>
#include <QMap>
#include <QRegularExpression>

namespace relais {

namespace {

bool isCode(const QString &text)
{
    static const QRegularExpression code(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,63}$"));
    return code.match(text).hasMatch();
}

QJsonObject journalBody(const QJsonObject &stored)
{
    const QString type = stored.value(QStringLiteral("type")).toString();
    const QJsonObject payload = stored.value(QStringLiteral("payload")).toObject();
    QJsonObject body{{QStringLiteral("type"), type}};
    // Only what the observatory counts, each from a closed list or within bounds: the session
    // id, the kiosk's own reasons and anything else stay on the kiosk.
    for (const QString &key : {QStringLiteral("agency"), QStringLiteral("activity"),
                               QStringLiteral("outcome"), QStringLiteral("procedure")}) {
        const QString value = payload.value(key).toString();
        if (isCode(value) && !value.contains(u'_'))
            body.insert(key, value);
    }
    const std::pair<QString, const QStringList &> words[] = {
        {QStringLiteral("end"), journey::ends()},
        {QStringLiteral("screen"), journey::screens()},
        {QStringLiteral("autonomy"), journey::autonomies()}};
    for (const auto &[key, allowed] : words) {
        const QString value = payload.value(key).toString();
        if (allowed.contains(value))
            body.insert(key, value);
    }
    for (const QString &key : {QStringLiteral("duration_s"), QStringLiteral("wait_s")}) {
        const QJsonValue value = payload.value(key);
        if (value.isDouble())
            body.insert(key, qBound(0, value.toInt(), 86400));
    }
    const QJsonValue step = payload.value(QStringLiteral("step"));
    if (step.isDouble() && step.toInt() >= 1 && step.toInt() <= journey::kMaxSteps)
        body.insert(QStringLiteral("step"), step.toInt());
    if (type == QLatin1String("call_ended") && !body.contains(QStringLiteral("duration_s")))
        body.insert(QStringLiteral("duration_s"), 0); // a call never answered lasted nothing
    return body;
}

QJsonObject surveyBody(const QJsonObject &stored, const QSet<QString> &freeTextQuestions)
{
    const QString survey = stored.value(QStringLiteral("survey_id")).toString();
    QJsonObject channel{{QStringLiteral("type"), stored.value(QStringLiteral("channel"))}};
    if (stored.value(QStringLiteral("agency")).isString())
        channel.insert(QStringLiteral("agency"), stored.value(QStringLiteral("agency")));
    QJsonObject answers;
    const QJsonObject given = stored.value(QStringLiteral("answers")).toObject();
    for (auto it = given.begin(); it != given.end(); ++it) {
        if (freeTextQuestions.contains(survey + u'/' + it.key()))
            continue;
        // null (a skipped question) gives nothing; a text that is not a code is not sent.
        for (const auto &[key, value] : recordedAnswers(it.key(), it.value()))
            if (!value.isString() || isCode(value.toString()))
                answers.insert(key, value);
    }
    return {{QStringLiteral("survey"), survey},
            {QStringLiteral("version"), stored.value(QStringLiteral("survey_version"))},
            {QStringLiteral("week"), stored.value(QStringLiteral("iso_week"))},
            {QStringLiteral("channel"), channel},
            {QStringLiteral("partial"), stored.value(QStringLiteral("partial")).toBool()},
            {QStringLiteral("answers"), answers}};
}

QJsonObject reportBody(const QJsonObject &stored, const QString &closedAt)
{
    // The grid's kinds of help, named as the observatory's. The observatory's grid has no
    // line for the mediator's own help: it counts as general information (no agency).
    static const QMap<QString, QString> helps = {
        {QStringLiteral("information"), QStringLiteral("information")},
        {QStringLiteral("online"), QStringLiteral("online_procedure")},
        {QStringLiteral("visio"), QStringLiteral("video_call")},
        {QStringLiteral("referral"), QStringLiteral("referral")},
        {QStringLiteral("internet"), QStringLiteral("internet_access")},
        {QStringLiteral("print"), QStringLiteral("print_scan")},
        {QStringLiteral("mediator"), QStringLiteral("information")},
    };
    static const QStringList days = {
        QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"), QStringLiteral("thu"),
        QStringLiteral("fri"), QStringLiteral("sat"), QStringLiteral("sun")};
    // What the kiosk counted plus what the desk added, per line of the observatory's grid,
    // in a stable order.
    QMap<QString, int> counts;
    const QJsonArray rows = stored.value(QStringLiteral("rows")).toArray();
    for (const QJsonValue &value : rows) {
        const QJsonObject row = value.toObject();
        const QString help = helps.value(row.value(QStringLiteral("kind")).toString());
        const QDate date =
            QDate::fromString(row.value(QStringLiteral("date")).toString(), Qt::ISODate);
        if (help.isEmpty() || !date.isValid())
            continue;
        const QString agency = row.value(QStringLiteral("kind")) == QLatin1String("mediator")
                                   ? QString()
                                   : row.value(QStringLiteral("agency")).toString();
        const QString key = help + u'|' + (agency.isEmpty() ? QStringLiteral("none") : agency) +
                            u'|' + QString::number(date.dayOfWeek());
        counts[key] += row.value(QStringLiteral("automatic")).toInt() +
                       row.value(QStringLiteral("desk")).toInt();
    }
    QJsonArray apiRows;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        const QStringList parts = it.key().split(u'|');
        apiRows.append(QJsonObject{{QStringLiteral("help"), parts[0]},
                                   {QStringLiteral("agency"), parts[1]},
                                   {QStringLiteral("day"), days.value(parts[2].toInt() - 1)},
                                   {QStringLiteral("count"), qMin(it.value(), 10000)}});
    }
    return {{QStringLiteral("week"), stored.value(QStringLiteral("iso_week"))},
            {QStringLiteral("version"), stored.value(QStringLiteral("version"))},
            {QStringLiteral("replaces"), stored.value(QStringLiteral("replaces"))},
            {QStringLiteral("closed_at"), closedAt},
            {QStringLiteral("rows"), apiRows}};
}

// The API takes at most milliseconds and wants the UTC 'Z'.
QString apiTime(const QString &stored)
{
    const QDateTime time = QDateTime::fromString(stored, Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"))
                          : stored;
}

} // namespace

QJsonObject apiRecord(const OutboxRecord &record, const QSet<QString> &freeTextQuestions)
{
    const QString createdAt = apiTime(record.createdAt);
    QJsonObject body;
    if (record.kind == QLatin1String("journal_event"))
        body = journalBody(record.body);
    else if (record.kind == QLatin1String("survey_response"))
        body = surveyBody(record.body, freeTextQuestions);
    else if (record.kind == QLatin1String("weekly_report"))
        body = reportBody(record.body, createdAt);
    else
        body = record.body; // heartbeat: already in the API's words
    return {{QStringLiteral("id"), record.id.toLower()},
            {QStringLiteral("kind"), record.kind},
            {QStringLiteral("site"), record.site},
            {QStringLiteral("created_at"), createdAt},
            {QStringLiteral("body"), body}};
}

} // namespace relais
