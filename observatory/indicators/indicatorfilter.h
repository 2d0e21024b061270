// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>
#include <QStringList>
#include <QVariantList>

namespace relais::observatory {

enum class Grain { Week, Month, Quarter, Year };

// What a table is computed over: a range of ISO weeks and a scope (sites, territories,
// a département, agencies). An empty list means "all". A partner's own scope is applied by
// intersecting it with what they ask for (see PartnerScope).
struct IndicatorFilter
{
    QString fromWeek = QStringLiteral("2000-W01");
    QString toWeek = QStringLiteral("2999-W52");
    QStringList sites;
    QStringList territories;
    QStringList departements;
    QStringList agencies;

    // "<column> IN (SELECT id FROM sites WHERE …)" with its bind values appended to `binds`;
    // "1=1" when no site-side restriction applies.
    QString siteCondition(const QString &column, QVariantList *binds) const;
    // siteCondition, narrowed when agencies are given to the sites serving one of them (whose
    // weekly counts name it): for the tables about a site as a whole (completeness, fleet), which
    // a partner limited to agencies sees for those sites only.
    QString servingSiteCondition(const QString &column, QVariantList *binds) const;
    // "<column> IN (?, …)" for the agencies, or "1=1".
    QString agencyCondition(const QString &column, QVariantList *binds) const;
};

// The label a week falls under: "2026-W07", "2026-02", "2026-T1" or "2026". A week belongs to
// the month, quarter and year of its Thursday, as ISO weeks belong to the year of theirs: each
// week is in exactly one period of every grain, never split between two (2026-W05, Monday
// 26 January to Sunday 1 February, is January's).
QString periodOf(const QString &week, Grain grain);
Grain grainFromName(const QString &name, bool *ok);

} // namespace relais::observatory
