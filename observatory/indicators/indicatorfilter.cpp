// SPDX-License-Identifier: EUPL-1.2
#include "indicatorfilter.h"

#include "ingest/records.h"

namespace relais::observatory {

namespace {

QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks << QStringLiteral("?");
    return marks.join(QStringLiteral(", "));
}

void appendAll(QVariantList *binds, const QStringList &values)
{
    for (const QString &value : values)
        binds->append(value);
}

} // namespace

QString IndicatorFilter::siteCondition(const QString &column, QVariantList *binds) const
{
    QStringList parts;
    if (!sites.isEmpty()) {
        parts << QStringLiteral("id IN (%1)").arg(placeholders(sites.size()));
        appendAll(binds, sites);
    }
    if (!territories.isEmpty()) {
        parts << QStringLiteral("territory IN (%1)").arg(placeholders(territories.size()));
        appendAll(binds, territories);
    }
    if (!departements.isEmpty()) {
        parts << QStringLiteral("departement IN (%1)").arg(placeholders(departements.size()));
        appendAll(binds, departements);
    }
    if (parts.isEmpty())
        return QStringLiteral("1=1");
    return QStringLiteral("%1 IN (SELECT id FROM sites WHERE %2)")
        .arg(column, parts.join(QStringLiteral(" AND ")));
}

QString IndicatorFilter::servingSiteCondition(const QString &column, QVariantList *binds) const
{
    const QString sites = siteCondition(column, binds);
    if (agencies.isEmpty())
        return sites;
    return QStringLiteral("%1 AND %2 IN (SELECT site FROM site_week_rows WHERE %3)")
        .arg(sites, column, agencyCondition(QStringLiteral("agency"), binds));
}

QString IndicatorFilter::agencyCondition(const QString &column, QVariantList *binds) const
{
    if (agencies.isEmpty())
        return QStringLiteral("1=1");
    appendAll(binds, agencies);
    return QStringLiteral("%1 IN (%2)").arg(column, placeholders(agencies.size()));
}

QString periodOf(const QString &week, Grain grain)
{
    if (grain == Grain::Week)
        return week;
    const QDate thursday = mondayOfIsoWeek(week).addDays(3);
    if (grain == Grain::Year)
        return QString::number(thursday.year());
    if (grain == Grain::Month)
        return QStringLiteral("%1-%2")
            .arg(thursday.year())
            .arg(thursday.month(), 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1-T%2").arg(thursday.year()).arg((thursday.month() - 1) / 3 + 1);
}

Grain grainFromName(const QString &name, bool *ok)
{
    *ok = true;
    if (name == QLatin1String("week") || name.isEmpty())
        return Grain::Week;
    if (name == QLatin1String("month"))
        return Grain::Month;
    if (name == QLatin1String("quarter"))
        return Grain::Quarter;
    if (name == QLatin1String("year"))
        return Grain::Year;
    *ok = false;
    return Grain::Week;
}

} // namespace relais::observatory
