// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "records.h"

#include <QList>
#include <QString>

#include <optional>

namespace relais::observatory {

class Store;

// A site's week is what every kiosk of the site counted by itself (each one's newest
// kiosk_counts snapshot) plus what the desk counted (the current version of its weekly
// report). These keep `site_weeks` and `site_week_rows` equal to that sum, inside the
// batch's transaction, whichever of the two arrives.

// The current version of a site's weekly report: the desk's closing of the week.
struct DeskVersion
{
    QString recordId;
    int version = 0;
    QString replaces;
    QString closedAt;       // UTC, as stored
    QString deviceId;       // the kiosk that sent it
    QString includesDevice; // a kiosk before kiosk_counts: its own counts are in the rows
    QList<ReportRow> rows;
};

std::optional<DeskVersion> currentDeskVersion(const Store &store, const QString &site,
                                              const QString &week);

// Why a record was refused (an API.md rejection reason) and, when another record holds what it
// asked for, the device that sent that one. An empty reason: stored.
struct Refusal
{
    QString reason;
    QString holder;
};

// Both expect the record itself stored already, in a savepoint the caller rolls back when
// they refuse.
Refusal storeWeeklyReport(Store &store, const QString &deviceId, const QString &site,
                          const QString &recordId, const WeeklyReport &report);
Refusal storeKioskCounts(Store &store, const QString &deviceId, const QString &site,
                         const QString &recordId, const KioskCounts &counts);

} // namespace relais::observatory
