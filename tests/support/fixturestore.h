// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "backend.h"
#include "devices/deviceregistry.h"
#include "indicators/surveycatalog.h"
#include "ingest/batchparser.h"
#include "ingest/ingestwriter.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUuid>

namespace relais::observatory::test {

// A fresh, empty store per fixture on the backend under test (a SQLite file, or a new
// database in the test's PostgreSQL), with the shipped survey definitions, filled through the
// same writer as ingest.
class FixtureStore
{
public:
    FixtureStore(const Backend &backend, const QString &name)
    {
        if (backend.isPostgres()) {
            auto admin = Store::open(backend.database());
            admin->execute(QStringLiteral("CREATE DATABASE %1").arg(name));
            m_location =
                QString(backend.database())
                    .replace(QStringLiteral("/postgres?"), QStringLiteral("/%1?").arg(name));
        } else {
            m_location = m_dir.filePath(name + QStringLiteral(".sqlite"));
        }
        m_store = Store::open(m_location);
        m_surveys = std::make_unique<SurveyCatalog>(*m_store, QString());
    }

    Store &store() { return *m_store; }
    SurveyCatalog &surveys() { return *m_surveys; }
    QString location() const { return m_location; }

    void sites(const QList<Site> &sites) { DeviceRegistry(*m_store).putSites(sites); }

    // Stores each record as a kiosk of its site would; fails the test on any refusal.
    void add(const QList<QJsonObject> &records)
    {
        QMap<QString, QList<IncomingRecord>> bySite;
        for (const QJsonObject &r : records)
            bySite[r.value(QStringLiteral("site")).toString()]
                << parseRecord(r, QStringLiteral("r"));
        IngestWriter writer(*m_store, *m_surveys);
        for (auto it = bySite.begin(); it != bySite.end(); ++it) {
            const auto results = writer.write(it.key() + QStringLiteral("/borne-1"), it.key(),
                                              it.value(), QDateTime::currentDateTimeUtc());
            for (const RecordResult &result : results)
                if (result.outcome != RecordResult::Stored)
                    qFatal("fixture record %s was not stored: %s %s", qPrintable(result.id),
                           qPrintable(result.reason), qPrintable(result.detail));
        }
    }

private:
    QTemporaryDir m_dir;
    QString m_location;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<SurveyCatalog> m_surveys;
};

inline QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

inline QJsonObject call(const QString &site, const QString &agency, const QString &outcome,
                        const QString &createdAt)
{
    return {
        {QStringLiteral("id"), newId()},
        {QStringLiteral("kind"), QStringLiteral("journal_event")},
        {QStringLiteral("site"), site},
        {QStringLiteral("created_at"), createdAt},
        {QStringLiteral("body"), QJsonObject{{QStringLiteral("type"), QStringLiteral("call_ended")},
                                             {QStringLiteral("agency"), agency},
                                             {QStringLiteral("outcome"), outcome},
                                             {QStringLiteral("duration_s"), 600}}}};
}

// A journal event of a kiosk's session journey (common/journey.h), as the kiosk sends it.
inline QJsonObject journeyEvent(const QString &site, const QString &createdAt,
                                const QJsonObject &body)
{
    return {{QStringLiteral("id"), newId()},
            {QStringLiteral("kind"), QStringLiteral("journal_event")},
            {QStringLiteral("site"), site},
            {QStringLiteral("created_at"), createdAt},
            {QStringLiteral("body"), body}};
}

// A session's end: how it ended (with the screen when abandoned), how she got through.
inline QJsonObject sessionEnded(const QString &site, const QString &createdAt, const QString &end,
                                const QString &autonomy, int durationS, const QString &screen = {})
{
    QJsonObject body{{QStringLiteral("type"), QStringLiteral("session_ended")},
                     {QStringLiteral("end"), end},
                     {QStringLiteral("autonomy"), autonomy},
                     {QStringLiteral("duration_s"), durationS}};
    if (!screen.isEmpty())
        body.insert(QStringLiteral("screen"), screen);
    return journeyEvent(site, createdAt, body);
}

// procedure_opened, or guide_help_requested when `step` is given.
inline QJsonObject guideEvent(const QString &site, const QString &createdAt, const QString &agency,
                              const QString &procedure, int step = 0)
{
    QJsonObject body{{QStringLiteral("type"), step ? QStringLiteral("guide_help_requested")
                                                   : QStringLiteral("procedure_opened")},
                     {QStringLiteral("agency"), agency},
                     {QStringLiteral("procedure"), procedure}};
    if (step)
        body.insert(QStringLiteral("step"), step);
    return journeyEvent(site, createdAt, body);
}

// A response to `survey` (version 1) with `answers` in the definition's codes, as a kiosk's
// record carries them.
inline QJsonObject response(const QString &site, const QString &week, const QJsonObject &answers,
                            const QString &agency = {},
                            const QString &survey = QStringLiteral("satisfaction-visite"))
{
    QJsonObject channel{{QStringLiteral("type"),
                         agency.isEmpty() ? QStringLiteral("visit") : QStringLiteral("visio")}};
    if (!agency.isEmpty())
        channel.insert(QStringLiteral("agency"), agency);
    const QDate monday = mondayOfIsoWeek(week);
    return {{QStringLiteral("id"), newId()},
            {QStringLiteral("kind"), QStringLiteral("survey_response")},
            {QStringLiteral("site"), site},
            {QStringLiteral("created_at"),
             monday.addDays(1).startOfDay(Qt::UTC).addSecs(36000).toString(Qt::ISODate)},
            {QStringLiteral("body"), QJsonObject{{QStringLiteral("survey"), survey},
                                                 {QStringLiteral("version"), 1},
                                                 {QStringLiteral("week"), week},
                                                 {QStringLiteral("channel"), channel},
                                                 {QStringLiteral("partial"), false},
                                                 {QStringLiteral("answers"), answers}}}};
}

// rows: {help, agency, day, count}
inline QJsonObject report(const QString &site, const QString &week,
                          const QList<std::tuple<QString, QString, QString, int>> &rows,
                          int closedDaysAfterSunday = 1, int version = 1,
                          const QString &replaces = {}, const QString &id = {})
{
    QJsonArray jsonRows;
    for (const auto &[help, agency, day, count] : rows)
        jsonRows.append(QJsonObject{{QStringLiteral("help"), help},
                                    {QStringLiteral("agency"), agency},
                                    {QStringLiteral("day"), day},
                                    {QStringLiteral("count"), count}});
    const QDateTime closed =
        mondayOfIsoWeek(week).addDays(6 + closedDaysAfterSunday).startOfDay(Qt::UTC).addSecs(3600);
    return {{QStringLiteral("id"), id.isEmpty() ? newId() : id},
            {QStringLiteral("kind"), QStringLiteral("weekly_report")},
            {QStringLiteral("site"), site},
            {QStringLiteral("created_at"), closed.toString(Qt::ISODate)},
            {QStringLiteral("body"),
             QJsonObject{{QStringLiteral("week"), week},
                         {QStringLiteral("version"), version},
                         {QStringLiteral("replaces"),
                          replaces.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(replaces)},
                         {QStringLiteral("closed_at"), closed.toString(Qt::ISODate)},
                         {QStringLiteral("rows"), jsonRows}}}};
}

inline Site site(const char *id, const char *territory, const char *departement,
                 const QMap<QString, double> &km = {}, const QDate &closed = {})
{
    return {QLatin1String(id),
            QLatin1String(id),
            QString::fromUtf8(territory),
            QLatin1String(departement),
            QDate(2009, 1, 5),
            closed,
            km};
}

} // namespace relais::observatory::test
