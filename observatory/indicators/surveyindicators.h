// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "indicatorfilter.h"
#include "surveydefinition.h"
#include "table.h"

#include <QMap>

#include <optional>

namespace relais::observatory {

class Store;
class SurveyCatalog;

// The partners' figures from survey answers (DOMAIN.md), driven by the survey definitions:
// each question names the indicator it feeds, its scale and its French label; answers are the
// definitions' codes, counted with the definition and version each response names. A scale is
// read as collected (4-point satisfaction, need met, yes/no, NPS 0–10) and every rate comes
// from summed numerators and denominators.
class SurveyIndicators
{
public:
    SurveyIndicators(Store &store, const SurveyCatalog &surveys)
        : m_store(store), m_surveys(surveys)
    {}

    // One row per satisfaction, need and yes/no indicator: respondents, top, positive.
    Table satisfaction(const IndicatorFilter &filter) const;
    // One row per 0–10 indicator; nothing when no definition has such a question.
    std::optional<Table> netPromoterScore(const IndicatorFilter &filter) const;
    // How the answers of the indicators of `scales` split, one row per answer given.
    Table answersOf(const IndicatorFilter &filter, const QString &tableId,
                    const QList<SurveyIndicator::Scale> &scales) const;

private:
    struct Tally
    {
        QMap<QPair<const SurveyQuestion *, QString>, qint64> counts; // (question, code) → n
        QMap<const SurveyQuestion *, qint64> respondents;            // responses that answered it
    };
    Tally tally(const IndicatorFilter &filter) const;

    Store &m_store;
    const SurveyCatalog &m_surveys;
};

} // namespace relais::observatory
