// SPDX-License-Identifier: EUPL-1.2
#include "surveyresponses.h"

#include "outbox.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace relais {

namespace {

QString compact(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    // SQLite's json() reads a bare scalar or array; wrap to serialise it, then unwrap.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString tallyKey(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toInt());
    return value.toString();
}

} // namespace

SurveyResponses::SurveyResponses(Database &database, QString siteId, QTimeZone zone)
    : m_database(database), m_siteId(std::move(siteId)), m_zone(std::move(zone))
{}

QString SurveyResponses::begin(const SurveyDefinition &definition, const SurveyChannel &channel)
{
    const QString id = newRecordId();
    const QString now = utcTimestamp();
    const IsoWeek week =
        IsoWeek::containing(QDateTime::currentDateTimeUtc().toTimeZone(m_zone).date());
    m_database.transaction([&] {
        m_database
            .prepare("INSERT INTO survey_response (id, site, survey_id, survey_version, iso_week, "
                     "channel, agency, state, answers, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, nullif(?, ''), 'open', '{}', ?)")
            .bind(1, id)
            .bind(2, m_siteId)
            .bind(3, definition.id)
            .bind(4, static_cast<qint64>(definition.version))
            .bind(5, week.label())
            .bind(6, channel.kind)
            .bind(7, channel.agency)
            .bind(8, now)
            .run();
    });
    return id;
}

void SurveyResponses::answer(const QString &responseId, const QString &questionId,
                             const QJsonValue &value)
{
    m_database.transaction([&] {
        m_database
            .prepare("UPDATE survey_response SET answers = json_set(answers, '$.\"' || ? || '\"', "
                     "json(?)) "
                     "WHERE id = ? AND state = 'open'")
            .bind(1, questionId)
            .bind(2, compact(value))
            .bind(3, responseId)
            .run();
    });
}

QJsonObject SurveyResponses::body(const QString &responseId) const
{
    Statement query = m_database.prepare(
        "SELECT survey_id, survey_version, iso_week, channel, coalesce(agency, ''), state, answers "
        "FROM survey_response WHERE id = ?");
    query.bind(1, responseId);
    if (!query.step())
        return {};
    const QString agency = query.text(4);
    return {
        {QStringLiteral("survey_id"), query.text(0)},
        {QStringLiteral("survey_version"), query.integer(1)},
        {QStringLiteral("iso_week"), query.text(2)},
        {QStringLiteral("channel"), query.text(3)},
        {QStringLiteral("agency"), agency.isEmpty() ? QJsonValue() : QJsonValue(agency)},
        {QStringLiteral("partial"), query.text(5) != QLatin1String("complete")},
        {QStringLiteral("answers"), QJsonDocument::fromJson(query.text(6).toUtf8()).object()},
    };
}

void SurveyResponses::finish(const QString &responseId, bool complete)
{
    m_database.transaction([&] {
        Statement update = m_database.prepare(
            "UPDATE survey_response SET state = ? WHERE id = ? AND state = 'open' "
            "RETURNING created_at");
        update.bind(1, complete ? QStringLiteral("complete") : QStringLiteral("partial"));
        update.bind(2, responseId);
        if (!update.step())
            return; // already finished: its outbox record exists
        const QString createdAt = update.text(0);
        update.run();
        outbox::enqueue(m_database, {responseId, QStringLiteral("survey_response"), m_siteId,
                                     createdAt, body(responseId)});
    });
}

int SurveyResponses::finishAbandoned()
{
    QStringList open;
    {
        Statement query = m_database.prepare(
            "SELECT id FROM survey_response WHERE state = 'open' ORDER BY rowid");
        while (query.step())
            open << query.text(0);
    }
    for (const QString &id : std::as_const(open))
        finish(id, false);
    return static_cast<int>(open.size());
}

SurveyTally SurveyResponses::tally(const QString &surveyId, IsoWeek from) const
{
    Statement query =
        m_database.prepare("SELECT answers FROM survey_response "
                           "WHERE survey_id = ? AND state <> 'open' AND iso_week >= ?");
    query.bind(1, surveyId);
    query.bind(2, from.label());
    SurveyTally tally;
    while (query.step()) {
        const QJsonObject answers = QJsonDocument::fromJson(query.text(0).toUtf8()).object();
        for (auto it = answers.constBegin(); it != answers.constEnd(); ++it) {
            if (it->isArray()) {
                for (const QJsonValue &chosen : it->toArray())
                    ++tally[it.key()][tallyKey(chosen)];
            } else if (!it->isNull()) {
                ++tally[it.key()][tallyKey(*it)];
            }
        }
    }
    return tally;
}

} // namespace relais
