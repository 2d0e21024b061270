// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "indicators/indicatorfilter.h"
#include "indicators/table.h"

#include <QDateTime>

namespace relais::observatory {

class Store;

// When the fleet is looked at, and after how long a kiosk in service that has not been heard
// from is flagged.
struct FleetView
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    qint64 silentAfterS = 24 * 3600;
};

// Each kiosk of the scope: its last heartbeat (time, software version, outbox depth,
// peripherals), its certificate's end, whether it is revoked, the records the observatory
// refused from it (how many, the last in words), and "silencieuse depuis …" when a kiosk in
// service has not been heard from for longer than the view's limit. Times are the site's
// local time.
Table fleetStatus(Store &store, const IndicatorFilter &filter, const FleetView &view = {});

} // namespace relais::observatory
