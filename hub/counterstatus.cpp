// SPDX-License-Identifier: EUPL-1.2
#include "counterstatus.h"

namespace relais::hub {

CounterStatus counterStatus(const Site &site, const QString &agency, const QDateTime &nowUtc)
{
    CounterStatus status;
    const Counter *counter = site.counter(agency);
    if (!counter)
        return status;
    status.served = true;
    if (!counter->videoHours)
        return status;
    // WeeklyHours compares wall-clock times and builds its answer with the argument's time
    // spec, which Qt 6.4 cannot do for a QTimeZone; so it is given the site's wall clock as a
    // zone-free (UTC-labelled) moment, and the answer is placed back in the site's zone, which
    // also gives the right offset across a daylight-saving change.
    const QDateTime local = nowUtc.toTimeZone(site.timeZone);
    const QDateTime wallClock(local.date(), local.time(), Qt::UTC);
    status.withinHours = counter->videoHours->isOpenAt(wallClock);
    const QDateTime next = counter->videoHours->nextOpening(wallClock);
    if (next.isValid())
        status.nextOpening = QDateTime(next.date(), next.time(), site.timeZone);
    return status;
}

} // namespace relais::hub
