// SPDX-License-Identifier: EUPL-1.2
#include "records.h"

#include <QRegularExpression>

namespace relais::observatory {

QString isoWeek(const QDate &date)
{
    int year = 0;
    const int week = date.weekNumber(&year);
    return QStringLiteral("%1-W%2")
        .arg(year, 4, 10, QLatin1Char('0'))
        .arg(week, 2, 10, QLatin1Char('0'));
}

QDate mondayOfIsoWeek(const QString &week)
{
    static const QRegularExpression shape(QStringLiteral("^(\\d{4})-W(\\d{2})$"));
    const auto match = shape.match(week);
    if (!match.hasMatch())
        return {};
    const int year = match.captured(1).toInt();
    const int number = match.captured(2).toInt();
    if (year < 2000 || number < 1 || number > 53)
        return {};
    // 4 January is always in week 1 of its ISO year.
    const QDate jan4(year, 1, 4);
    const QDate monday = jan4.addDays(1 - jan4.dayOfWeek()).addDays(7 * (number - 1));
    return isoWeek(monday) == week ? monday : QDate();
}

} // namespace relais::observatory
