#pragma once

#include <QList>

namespace relais::observatory {

inline constexpr int kMinimumPublishedCount = 11;

// Statistical secrecy for a grid of counts whose last column holds each row's total and whose
// last row holds each column's total. Primary: every count from 1 to 10 is suppressed.
// Secondary: while some row or column has exactly one suppressed cell (which its total and the
// other cells would reveal), the smallest other non-zero cell of that line is suppressed too.
// Returns the mask, true for a cell to publish as "<11".
QList<QList<bool>> suppressionMask(const QList<QList<qint64>> &grid,
                                   int minimum = kMinimumPublishedCount);

} // namespace relais::observatory
