// SPDX-License-Identifier: EUPL-1.2
#include "surveyindicators.h"

#include "indicators.h"
#include "store/store.h"
#include "suppression.h"
#include "surveycatalog.h"

#include <QSqlQuery>

#include <cmath>

namespace relais::observatory {

namespace {

using Scale = SurveyIndicator::Scale;

} // namespace

void appendSurveyCell(QVariantList *row, qint64 respondents, const QVariant &figure)
{
    if (tooFewToShow(respondents))
        *row << withheldMark() << withheldMark();
    else
        *row << respondents << (respondents ? figure : QVariant());
}

void SurveyIndicators::countAnswers(
    const IndicatorFilter &filter, const std::function<Tally &(const QString &week)> &tallyOf) const
{
    QVariantList binds{filter.fromWeek, filter.toWeek};
    const QString sites = filter.siteCondition(QStringLiteral("r.site"), &binds);
    const QString agencies = filter.agencyCondition(QStringLiteral("r.agency"), &binds);
    QSqlQuery q = m_store.prepare(
        QStringLiteral("SELECT r.week, r.survey, r.version, a.question, a.answer, COUNT(*) FROM "
                       "survey_answers a JOIN survey_responses r ON r.record_id = a.record_id "
                       "WHERE r.week BETWEEN ? AND ? AND %1 AND %2 "
                       "GROUP BY r.week, r.survey, r.version, a.question, a.answer")
            .arg(sites, agencies));
    Store::run(q, binds);
    while (q.next()) {
        const SurveyDefinition *definition =
            m_surveys.find(q.value(1).toString(), q.value(2).toInt());
        if (!definition)
            continue;
        const auto read = definition->readRecorded(q.value(3).toString(), q.value(4).toString());
        const auto *answer = std::get_if<RecordedAnswer>(&read);
        if (!answer)
            continue;
        const qint64 n = q.value(5).toLongLong();
        Tally &tally = tallyOf(q.value(0).toString());
        tally.counts[{answer->question, answer->code}] += n;
        if (answer->question->kind != SurveyQuestion::Kind::MultipleChoice)
            tally.respondents[answer->question] += n;
    }
}

SurveyIndicators::Tally SurveyIndicators::tally(const IndicatorFilter &filter) const
{
    Tally tally;
    countAnswers(filter, [&tally](const QString &) -> Tally & { return tally; });
    // A multiple choice's respondents are the responses with an option chosen, not the sum of
    // the options.
    for (const CatalogIndicator &indicator : m_surveys.indicators()) {
        for (const IndicatorSource &source : indicator.sources) {
            if (source.question->kind != SurveyQuestion::Kind::MultipleChoice)
                continue;
            QVariantList distinctBinds{source.survey, source.version,
                                       source.question->id + QStringLiteral(".%"), filter.fromWeek,
                                       filter.toWeek};
            const QString inSites = filter.siteCondition(QStringLiteral("r.site"), &distinctBinds);
            const QString inAgencies =
                filter.agencyCondition(QStringLiteral("r.agency"), &distinctBinds);
            tally.respondents[source.question] =
                m_store
                    .scalar(QStringLiteral("SELECT COUNT(DISTINCT a.record_id) FROM survey_answers "
                                           "a JOIN survey_responses r ON r.record_id = "
                                           "a.record_id WHERE r.survey = ? AND r.version = ? AND "
                                           "a.question LIKE ? AND r.week BETWEEN ? AND ? AND %1 "
                                           "AND %2")
                                .arg(inSites, inAgencies),
                            distinctBinds)
                    .toLongLong();
        }
    }
    return tally;
}

SurveyIndicators::Shares SurveyIndicators::sharesOf(const CatalogIndicator &indicator,
                                                    const Tally &tally)
{
    Shares shares;
    for (const IndicatorSource &source : indicator.sources) {
        const SurveyQuestion *question = source.question;
        shares.respondents += tally.respondents.value(question);
        for (const QString &code : question->indicator->top)
            shares.top += tally.counts.value({question, code});
        for (const QString &code : question->indicator->positive)
            shares.positive += tally.counts.value({question, code});
    }
    return shares;
}

SurveyIndicators::Scores SurveyIndicators::scoresOf(const CatalogIndicator &indicator,
                                                    const Tally &tally)
{
    Scores scores;
    for (const IndicatorSource &source : indicator.sources) {
        for (int score = 0; score <= 10; ++score) {
            const qint64 n = tally.counts.value({source.question, QString::number(score)});
            (score >= 9 ? scores.promoters : score >= 7 ? scores.passives : scores.detractors) += n;
        }
    }
    return scores;
}

double SurveyIndicators::Scores::nps() const
{
    // From the counts, not from rounded percentages.
    const qint64 n = respondents();
    return n ? std::round(1000.0 * double(promoters - detractors) / double(n)) / 10.0 : 0.0;
}

Table SurveyIndicators::satisfaction(const IndicatorFilter &filter) const
{
    Table table{QStringLiteral("satisfaction"),
                QStringLiteral("Satisfaction"),
                {QStringLiteral("question"), QStringLiteral("respondents"), QStringLiteral("top"),
                 QStringLiteral("top_pct"), QStringLiteral("positive"),
                 QStringLiteral("positive_pct"), QStringLiteral("top_among_positive_pct")},
                {QStringLiteral("Question"), QStringLiteral("Répondants"),
                 QStringLiteral("Très satisfaits (ou oui, totalement)"), QStringLiteral("%"),
                 QStringLiteral("Satisfaits et très satisfaits"), QStringLiteral("%"),
                 QStringLiteral("Très satisfaits parmi les satisfaits (%)")},
                {}};
    const Tally t = tally(filter);
    for (const CatalogIndicator &indicator : m_surveys.indicators()) {
        if (indicator.scale != Scale::Satisfaction && indicator.scale != Scale::Need &&
            indicator.scale != Scale::YesNo)
            continue;
        const auto [respondents, top, positive] = sharesOf(indicator, t);
        table.rows << QVariantList{
            indicator.label,           respondents, top,
            percent(top, respondents), positive,    percent(positive, respondents),
            percent(top, positive)};
    }
    return table;
}

std::optional<Table> SurveyIndicators::netPromoterScore(const IndicatorFilter &filter) const
{
    const QList<CatalogIndicator> scores = m_surveys.indicators(Scale::Nps);
    if (scores.isEmpty())
        return std::nullopt;
    Table table{QStringLiteral("nps"),
                QStringLiteral("Recommandation (NPS)"),
                {QStringLiteral("question"), QStringLiteral("respondents"),
                 QStringLiteral("promoters_pct"), QStringLiteral("passives_pct"),
                 QStringLiteral("detractors_pct"), QStringLiteral("nps")},
                {QStringLiteral("Question"), QStringLiteral("Répondants"),
                 QStringLiteral("Promoteurs, 9-10 (%)"), QStringLiteral("Passifs, 7-8 (%)"),
                 QStringLiteral("Détracteurs, 0-6 (%)"), QStringLiteral("NPS")},
                {}};
    const Tally t = tally(filter);
    for (const CatalogIndicator &indicator : scores) {
        const Scores given = scoresOf(indicator, t);
        const qint64 respondents = given.respondents();
        table.rows << QVariantList{indicator.label,
                                   respondents,
                                   percent(given.promoters, respondents),
                                   percent(given.passives, respondents),
                                   percent(given.detractors, respondents),
                                   given.nps()};
    }
    return table;
}

Table SurveyIndicators::trend(const IndicatorFilter &filter, Grain grain) const
{
    Table table = Table::byPeriod(
        QStringLiteral("satisfaction_trend"),
        QStringLiteral("Évolution de la satisfaction, du besoin satisfait et du NPS"));
    QList<CatalogIndicator> shown;
    for (const CatalogIndicator &indicator : m_surveys.indicators()) {
        if (indicator.scale != Scale::Satisfaction && indicator.scale != Scale::Need &&
            indicator.scale != Scale::Nps)
            continue;
        const bool nps = indicator.scale == Scale::Nps;
        table.columns << indicator.id + QStringLiteral("_respondents")
                      << indicator.id + (nps ? QStringLiteral("_nps") : QStringLiteral("_pct"));
        table.titles << QStringLiteral("%1\u00a0: répondants").arg(indicator.label)
                     << (nps ? QStringLiteral("%1\u00a0: NPS")
                             : QStringLiteral("%1\u00a0: réponses positives (%)"))
                            .arg(indicator.label);
        shown << indicator;
    }
    // Multiple choices' respondents are left out of these tallies: none of these figures has one.
    QMap<QString, Tally> perPeriod;
    countAnswers(filter, [&perPeriod, grain](const QString &week) -> Tally & {
        return perPeriod[periodOf(week, grain)];
    });
    for (auto it = perPeriod.cbegin(); it != perPeriod.cend(); ++it) {
        QVariantList row{it.key()};
        for (const CatalogIndicator &indicator : std::as_const(shown)) {
            if (indicator.scale == Scale::Nps) {
                const Scores scores = scoresOf(indicator, it.value());
                appendSurveyCell(&row, scores.respondents(), scores.nps());
            } else {
                const Shares shares = sharesOf(indicator, it.value());
                appendSurveyCell(&row, shares.respondents,
                                 percent(shares.positive, shares.respondents));
            }
        }
        table.rows << row;
    }
    return table;
}

Table SurveyIndicators::answersOf(const IndicatorFilter &filter, const QString &tableId,
                                  const QList<SurveyIndicator::Scale> &scales) const
{
    Table table{tableId,
                tableId == QLatin1String("profile")
                    ? QStringLiteral("Profil des répondants")
                    : QStringLiteral("Venue et connaissance du lieu"),
                {QStringLiteral("question"), QStringLiteral("answer"), QStringLiteral("count"),
                 QStringLiteral("share_pct")},
                {QStringLiteral("Question"), QStringLiteral("Réponse"), QStringLiteral("Nombre"),
                 QStringLiteral("Part (%)")},
                {}};
    const Tally t = tally(filter);
    for (const CatalogIndicator &indicator : m_surveys.indicators()) {
        if (!scales.contains(indicator.scale))
            continue;
        // The answers in the newest definition's order and words, then any only older ones had.
        QList<SurveyOption> answers;
        qint64 respondents = 0;
        for (auto source = indicator.sources.crbegin(); source != indicator.sources.crend();
             ++source) {
            respondents += t.respondents.value(source->question);
            for (const SurveyOption &choice : source->question->choices())
                if (std::none_of(answers.cbegin(), answers.cend(),
                                 [&](const SurveyOption &a) { return a.id == choice.id; }))
                    answers << choice;
        }
        for (const SurveyOption &answer : std::as_const(answers)) {
            qint64 n = 0;
            for (const IndicatorSource &source : indicator.sources)
                n += t.counts.value({source.question, answer.id});
            if (n > 0)
                table.rows << QVariantList{indicator.label, answer.label.fr, n,
                                           percent(n, respondents)};
        }
    }
    return table;
}

} // namespace relais::observatory
