// SPDX-License-Identifier: EUPL-1.2
#include "recordweek.h"

namespace relais::observatory {

namespace {

QString namedWeek(const IncomingRecord &record)
{
    if (const auto *response = std::get_if<SurveyResponse>(&record.payload))
        return response->week;
    if (const auto *report = std::get_if<WeeklyReport>(&record.payload))
        return report->week;
    if (const auto *counts = std::get_if<KioskCounts>(&record.payload))
        return counts->week;
    return {};
}

} // namespace

QString weekRefusal(const IncomingRecord &record, const QDateTime &now)
{
    const QString week = namedWeek(record);
    if (week.isEmpty())
        return {};
    const QDate monday = mondayOfIsoWeek(week);
    const QDate createdDate = record.createdAt.toUTC().date();
    const QDate createdMonday = createdDate.addDays(1 - createdDate.dayOfWeek());
    // Whole weeks from the record's week to the week it names.
    const qint64 ahead = createdMonday.daysTo(monday) / 7;
    const bool answered = std::holds_alternative<SurveyResponse>(record.payload);
    const bool consistent = answered ? (ahead >= -1 && ahead <= 1) : ahead <= 1;
    const bool started = monday.startOfDay(Qt::UTC) <= now.addSecs(kClockSkewSeconds);
    return consistent && started ? QString() : QStringLiteral("week_inconsistent");
}

} // namespace relais::observatory
