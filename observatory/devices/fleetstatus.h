// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "indicators/indicatorfilter.h"
#include "indicators/table.h"

namespace relais::observatory {

class Store;

// Each kiosk of the scope: its last heartbeat (time, software version, outbox depth,
// peripherals), its certificate's end, whether it is revoked, and the records the observatory
// refused from it (how many, the last in words).
Table fleetStatus(Store &store, const IndicatorFilter &filter);

} // namespace relais::observatory
