#pragma once

#include "indicatorfilter.h"
#include "table.h"

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
    Table callsByAgency(const IndicatorFilter &filter) const;
    Table callsByPeriod(const IndicatorFilter &filter, Grain grain) const;
    Table completeness(const IndicatorFilter &filter, Grain grain, int onTimeDays) const;
    Table travelAvoided(const IndicatorFilter &filter, double co2KgPerKm) const;

private:
    Store &m_store;
};

// Percentage with one decimal; 0 when the denominator is 0.
double percent(qint64 numerator, qint64 denominator);

} // namespace relais::observatory
