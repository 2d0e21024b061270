// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QTime>

#include <array>

namespace relais {

struct TimeRange
{
    QTime from;
    QTime to;
    friend bool operator==(const TimeRange &, const TimeRange &) = default;
};

// Opening hours for one week, Monday first, as written in site configuration files:
// { "mon": ["09:00-12:30", "13:30-17:00"], ..., "sun": [] }. Days left out are closed.
class WeeklyHours
{
public:
    // Throws json::FieldError naming the day and the range at fault.
    static WeeklyHours fromJson(const QJsonObject &object, const QString &path);

    const QList<TimeRange> &on(QDate date) const;
    bool isOpenAt(const QDateTime &moment) const;
    // The next moment strictly after `after` when a range starts, within a week; invalid if never.
    QDateTime nextOpening(const QDateTime &after) const;
    bool isClosedAllWeek() const;
    int openDayCount() const;
    int weeklyMinutes() const;

    // "9 h – 12 h 30, 13 h 30 – 17 h" (fr) or "9:00 – 12:30, 13:30 – 17:00" (en); empty if closed.
    QString describe(QDate date, const QString &language) const;

private:
    std::array<QList<TimeRange>, 7> m_days;
};

QString formatTimeOfDay(QTime time, const QString &language);

} // namespace relais
