#pragma once

#include "database.h"
#include "helpkinds.h"
#include "isoweek.h"
#include "visitcounts.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace relais {

// Closed: a report waits in the outbox; sent: the observatory acknowledged it (the sync took
// it out of the outbox); correcting: closed, and the mediator is changing the desk counts.
enum class WeekState { Open, Closed, Sent, Correcting };

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
    std::optional<WeeklyReport> latestReport(IsoWeek week) const;

    Change setDeskCount(IsoWeek week, const GridRow &row, int weekday, int count);
    // Closes an open week (or ends a correction): one new report version, in one transaction
    // with its outbox record. Returns nothing when the week is closed and not being corrected.
    std::optional<WeeklyReport> close(IsoWeek week);
    // Reopens a closed week's desk counts; closing again makes a version naming the last one.
    bool startCorrection(IsoWeek week);
    // `count` weeks ending with `last`, newest first.
    QList<WeekSummary> recentWeeks(IsoWeek last, int count) const;

private:
    QJsonObject reportBody(IsoWeek week, int version, const QString &replaces) const;

    Database &m_database;
    QString m_siteId;
    QList<GridRow> m_rows;
    QTimeZone m_zone;
};

} // namespace relais
