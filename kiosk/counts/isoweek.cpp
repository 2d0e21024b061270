// SPDX-License-Identifier: EUPL-1.2
#include "isoweek.h"

#include <QRegularExpression>

namespace relais {

IsoWeek IsoWeek::containing(QDate date)
{
    int year = 0;
    const int week = date.weekNumber(&year);
    return {year, week};
}

std::optional<IsoWeek> IsoWeek::parse(const QString &label)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})-W(\\d{2})$"));
    const auto match = pattern.match(label);
    if (!match.hasMatch())
        return std::nullopt;
    const IsoWeek week{match.captured(1).toInt(), match.captured(2).toInt()};
    if (!week.isValid())
        return std::nullopt;
    return week;
}

int IsoWeek::weeksIn(int year)
{
    // 28 December always lies in the year's last ISO week.
    return QDate(year, 12, 28).weekNumber();
}

QString IsoWeek::label() const
{
    return QStringLiteral("%1-W%2")
        .arg(year, 4, 10, QLatin1Char('0'))
        .arg(week, 2, 10, QLatin1Char('0'));
}

QDate IsoWeek::monday() const
{
    // 4 January always lies in week 1.
    const QDate fourth(year, 1, 4);
    return fourth.addDays(1 - fourth.dayOfWeek() + 7 * (week - 1));
}

QDateTime IsoWeek::startUtc(const QTimeZone &zone) const
{
    return QDateTime(monday(), QTime(0, 0), zone).toUTC();
}

QDateTime IsoWeek::endUtc(const QTimeZone &zone) const
{
    return QDateTime(monday().addDays(7), QTime(0, 0), zone).toUTC();
}

} // namespace relais
