// SPDX-License-Identifier: EUPL-1.2
#include "counterday.h"

#include <algorithm>
#include <cmath>

namespace relais::hub {

qint64 nearestRank(QList<qint64> values, double share)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<qsizetype>(std::ceil(share * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank, 1, values.size()) - 1);
}

void CounterDay::record(const QString &agency, const QDate &day, const QString &outcome,
                        qint64 waitS)
{
    Figures &figures = m_agencies[agency];
    if (figures.day != day)
        figures = Figures{day, {}, 0, 0};
    if (outcome == QLatin1String("answered"))
        figures.waitsS.append(std::max<qint64>(0, waitS));
    else if (outcome == QLatin1String("abandoned"))
        ++figures.abandoned;
    else if (outcome == QLatin1String("callback"))
        ++figures.callbacks;
}

QJsonObject CounterDay::figures(const QString &agency, const QDate &day) const
{
    const auto it = m_agencies.constFind(agency);
    const Figures figures =
        it != m_agencies.cend() && it->day == day ? *it : Figures{day, {}, 0, 0};
    const qint64 median = nearestRank(figures.waitsS, 0.5);
    const qint64 p90 = nearestRank(figures.waitsS, 0.9);
    return {{QStringLiteral("day"), day.toString(Qt::ISODate)},
            {QStringLiteral("answered"), int(figures.waitsS.size())},
            {QStringLiteral("abandoned"), figures.abandoned},
            {QStringLiteral("callbacks"), figures.callbacks},
            {QStringLiteral("wait_median_s"), median < 0 ? QJsonValue() : QJsonValue(median)},
            {QStringLiteral("wait_p90_s"), p90 < 0 ? QJsonValue() : QJsonValue(p90)}};
}

} // namespace relais::hub
