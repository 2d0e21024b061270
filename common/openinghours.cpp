// SPDX-License-Identifier: EUPL-1.2
#include "openinghours.h"

#include "jsonfields.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QStringList>

namespace relais {

namespace {

const std::array<QString, 7> &dayKeys()
{
    static const std::array<QString, 7> keys = {
        QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"), QStringLiteral("thu"),
        QStringLiteral("fri"), QStringLiteral("sat"), QStringLiteral("sun")};
    return keys;
}

TimeRange parseRange(const QString &text, const QString &path)
{
    static const QRegularExpression pattern(
        QStringLiteral("^([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-4]):([0-5][0-9])$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        throw json::FieldError{
            path, QStringLiteral("expected \"HH:MM-HH:MM\", found \"%1\"").arg(text.left(40))};
    const int fromMinutes = match.captured(1).toInt() * 60 + match.captured(2).toInt();
    const int toMinutes = match.captured(3).toInt() * 60 + match.captured(4).toInt();
    if (toMinutes > 24 * 60)
        throw json::FieldError{path, QStringLiteral("ends after midnight")};
    if (toMinutes <= fromMinutes)
        throw json::FieldError{path, QStringLiteral("ends before it starts")};
    // 24:00 is kept as the last representable minute of the day.
    const QTime to =
        toMinutes == 24 * 60 ? QTime(23, 59, 59) : QTime(toMinutes / 60, toMinutes % 60);
    return {QTime(fromMinutes / 60, fromMinutes % 60), to};
}

} // namespace

WeeklyHours WeeklyHours::fromJson(const QJsonObject &object, const QString &path)
{
    json::rejectUnknownKeys(object, QStringList(dayKeys().begin(), dayKeys().end()), path);
    WeeklyHours hours;
    for (std::size_t day = 0; day < dayKeys().size(); ++day) {
        const QString &key = dayKeys()[day];
        if (!object.contains(key))
            continue;
        const QJsonArray ranges = json::array(object, key, path);
        const QString dayPath = json::child(path, key);
        if (ranges.size() > 6)
            throw json::FieldError{dayPath, QStringLiteral("has more than 6 ranges")};
        for (qsizetype i = 0; i < ranges.size(); ++i) {
            const QString rangePath = json::element(dayPath, i);
            const TimeRange range = parseRange(json::stringAt(ranges, i, dayPath, 11), rangePath);
            if (!hours.m_days[day].isEmpty() && hours.m_days[day].last().to > range.from)
                throw json::FieldError{rangePath,
                                       QStringLiteral("overlaps or precedes the range before it")};
            hours.m_days[day].append(range);
        }
    }
    return hours;
}

const QList<TimeRange> &WeeklyHours::on(QDate date) const
{
    return m_days[static_cast<std::size_t>(date.dayOfWeek() - 1)];
}

bool WeeklyHours::isOpenAt(const QDateTime &moment) const
{
    const QTime time = moment.time();
    for (const TimeRange &range : on(moment.date())) {
        if (time >= range.from && time < range.to)
            return true;
    }
    return false;
}

QDateTime WeeklyHours::nextOpening(const QDateTime &after) const
{
    for (int day = 0; day <= 7; ++day) {
        const QDate date = after.date().addDays(day);
        for (const TimeRange &range : on(date)) {
            const QDateTime start(date, range.from, after.timeSpec());
            if (start > after)
                return start;
        }
    }
    return {};
}

bool WeeklyHours::isClosedAllWeek() const
{
    return openDayCount() == 0;
}

int WeeklyHours::openDayCount() const
{
    int count = 0;
    for (const auto &day : m_days)
        count += day.isEmpty() ? 0 : 1;
    return count;
}

int WeeklyHours::weeklyMinutes() const
{
    int minutes = 0;
    for (const auto &day : m_days) {
        for (const TimeRange &range : day)
            minutes += range.from.secsTo(range.to) / 60;
    }
    return minutes;
}

QString formatTimeOfDay(QTime time, const QString &language)
{
    if (time == QTime(23, 59, 59))
        return language == QLatin1String("fr") ? QStringLiteral("minuit") : QStringLiteral("24:00");
    if (language == QLatin1String("fr")) {
        // French signage writes "9 h" and "12 h 30".
        return time.minute() == 0 ? QStringLiteral("%1 h").arg(time.hour())
                                  : QStringLiteral("%1 h %2")
                                        .arg(time.hour())
                                        .arg(time.minute(), 2, 10, QLatin1Char('0'));
    }
    return time.toString(QStringLiteral("H:mm"));
}

QString WeeklyHours::describe(QDate date, const QString &language) const
{
    QStringList parts;
    for (const TimeRange &range : on(date))
        parts << formatTimeOfDay(range.from, language) + QStringLiteral(" – ") +
                     formatTimeOfDay(range.to, language);
    return parts.join(language == QLatin1String("fr") ? QStringLiteral(" et ")
                                                      : QStringLiteral(" and "));
}

} // namespace relais
