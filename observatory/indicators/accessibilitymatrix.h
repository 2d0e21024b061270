// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "indicatorfilter.h"
#include "observatoryconfig.h"
#include "table.h"

namespace relais::observatory {

class Store;
class SurveyCatalog;

// The improvement level of one cell (DOMAIN.md): from the share satisfied in the territory
// `s` and its gap to the département `g`, both in points.
QString matrixLevel(double s, double g, const MatrixThresholds &thresholds);

// Criteria × services: the share satisfied (très satisfait + satisfait) in the filter's scope,
// the same share over the whole of its département(s), the gap, and the level's word. The
// definitions say where they come from: in a response, the "matrix_service" question's answer
// is the column and each "matrix_criterion" question's answer, on the 4-point scale, counts in
// its row; rows and columns carry the definitions' French words.
Table accessibilityMatrix(Store &store, const SurveyCatalog &surveys, const IndicatorFilter &filter,
                          const MatrixThresholds &thresholds);

} // namespace relais::observatory
