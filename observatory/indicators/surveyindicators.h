// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "indicatorfilter.h"
#include "surveydefinition.h"
#include "table.h"

#include <QMap>

#include <functional>
#include <optional>

namespace relais::observatory {

class Store;
class SurveyCatalog;
struct CatalogIndicator;

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
    // Satisfaction and need met (share positive) and NPS per period, each with its respondents,
    // computed per period as the two tables above are over the whole selection. A cell of
    // fewer than 11 respondents holds "<11" instead of its figures.
    Table trend(const IndicatorFilter &filter, Grain grain) const;
    // How the answers of the indicators of `scales` split, one row per answer given.
    Table answersOf(const IndicatorFilter &filter, const QString &tableId,
                    const QList<SurveyIndicator::Scale> &scales) const;

private:
    struct Tally
    {
        QMap<QPair<const SurveyQuestion *, QString>, qint64> counts; // (question, code) → n
        QMap<const SurveyQuestion *, qint64> respondents;            // responses that answered it
    };
    // Adds each answer of the selection to the tally that `tallyOf` gives for its week.
    void countAnswers(const IndicatorFilter &filter,
                      const std::function<Tally &(const QString &week)> &tallyOf) const;
    Tally tally(const IndicatorFilter &filter) const;

    // An indicator's counts in a tally, from which both its whole-range row and its trend cells
    // are computed.
    struct Shares
    {
        qint64 respondents = 0;
        qint64 top = 0;
        qint64 positive = 0;
    };
    static Shares sharesOf(const CatalogIndicator &indicator, const Tally &tally);
    struct Scores
    {
        qint64 promoters = 0;
        qint64 passives = 0;
        qint64 detractors = 0;
        qint64 respondents() const { return promoters + passives + detractors; }
        double nps() const;
    };
    static Scores scoresOf(const CatalogIndicator &indicator, const Tally &tally);

    Store &m_store;
    const SurveyCatalog &m_surveys;
};

// A survey figure's cell and its respondents', as the trend and the map show them: both withheld
// under 11 respondents (the suppression rule's threshold); no figure without a respondent.
void appendSurveyCell(QVariantList *row, qint64 respondents, const QVariant &figure);

} // namespace relais::observatory
