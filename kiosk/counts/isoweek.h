// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTimeZone>

#include <compare>
#include <optional>

namespace relais {

// An ISO 8601 week (Monday first; week 1 holds the year's first Thursday, so it can start in
// December and a year can have a week 53). Labelled "2026-W47".
struct IsoWeek
{
    int year = 0;
    int week = 0;

    static IsoWeek containing(QDate date);
    static std::optional<IsoWeek> parse(const QString &label);
    static int weeksIn(int year);

    bool isValid() const { return week >= 1 && week <= weeksIn(year); }
    QString label() const;
    QDate monday() const;
    QDate day(int weekday) const { return monday().addDays(weekday - 1); } // 1 = Monday
    IsoWeek next() const { return containing(monday().addDays(7)); }
    IsoWeek previous() const { return containing(monday().addDays(-7)); }
    // The week's bounds in UTC for a site in `zone`: local Monday 00:00 to the next Monday
    // 00:00, so a week with a daylight-saving change is 167 or 169 hours long.
    QDateTime startUtc(const QTimeZone &zone) const;
    QDateTime endUtc(const QTimeZone &zone) const;

    auto operator<=>(const IsoWeek &) const = default;
};

} // namespace relais
