#include "accessibilitymatrix.h"

#include "indicators.h"
#include "questioncatalog.h"
#include "store/store.h"

#include <QSqlQuery>

namespace relais::observatory {

namespace {

struct Cell
{
    qint64 respondents = 0;
    qint64 satisfied = 0;
};

// (criterion, service) → counts over the responses the filter selects.
QMap<QPair<QString, QString>, Cell> cells(Store &store, const IndicatorFilter &filter)
{
    QVariantList binds{filter.fromWeek, filter.toWeek};
    const QString sites = filter.siteCondition(QStringLiteral("r.site"), &binds);
    QSqlQuery q = store.prepare(
        QStringLiteral("SELECT a.question, SUM(CASE WHEN a.answer IN ('tres_satisfait', "
                       "'satisfait') THEN 1 ELSE 0 END), COUNT(*) FROM survey_answers a JOIN "
                       "survey_responses r ON r.record_id = a.record_id WHERE a.question LIKE "
                       "'acc.%' AND a.answer IN ('tres_satisfait', 'satisfait', 'peu_satisfait', "
                       "'pas_satisfait') AND r.week BETWEEN ? AND ? AND %1 GROUP BY a.question")
            .arg(sites));
    Store::run(q, binds);
    QMap<QPair<QString, QString>, Cell> out;
    while (q.next()) {
        const QStringList parts = q.value(0).toString().split(u'.');
        if (parts.size() != 3)
            continue;
        out.insert({parts[1], parts[2]}, {q.value(2).toLongLong(), q.value(1).toLongLong()});
    }
    return out;
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

Table accessibilityMatrix(Store &store, const IndicatorFilter &filter,
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
    const auto local = cells(store, filter);
    const auto wide = cells(store, reference);
    QMap<QString, int> criterionOrder;
    const auto &criteria = QuestionCatalog::builtIn().criteria;
    for (qsizetype i = 0; i < criteria.size(); ++i)
        criterionOrder.insert(criteria[i].first, int(i));
    QList<QPair<QString, QString>> keys = local.keys();
    std::sort(keys.begin(), keys.end(), [&](const auto &a, const auto &b) {
        const int ia = criterionOrder.value(a.first, 1000),
                  ib = criterionOrder.value(b.first, 1000);
        return ia != ib ? ia < ib : a < b;
    });
    for (const auto &key : keys) {
        const Cell c = local.value(key);
        const Cell d = wide.value(key);
        const double s = percent(c.satisfied, c.respondents);
        const double ds = percent(d.satisfied, d.respondents);
        const double gap = std::round((s - ds) * 10.0) / 10.0;
        QString label = key.first;
        for (const auto &[id, text] : criteria)
            if (id == key.first)
                label = text;
        table.rows << QVariantList{
            label, key.second, c.respondents, s, ds, gap, matrixLevel(s, gap, thresholds)};
    }
    return table;
}

} // namespace relais::observatory
