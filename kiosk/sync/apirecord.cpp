// SPDX-License-Identifier: EUPL-1.2
#include "apirecord.h"

#include "apicounts.h"
#include "journey.h"
#include "surveydefinition.h"

#include <QDateTime>
#include <QJsonArray>
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
    // A report made before kiosk_counts holds this kiosk's counts and the desk's, summed; the
    // observatory reads it so when `counts` is absent.
    const bool deskOnly = stored.value(QStringLiteral("counts")) == QLatin1String("desk");
    QJsonObject body{
        {QStringLiteral("week"), stored.value(QStringLiteral("iso_week"))},
        {QStringLiteral("version"), stored.value(QStringLiteral("version"))},
        {QStringLiteral("replaces"), stored.value(QStringLiteral("replaces"))},
        {QStringLiteral("closed_at"), closedAt},
        {QStringLiteral("rows"), apiCountRows(stored.value(QStringLiteral("rows")).toArray(),
                                              deskOnly ? QStringList{QStringLiteral("desk")}
                                                       : QStringList{QStringLiteral("automatic"),
                                                                     QStringLiteral("desk")})}};
    if (deskOnly)
        body.insert(QStringLiteral("counts"), QStringLiteral("desk"));
    return body;
}

QJsonObject countsBody(const QJsonObject &stored)
{
    return {{QStringLiteral("week"), stored.value(QStringLiteral("iso_week"))},
            {QStringLiteral("sequence"), stored.value(QStringLiteral("sequence"))},
            {QStringLiteral("rows"), apiCountRows(stored.value(QStringLiteral("rows")).toArray(),
                                                  {QStringLiteral("count")})}};
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
    else if (record.kind == QLatin1String("kiosk_counts"))
        body = countsBody(record.body);
    else
        body = record.body; // heartbeat: already in the API's words
    return {{QStringLiteral("id"), record.id.toLower()},
            {QStringLiteral("kind"), record.kind},
            {QStringLiteral("site"), record.site},
            {QStringLiteral("created_at"), createdAt},
            {QStringLiteral("body"), body}};
}

} // namespace relais
