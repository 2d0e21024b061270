// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "database.h"
#include "isoweek.h"

#include <QHash>
#include <QString>

#include <array>

namespace relais {

// Counts of one week per grid row key ("visio/caf"), Monday first.
using WeekCounts = QHash<QString, std::array<int, 7>>;

// What the kiosk itself saw in the week, from its journal: the number of sessions per kind of
// help, agency and local day (a session that opened the CAF page twice counts once). Days are
// the site's local days in `zone`, whatever daylight saving does to UTC.
WeekCounts automaticCounts(Database &database, IsoWeek week, const QTimeZone &zone);

} // namespace relais
