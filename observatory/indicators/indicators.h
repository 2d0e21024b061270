// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "indicatorfilter.h"
#include "table.h"

#include <QHash>
#include <QSqlQuery>

namespace relais::observatory {

class Store;

// The partners' indicators (DOMAIN.md), each a Table. Rates are computed from summed
// numerators and denominators, never by averaging percentages. Those from survey answers are
// SurveyIndicators'.
class Indicators
{
public:
    explicit Indicators(Store &store) : m_store(store) {}

    // The dashboard's main query: visits per period by kind of help.
    Table visitsByPeriod(const IndicatorFilter &filter, Grain grain) const;
    Table visitsByTerritory(const IndicatorFilter &filter) const;
    // Helps of all kinds per site id, counted as visitsByTerritory counts them (the map).
    QHash<QString, qint64> helpsBySite(const IndicatorFilter &filter) const;
    Table callsByAgency(const IndicatorFilter &filter) const;
    Table callsByPeriod(const IndicatorFilter &filter, Grain grain) const;
    // How advisers said their calls ended (common/callwrapup.h), per agency.
    Table callWrapUps(const IndicatorFilter &filter) const;
    Table completeness(const IndicatorFilter &filter, Grain grain, int onTimeDays) const;
    Table travelAvoided(const IndicatorFilter &filter, double co2KgPerKm) const;

    // The journey of kiosk sessions (common/journey.h). A session is a person: these count
    // persons, where the weekly grids count kinds of help (one person may get several).
    // Sessions are the site's, not an agency's: the agency filter does not apply to them.
    Table persons(const IndicatorFilter &filter, Grain grain) const;
    Table personsBySite(const IndicatorFilter &filter) const;
    Table autonomy(const IndicatorFilter &filter) const;
    Table sessionEnds(const IndicatorFilter &filter) const;
    // The guided procedures, within the agency filter.
    Table procedures(const IndicatorFilter &filter) const;
    Table helpSteps(const IndicatorFilter &filter) const;

private:
    // Helps of all kinds from the weekly grids per value of a column of `sites`, most first;
    // limited to agencies, only the lines given for them.
    QList<QPair<QString, qint64>> helpsBy(const IndicatorFilter &filter,
                                          const QString &column) const;
    // The sessions (session_ended) of the filter's weeks and sites, grouped by `columns`: each
    // row holds them, then `aggregates`.
    QSqlQuery sessions(const IndicatorFilter &filter, const QString &columns,
                       const QString &aggregates = QStringLiteral("COUNT(*)")) const;

    Store &m_store;
};

// Percentage with one decimal; 0 when the denominator is 0.
double percent(qint64 numerator, qint64 denominator);

// The French words for the journey's codes (common/journey.h): an autonomy class, an end and,
// for an abandoned session, the screen it was left on (none: abandoned, wherever).
QString autonomyTitle(const QString &code);
QString screenTitle(const QString &screen);
QString endTitle(const QString &end, const QString &screen);

} // namespace relais::observatory
