// SPDX-License-Identifier: EUPL-1.2
#include "accessibilitymatrix.h"

#include "indicators.h"
#include "store/store.h"
#include "surveycatalog.h"

#include <QSqlQuery>

namespace relais::observatory {

namespace {

struct Cell
{
    qint64 respondents = 0;
    qint64 satisfied = 0;
};

using Scale = SurveyIndicator::Scale;

// (criterion indicator, service code) → counts over the responses the filter selects.
QMap<QPair<QString, QString>, Cell> cells(Store &store, const SurveyCatalog &surveys,
                                          const IndicatorFilter &filter)
{
    QMap<QPair<QString, QString>, Cell> out;
    for (const SurveyDefinition *definition : surveys.definitions()) {
        const auto service = std::find_if(
            definition->questions.cbegin(), definition->questions.cend(), [](const auto &q) {
                return q.indicator && q.indicator->scale == Scale::MatrixService;
            });
        if (service == definition->questions.cend())
            continue;
        // Each criterion's answer beside the service chosen in the same response.
        QVariantList binds{service->id, definition->id, definition->version, filter.fromWeek,
                           filter.toWeek};
        const QString sites = filter.siteCondition(QStringLiteral("r.site"), &binds);
        QSqlQuery q = store.prepare(
            QStringLiteral("SELECT a.question, s.answer, a.answer, COUNT(*) FROM survey_answers a "
                           "JOIN survey_responses r ON r.record_id = a.record_id JOIN "
                           "survey_answers s ON s.record_id = a.record_id AND s.question = ? "
                           "WHERE r.survey = ? AND r.version = ? AND r.week BETWEEN ? AND ? AND "
                           "%1 GROUP BY a.question, s.answer, a.answer")
                .arg(sites));
        Store::run(q, binds);
        while (q.next()) {
            const SurveyQuestion *criterion = definition->find(q.value(0).toString());
            if (!criterion || !criterion->indicator ||
                criterion->indicator->scale != Scale::MatrixCriterion)
                continue;
            Cell &cell = out[{criterion->indicator->id, q.value(1).toString()}];
            cell.respondents += q.value(3).toLongLong();
            if (criterion->indicator->positive.contains(q.value(2).toString()))
                cell.satisfied += q.value(3).toLongLong();
        }
    }
    return out;
}

// The services as (code, French words), in the newest definition's order, then any only older
// ones had.
QList<QPair<QString, QString>> services(const SurveyCatalog &surveys)
{
    QList<QPair<QString, QString>> list;
    for (const CatalogIndicator &column : surveys.indicators(Scale::MatrixService)) {
        for (auto source = column.sources.crbegin(); source != column.sources.crend(); ++source) {
            for (const SurveyOption &option : source->question->options) {
                if (std::none_of(list.cbegin(), list.cend(),
                                 [&](const auto &known) { return known.first == option.id; }))
                    list.append({option.id, option.label.fr});
            }
        }
    }
    return list;
}

} // namespace

QString matrixLevel(double s, double g, const MatrixThresholds &t)
{
    if (s < t.reviseBelow || (s < t.watchBelow && g <= t.gapPoints))
        return QStringLiteral("à réviser");
    if (s < t.watchBelow || g <= t.gapPoints)
        return QStringLiteral("à surveiller");
    if (s < t.optimiseBelow)
        return QStringLiteral("à optimiser");
    return QStringLiteral("à maintenir");
}

Table accessibilityMatrix(Store &store, const SurveyCatalog &surveys, const IndicatorFilter &filter,
                          const MatrixThresholds &thresholds)
{
    Table table{QStringLiteral("matrix"),
                QStringLiteral("Matrice d'accessibilité des services"),
                {QStringLiteral("criterion"), QStringLiteral("service"),
                 QStringLiteral("respondents"), QStringLiteral("satisfied_pct"),
                 QStringLiteral("departement_pct"), QStringLiteral("gap_points"),
                 QStringLiteral("level")},
                {QStringLiteral("Critère"), QStringLiteral("Service"), QStringLiteral("Répondants"),
                 QStringLiteral("Satisfaits, territoire (%)"),
                 QStringLiteral("Satisfaits, département (%)"), QStringLiteral("Écart (points)"),
                 QStringLiteral("Niveau")},
                {}};
    // The reference is the whole of the département(s) the scope's sites belong to.
    QVariantList binds;
    QSqlQuery q = store.prepare(QStringLiteral("SELECT DISTINCT departement FROM sites WHERE %1")
                                    .arg(filter.siteCondition(QStringLiteral("id"), &binds)));
    Store::run(q, binds);
    IndicatorFilter reference;
    reference.fromWeek = filter.fromWeek;
    reference.toWeek = filter.toWeek;
    while (q.next())
        reference.departements << q.value(0).toString();
    if (reference.departements.isEmpty())
        return table;
    const auto local = cells(store, surveys, filter);
    const auto wide = cells(store, surveys, reference);
    const QList<QPair<QString, QString>> columns = services(surveys);
    // Rows in the definitions' order; within a row, the services in their question's.
    for (const CatalogIndicator &criterion : surveys.indicators(Scale::MatrixCriterion)) {
        for (const auto &[code, words] : columns) {
            const auto cell = local.constFind({criterion.id, code});
            if (cell == local.cend())
                continue;
            const Cell c = *cell;
            const Cell d = wide.value(cell.key());
            const double s = percent(c.satisfied, c.respondents);
            const double ds = percent(d.satisfied, d.respondents);
            const double gap = std::round((s - ds) * 10.0) / 10.0;
            table.rows << QVariantList{
                criterion.label, words, c.respondents, s, ds, gap, matrixLevel(s, gap, thresholds)};
        }
    }
    return table;
}

} // namespace relais::observatory
