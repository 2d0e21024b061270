// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "devices/fleetstatus.h"
#include "indicators/indicatorfilter.h"
#include "indicators/table.h"

namespace relais::observatory {

class Store;
class SurveyCatalog;

// The dashboard's map, as two Tables (so that the page's text alternative and the CSV exports
// are those of every other table):
// - map_sites: each site of the filter's scope that has a position, with its helps from the
//   weekly grids (Indicators::helpsBySite), its share of satisfied respondents for the first
//   satisfaction indicator of the definitions (withheld under 11 respondents, as the trend)
//   and the state of its kiosks (fleetStatus);
// - map_communes: each commune of those sites with its helps per 1,000 inhabitants, where the
//   shipped population file (dashboard/geo/communes.json) knows the commune.
// The filter's site is ignored: the map shows every site of the scope, the page marks the one
// chosen.
QList<Table> siteMap(Store &store, const SurveyCatalog &surveys, IndicatorFilter filter,
                     const FleetView &view);

// The commune's name for its INSEE code, from the shipped file; empty when it does not know it.
QString communeName(const QString &insee);

} // namespace relais::observatory
