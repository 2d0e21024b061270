// SPDX-License-Identifier: EUPL-1.2
#include "sitemap.h"

#include "indicators/indicators.h"
#include "indicators/surveycatalog.h"
#include "indicators/surveyindicators.h"
#include "store/store.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <cmath>

namespace relais::observatory {

namespace {

struct Commune
{
    QString name;
    qint64 population = 0; // 0: unknown
};

const QHash<QString, Commune> &communes()
{
    static const QHash<QString, Commune> known = [] {
        QHash<QString, Commune> out;
        QFile file(QStringLiteral(":/relais/observatory/dashboard/geo/communes.json"));
        if (!file.open(QIODevice::ReadOnly))
            return out;
        const QJsonObject all = QJsonDocument::fromJson(file.readAll()).object();
        for (auto it = all.begin(); it != all.end(); ++it) {
            const QJsonObject c = it.value().toObject();
            out.insert(it.key(), {c.value(QStringLiteral("nom")).toString(),
                                  c.value(QStringLiteral("population")).toInteger()});
        }
        return out;
    }();
    return known;
}

} // namespace

QString communeName(const QString &insee)
{
    return communes().value(insee).name;
}

namespace {

// Per site: kiosks in service (not revoked) and how many of them are silent, in words.
QHash<QString, QString> fleetStates(const Table &fleet)
{
    const qsizetype device = fleet.columns.indexOf(QStringLiteral("device"));
    const qsizetype state = fleet.columns.indexOf(QStringLiteral("state"));
    const qsizetype silence = fleet.columns.indexOf(QStringLiteral("silence"));
    QHash<QString, QPair<int, int>> counts; // site → (in service, silent)
    for (const QVariantList &row : fleet.rows) {
        if (row.value(state).toString() != QLatin1String("active"))
            continue;
        auto &[inService, silent] = counts[row.value(device).toString().section(u'/', 0, 0)];
        ++inService;
        if (!row.value(silence).toString().isEmpty())
            ++silent;
    }
    QHash<QString, QString> words;
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        const auto [inService, silent] = it.value();
        words.insert(it.key(), silent == 0           ? QStringLiteral("en service")
                               : silent == inService ? QStringLiteral("silencieuse")
                                                     : QStringLiteral("en partie silencieuse"));
    }
    return words;
}

double oneDecimal(double value)
{
    return std::round(value * 10) / 10;
}

} // namespace

QList<Table> siteMap(Store &store, const SurveyCatalog &surveys, IndicatorFilter filter,
                     const FleetView &view)
{
    filter.sites.clear();
    const QList<CatalogIndicator> satisfactions =
        surveys.indicators(SurveyIndicator::Scale::Satisfaction);
    const QString question = satisfactions.isEmpty() ? QString() : satisfactions.first().label;
    Table sites{
        QStringLiteral("map_sites"),
        QStringLiteral("Carte : les sites, leurs aides et leur satisfaction"),
        {QStringLiteral("site"), QStringLiteral("name"), QStringLiteral("territory"),
         QStringLiteral("insee"), QStringLiteral("lat"), QStringLiteral("lon"),
         QStringLiteral("helps"), QStringLiteral("satisfaction_respondents"),
         QStringLiteral("satisfaction_pct"), QStringLiteral("fleet")},
        {QStringLiteral("Identifiant"), QStringLiteral("Site"), QStringLiteral("Territoire"),
         QStringLiteral("Commune (code INSEE)"), QStringLiteral("Latitude"),
         QStringLiteral("Longitude"), QStringLiteral("Aides (grilles hebdomadaires)"),
         QStringLiteral("Répondants (%1)").arg(question),
         QStringLiteral("Satisfaits et très satisfaits (%)"), QStringLiteral("État des bornes")},
        {}};
    Table perCommune{QStringLiteral("map_communes"),
                     QStringLiteral("Aides pour 1 000 habitants, par commune des sites"),
                     {QStringLiteral("insee"), QStringLiteral("commune"),
                      QStringLiteral("population"), QStringLiteral("sites"),
                      QStringLiteral("helps"), QStringLiteral("helps_per_1000")},
                     {QStringLiteral("Code INSEE"), QStringLiteral("Commune"),
                      QStringLiteral("Population légale"), QStringLiteral("Sites"),
                      QStringLiteral("Aides"), QStringLiteral("Aides pour 1 000 habitants")},
                     {}};
    // Read before the sites' query: PostgreSQL's driver drops a query's rows when another runs.
    const QHash<QString, qint64> helps = Indicators(store).helpsBySite(filter);
    const QHash<QString, QString> fleet = fleetStates(fleetStatus(store, filter, view));
    QVariantList binds;
    QSqlQuery q = store.prepare(
        QStringLiteral("SELECT id, name, territory, insee, lat, lon FROM sites WHERE %1 AND "
                       "(insee IS NOT NULL OR lat IS NOT NULL) ORDER BY name, id")
            .arg(filter.servingSiteCondition(QStringLiteral("id"), &binds)));
    Store::run(q, binds);
    struct Row
    {
        QString id, name, territory, insee;
        QVariant lat, lon;
    };
    QList<Row> rows;
    while (q.next())
        rows.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                     q.value(3).toString(), q.value(4), q.value(5)});
    const SurveyIndicators answers(store, surveys);
    QMap<QString, QPair<int, qint64>> byCommune; // INSEE code → (sites, helps)
    for (const Row &row : rows) {
        if (!row.insee.isEmpty()) {
            auto &[count, sum] = byCommune[row.insee];
            ++count;
            sum += helps.value(row.id);
        }
        if (row.lat.isNull())
            continue;
        QVariantList cells{row.id,
                           row.name,
                           row.territory,
                           row.insee.isEmpty() ? QVariant() : QVariant(row.insee),
                           row.lat.toDouble(),
                           row.lon.toDouble(),
                           helps.value(row.id)};
        qint64 respondents = 0;
        QVariant share;
        if (!question.isEmpty()) {
            IndicatorFilter one = filter;
            one.sites = {row.id};
            const Table satisfaction = answers.satisfaction(one);
            const auto column = [&](const char *id) {
                return satisfaction.columns.indexOf(QLatin1String(id));
            };
            for (const QVariantList &line : satisfaction.rows) {
                if (line.value(column("question")).toString() != question)
                    continue;
                respondents = line.value(column("respondents")).toLongLong();
                share = line.value(column("positive_pct"));
            }
        }
        appendSurveyCell(&cells, respondents, share);
        cells << fleet.value(row.id, QStringLiteral("sans borne"));
        sites.rows << cells;
    }
    for (auto it = byCommune.begin(); it != byCommune.end(); ++it) {
        const Commune commune = communes().value(it.key());
        const auto [count, sum] = it.value();
        perCommune.rows << QVariantList{
            it.key(),
            commune.name.isEmpty() ? it.key() : commune.name,
            commune.population ? QVariant(commune.population) : QVariant(),
            count,
            sum,
            commune.population
                ? QVariant(oneDecimal(1000.0 * double(sum) / double(commune.population)))
                : QVariant()};
    }
    return {sites, perCommune};
}

} // namespace relais::observatory
