// SPDX-License-Identifier: EUPL-1.2
#include "opendatareleases.h"

#include "indicatorfilter.h"
#include "ingest/records.h"
#include "store/store.h"

#include <QRegularExpression>
#include <QSqlQuery>

namespace relais::observatory {

namespace {

struct Quarter
{
    int year = 0;
    int number = 0; // 1–4

    QString id() const { return QStringLiteral("%1-T%2").arg(year).arg(number); }
    QDate firstDay() const { return QDate(year, 3 * number - 2, 1); }
    QDate lastDay() const { return firstDay().addMonths(3).addDays(-1); }
    Quarter next() const { return number == 4 ? Quarter{year + 1, 1} : Quarter{year, number + 1}; }
    // ISO weeks belong to the quarter holding their Thursday (periodOf).
    QString fromWeek() const
    {
        const QDate first = firstDay();
        return isoWeek(first.addDays((4 - first.dayOfWeek() + 7) % 7));
    }
    QString toWeek() const
    {
        const QDate last = lastDay();
        return isoWeek(last.addDays(-((last.dayOfWeek() - 4 + 7) % 7)));
    }
    QDateTime closesAt() const
    {
        return mondayOfIsoWeek(toWeek())
            .addDays(7 + OpenDataReleases::kGraceDays)
            .startOfDay(Qt::UTC);
    }
};

std::optional<Quarter> quarterOf(const QString &id)
{
    static const QRegularExpression shape(QStringLiteral("^(\\d{4})-T([1-4])$"));
    const auto match = shape.match(id);
    if (!match.hasMatch() || match.captured(1).toInt() < 2000)
        return std::nullopt;
    return Quarter{match.captured(1).toInt(), match.captured(2).toInt()};
}

Quarter quarterOf(const QDate &day)
{
    return {day.year(), (day.month() - 1) / 3 + 1};
}

} // namespace

QDateTime OpenDataReleases::closesAt(const QString &release)
{
    const auto quarter = quarterOf(release);
    return quarter ? quarter->closesAt() : QDateTime();
}

QStringList OpenDataReleases::publishDue(const QDateTime &now)
{
    const QDate firstOpened = QDate::fromString(
        m_store.scalar(QStringLiteral("SELECT MIN(opened) FROM sites")).toString(), Qt::ISODate);
    if (!firstOpened.isValid())
        return {};
    QStringList published;
    QStringList existing;
    QSqlQuery q = m_store.prepare(QStringLiteral("SELECT release_id FROM open_data_releases"));
    Store::run(q);
    while (q.next())
        existing << q.value(0).toString();
    q.finish();
    for (Quarter quarter = quarterOf(firstOpened); quarter.closesAt() <= now;
         quarter = quarter.next()) {
        if (existing.contains(quarter.id()))
            continue;
        const QList<OpenDataFile> files =
            makeOpenData(m_store, m_surveys, quarter.fromWeek(), quarter.toWeek());
        m_store.transaction([&] {
            // Of two publishers racing (the server and the open-data command), one writes it.
            QSqlQuery insert = m_store.prepare(
                QStringLiteral("INSERT INTO open_data_releases (release_id, from_week, to_week, "
                               "published_at) VALUES (?, ?, ?, ?) ON CONFLICT (release_id) DO "
                               "NOTHING"));
            Store::run(insert, {quarter.id(), quarter.fromWeek(), quarter.toWeek(),
                                now.toUTC().toString(Qt::ISODate)});
            if (insert.numRowsAffected() != 1)
                return;
            for (qsizetype i = 0; i < files.size(); ++i)
                m_store.execute(QStringLiteral("INSERT INTO open_data_files (release_id, "
                                               "position, name, csv, table_schema) VALUES (?, ?, "
                                               "?, ?, ?)"),
                                {quarter.id(), int(i), files[i].name,
                                 QString::fromUtf8(files[i].csv),
                                 QString::fromUtf8(files[i].schema)});
            published << quarter.id();
        });
    }
    return published;
}

QList<OpenDataRelease> OpenDataReleases::releases() const
{
    QList<OpenDataRelease> all;
    QSqlQuery q = m_store.prepare(
        QStringLiteral("SELECT r.release_id, r.from_week, r.to_week, r.published_at, f.name FROM "
                       "open_data_releases r LEFT JOIN open_data_files f ON f.release_id = "
                       "r.release_id ORDER BY r.from_week DESC, f.position"));
    Store::run(q);
    while (q.next()) {
        if (all.isEmpty() || all.last().id != q.value(0).toString())
            all << OpenDataRelease{q.value(0).toString(),
                                   q.value(1).toString(),
                                   q.value(2).toString(),
                                   q.value(3).toString(),
                                   {}};
        if (!q.value(4).isNull())
            all.last().names << q.value(4).toString();
    }
    return all;
}

std::optional<OpenDataFile> OpenDataReleases::file(const QString &release,
                                                   const QString &name) const
{
    QSqlQuery q = m_store.prepare(QStringLiteral(
        "SELECT csv, table_schema FROM open_data_files WHERE release_id = ? AND name = ?"));
    Store::run(q, {release, name});
    if (!q.next())
        return std::nullopt;
    return OpenDataFile{name, q.value(0).toString().toUtf8(), q.value(1).toString().toUtf8()};
}

} // namespace relais::observatory
