// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "database.h"
#include "helpkinds.h"
#include "isoweek.h"
#include "visitcounts.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace relais {

// Closed: a report waits in the outbox; sent: the observatory acknowledged it (the sync took
// it out of the outbox); correcting: closed, and the mediator is changing the desk counts;
// refused: the observatory refused this kiosk's last report (another kiosk of the site closed
// the week first), which it keeps aside.
enum class WeekState { Open, Closed, Sent, Correcting, Refused };

QString weekStateName(WeekState state);

struct WeeklyReport
{
    QString id;
    IsoWeek week;
    int version = 0;
    QString replaces; // the id of the version this one corrects; empty for the first
    QString createdAt;
    QJsonObject body;
};

// The site's week as the observatory has it (GET /v1/weeks): whether the desk has closed it, on
// this kiosk or another one of the site, and its current version.
struct SiteWeek
{
    bool closed = false;
    QString id; // the current version's record id
    int version = 0;
    QDateTime closedAt;
    QString kiosk; // the kiosk that sent it ("borne-1")
    // The desk's counts of that version; nothing when this grid cannot take them over (a line
    // it does not show, or a report from before kiosk_counts that holds that kiosk's counts).
    std::optional<WeekCounts> desk;
};

struct WeekSummary
{
    IsoWeek week;
    WeekState state = WeekState::Open;
    int version = 0; // of the latest report; 0 when never closed
};

// The mediator's weekly count grid: the kiosk's automatic counts (read only), the desk's
// counts, and closing a week into an immutable weekly report queued for the observatory.
class WeeklyGrid
{
public:
    enum class Change { Done, WeekClosed, Invalid };

    WeeklyGrid(Database &database, QString siteId, const QStringList &agencies, QTimeZone zone);

    const QList<GridRow> &rows() const { return m_rows; }
    const QTimeZone &zone() const { return m_zone; }
    WeekCounts automatic(IsoWeek week) const;
    WeekCounts desk(IsoWeek week) const;
    WeekState state(IsoWeek week) const;
    // The report this kiosk made last for the week, refused or not.
    std::optional<WeeklyReport> latestReport(IsoWeek week) const;
    // The site's current version was closed on another kiosk, and this one has made no newer
    // one since: the week must be corrected, not closed again.
    bool closedElsewhere(IsoWeek week, const SiteWeek &site) const;

    Change setDeskCount(IsoWeek week, const GridRow &row, int weekday, int count);
    // Closes an open week (or ends a correction): one new report version, in one transaction
    // with its outbox record. Returns nothing when the week is closed and not being corrected.
    std::optional<WeeklyReport> close(IsoWeek week);
    // Reopens a closed week's desk counts; closing again makes a version naming the last one
    // the observatory did not refuse.
    bool startCorrection(IsoWeek week);
    // Takes over the site's version closed on another kiosk (`site.desk` becomes the desk's
    // counts here); closing again makes the version that replaces it.
    bool startCorrection(IsoWeek week, const SiteWeek &site);
    // `count` weeks ending with `last`, newest first.
    QList<WeekSummary> recentWeeks(IsoWeek last, int count) const;

private:
    QJsonObject reportBody(IsoWeek week, int version, const QString &replaces) const;
    std::optional<WeeklyReport> report(IsoWeek week, bool refusedToo) const;
    void writeDeskCount(IsoWeek week, const GridRow &row, int weekday, int count);

    Database &m_database;
    QString m_siteId;
    QList<GridRow> m_rows;
    QTimeZone m_zone;
};

} // namespace relais
