// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "hubconfig.h"

#include <QDateTime>

namespace relais::hub {

struct CounterStatus
{
    bool served = false; // the site has a counter for this agency
    bool withinHours = false;
    QDateTime nextOpening; // in the site's time zone; invalid when the counter has no hours
};

// Whether an agency's video counter at a site is within its hours at `nowUtc`, read in the
// site's own time zone, and when it next opens.
CounterStatus counterStatus(const Site &site, const QString &agency, const QDateTime &nowUtc);

} // namespace relais::hub
