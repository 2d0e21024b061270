// SPDX-License-Identifier: EUPL-1.2
#include "siteweeks.h"

#include "store/store.h"

#include <QMap>
#include <QSqlQuery>

namespace relais::observatory {

namespace {

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

void insertRows(Store &store, const QString &recordId, const QList<ReportRow> &rows)
{
    QSqlQuery insert = store.prepare(
        QStringLiteral("INSERT INTO report_rows (record_id, help, agency, day, count) "
                       "VALUES (?, ?, ?, ?, ?)"));
    for (const ReportRow &r : rows)
        Store::run(insert, {recordId, r.help, r.agency, r.day, r.count});
}

// Makes site_weeks and site_week_rows the sum of the newest snapshot of each kiosk and the
// desk's current version.
void recomputeSiteWeek(Store &store, const QString &site, const QString &week)
{
    // Takes the site-week's row lock first (PostgreSQL keeps it to the commit): a batch from
    // another kiosk of the site, in another connection, then waits and reads this one's rows
    // instead of writing a sum that misses them.
    store.execute(QStringLiteral("INSERT INTO site_weeks (site, week, information, "
                                 "online_procedure, video_call, internet_access, print_scan, "
                                 "referral, total) VALUES (?, ?, 0, 0, 0, 0, 0, 0, 0) "
                                 "ON CONFLICT (site, week) DO UPDATE SET total = site_weeks.total"),
                  {site, week});
    const auto desk = currentDeskVersion(store, site, week);
    QSqlQuery sums = store.prepare(QStringLiteral(
        "SELECT r.help, r.agency, SUM(r.count) FROM report_rows r WHERE r.record_id = ? OR "
        "r.record_id IN (SELECT k.record_id FROM kiosk_counts k WHERE k.site = ? AND "
        "k.week = ? AND k.device_id <> COALESCE(?, '') AND k.sequence = (SELECT MAX(m.sequence) "
        "FROM "
        "kiosk_counts m WHERE m.site = k.site AND m.week = k.week AND "
        "m.device_id = k.device_id)) GROUP BY r.help, r.agency"));
    Store::run(sums, {desk ? desk->recordId : QString(), site, week,
                      desk ? desk->includesDevice : QString()});
    QList<std::tuple<QString, QString, qint64>> lines;
    while (sums.next())
        lines.append(
            {sums.value(0).toString(), sums.value(1).toString(), sums.value(2).toLongLong()});
    sums.finish();

    store.execute(QStringLiteral("DELETE FROM site_week_rows WHERE site = ? AND week = ?"),
                  {site, week});
    if (lines.isEmpty() && !desk) {
        store.execute(QStringLiteral("DELETE FROM site_weeks WHERE site = ? AND week = ?"),
                      {site, week});
        return;
    }
    QSqlQuery line = store.prepare(QStringLiteral(
        "INSERT INTO site_week_rows (site, week, help, agency, count) VALUES (?, ?, ?, ?, ?)"));
    QMap<QString, qint64> perHelp;
    for (const auto &[help, agency, count] : lines) {
        Store::run(line, {site, week, help, agency, count});
        perHelp[help] += count;
    }
    QVariantList values = {desk ? QVariant(desk->recordId) : textOrNull({}),
                           desk ? QVariant(desk->version) : QVariant(QMetaType::fromType<int>()),
                           desk ? QVariant(desk->closedAt) : textOrNull({})};
    qint64 total = 0;
    for (const QString &help : helpKinds()) {
        values << perHelp.value(help);
        total += perHelp.value(help);
    }
    values << total << site << week;
    store.execute(QStringLiteral("UPDATE site_weeks SET record_id = ?, version = ?, "
                                 "closed_at = ?, information = ?, online_procedure = ?, "
                                 "video_call = ?, internet_access = ?, print_scan = ?, "
                                 "referral = ?, total = ? WHERE site = ? AND week = ?"),
                  values);
}

} // namespace

std::optional<DeskVersion> currentDeskVersion(const Store &store, const QString &site,
                                              const QString &week)
{
    // Versions form a chain (each replaces the one before, once): the highest is current.
    QSqlQuery q = store.prepare(QStringLiteral(
        "SELECT w.record_id, w.version, w.replaces, w.closed_at, r.device_id, "
        "w.includes_device FROM weekly_reports w JOIN records r ON r.id = w.record_id "
        "WHERE w.site = ? AND w.week = ? ORDER BY w.version DESC LIMIT 1"));
    Store::run(q, {site, week});
    if (!q.next())
        return std::nullopt;
    DeskVersion desk{q.value(0).toString(),
                     q.value(1).toInt(),
                     q.value(2).toString(),
                     q.value(3).toString(),
                     q.value(4).toString(),
                     q.value(5).toString(),
                     {}};
    q.finish();
    QSqlQuery rows = store.prepare(
        QStringLiteral("SELECT help, agency, day, count FROM report_rows WHERE record_id = ? "
                       "ORDER BY help, agency, day"));
    Store::run(rows, {desk.recordId});
    while (rows.next())
        desk.rows.append({rows.value(0).toString(), rows.value(1).toString(),
                          rows.value(2).toString(), rows.value(3).toInt()});
    return desk;
}

Refusal storeWeeklyReport(Store &store, const QString &deviceId, const QString &site,
                          const QString &recordId, const WeeklyReport &report)
{
    if (report.version > 1) {
        const QVariant replaced = store.scalar(
            QStringLiteral("SELECT version FROM weekly_reports WHERE record_id = ? AND site = ? "
                           "AND week = ?"),
            {report.replaces, site, report.week});
        if (!replaced.isValid() || replaced.toInt() != report.version - 1)
            return {QStringLiteral("replaces_unknown"), {}};
    }
    QSqlQuery insert = store.prepare(
        QStringLiteral("INSERT INTO weekly_reports (record_id, site, week, version, replaces, "
                       "closed_at, includes_device) VALUES (?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT DO NOTHING"));
    Store::run(insert, {recordId, site, report.week, report.version, textOrNull(report.replaces),
                        report.closedAt.toUTC().toString(Qt::ISODateWithMs),
                        report.deskOnly ? textOrNull({}) : QVariant(deviceId)});
    if (insert.numRowsAffected() != 1) {
        // That version exists, or the version it corrects was corrected already: name who
        // holds it, so that the fleet view can say which kiosk closed the week first.
        const QVariant holder = store.scalar(
            QStringLiteral("SELECT r.device_id FROM weekly_reports w JOIN records r ON "
                           "r.id = w.record_id WHERE w.site = ? AND w.week = ? AND "
                           "(w.version = ? OR w.replaces = ?)"),
            {site, report.week, report.version, report.replaces});
        return {report.version == 1 ? QStringLiteral("week_already_closed")
                                    : QStringLiteral("version_taken"),
                holder.toString()};
    }
    insertRows(store, recordId, report.rows);
    recomputeSiteWeek(store, site, report.week);
    return {};
}

Refusal storeKioskCounts(Store &store, const QString &deviceId, const QString &site,
                         const QString &recordId, const KioskCounts &counts)
{
    QSqlQuery newest = store.prepare(
        QStringLiteral("SELECT record_id, sequence FROM kiosk_counts WHERE site = ? AND week = ? "
                       "AND device_id = ? ORDER BY sequence DESC LIMIT 1"));
    Store::run(newest, {site, counts.week, deviceId});
    const bool before = newest.next();
    const QString previousId = before ? newest.value(0).toString() : QString();
    const int previousSequence = before ? newest.value(1).toInt() : 0;
    newest.finish();
    QSqlQuery insert = store.prepare(
        QStringLiteral("INSERT INTO kiosk_counts (record_id, site, week, device_id, sequence) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
    Store::run(insert, {recordId, site, counts.week, deviceId, counts.sequence});
    if (insert.numRowsAffected() != 1)
        return {QStringLiteral("sequence_taken"), deviceId};
    // Only a kiosk's newest snapshot of a week has count lines: a kiosk sends one after each
    // session, and the ones it replaces stay whole in `records`. One arriving after a newer
    // one is stored and not counted.
    if (previousSequence > counts.sequence)
        return {};
    if (before)
        store.execute(QStringLiteral("DELETE FROM report_rows WHERE record_id = ?"), {previousId});
    insertRows(store, recordId, counts.rows);
    recomputeSiteWeek(store, site, counts.week);
    return {};
}

} // namespace relais::observatory
