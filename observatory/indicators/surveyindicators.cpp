// SPDX-License-Identifier: EUPL-1.2
#include "surveyindicators.h"

#include "indicators.h"
#include "store/store.h"
#include "surveycatalog.h"

#include <QSqlQuery>

#include <cmath>

namespace relais::observatory {

namespace {

using Scale = SurveyIndicator::Scale;

} // namespace

SurveyIndicators::Tally SurveyIndicators::tally(const IndicatorFilter &filter) const
{
    Tally tally;
    QVariantList binds{filter.fromWeek, filter.toWeek};
    const QString sites = filter.siteCondition(QStringLiteral("r.site"), &binds);
    const QString agencies = filter.agencyCondition(QStringLiteral("r.agency"), &binds);
    QSqlQuery q = m_store.prepare(
        QStringLiteral("SELECT r.survey, r.version, a.question, a.answer, COUNT(*) FROM "
                       "survey_answers a JOIN survey_responses r ON r.record_id = a.record_id "
                       "WHERE r.week BETWEEN ? AND ? AND %1 AND %2 "
                       "GROUP BY r.survey, r.version, a.question, a.answer")
            .arg(sites, agencies));
    Store::run(q, binds);
    while (q.next()) {
        const SurveyDefinition *definition =
            m_surveys.find(q.value(0).toString(), q.value(1).toInt());
        if (!definition)
            continue;
        const auto read = definition->readRecorded(q.value(2).toString(), q.value(3).toString());
        const auto *answer = std::get_if<RecordedAnswer>(&read);
        if (!answer)
            continue;
        const qint64 n = q.value(4).toLongLong();
        tally.counts[{answer->question, answer->code}] += n;
        if (answer->question->kind != SurveyQuestion::Kind::MultipleChoice)
            tally.respondents[answer->question] += n;
    }
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
        qint64 respondents = 0, top = 0, positive = 0;
        for (const IndicatorSource &source : indicator.sources) {
            const SurveyQuestion *question = source.question;
            respondents += t.respondents.value(question);
            for (const QString &code : question->indicator->top)
                top += t.counts.value({question, code});
            for (const QString &code : question->indicator->positive)
                positive += t.counts.value({question, code});
        }
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
        qint64 promoters = 0, passives = 0, detractors = 0;
        for (const IndicatorSource &source : indicator.sources) {
            for (int score = 0; score <= 10; ++score) {
                const qint64 n = t.counts.value({source.question, QString::number(score)});
                (score >= 9 ? promoters : score >= 7 ? passives : detractors) += n;
            }
        }
        const qint64 respondents = promoters + passives + detractors;
        // NPS from the counts, not from rounded percentages.
        const double nps =
            respondents
                ? std::round(1000.0 * double(promoters - detractors) / double(respondents)) / 10.0
                : 0.0;
        table.rows << QVariantList{indicator.label,
                                   respondents,
                                   percent(promoters, respondents),
                                   percent(passives, respondents),
                                   percent(detractors, respondents),
                                   nps};
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
