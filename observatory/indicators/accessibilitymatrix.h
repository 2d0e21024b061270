#pragma once

#include "indicatorfilter.h"
#include "observatoryconfig.h"
#include "table.h"

namespace relais::observatory {

class Store;

// The improvement level of one cell (DOMAIN.md): from the share satisfied in the territory
// `s` and its gap to the département `g`, both in points.
QString matrixLevel(double s, double g, const MatrixThresholds &thresholds);

// Criteria × services: the share satisfied (très satisfait + satisfait) in the filter's scope,
// the same share over the whole of its département(s), the gap, and the level's word. Answers
// are survey answers keyed "acc.<criterion>.<service>" on the 4-point satisfaction scale.
Table accessibilityMatrix(Store &store, const IndicatorFilter &filter,
                          const MatrixThresholds &thresholds);

} // namespace relais::observatory
