// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QList>
#include <QString>

namespace relais::observatory {

inline constexpr int kMinimumPublishedCount = 11;

// The primary rule: a count from 1 to `minimum` − 1 is not shown (none is nothing to hide).
constexpr bool tooFewToShow(qint64 count, int minimum = kMinimumPublishedCount)
{
    return count > 0 && count < minimum;
}
// What stands in a withheld cell's place: "<11".
QString withheldMark();

// Lines of a grid that someone may know exactly besides what is published: a territory's row
// (that territory's partner reads it on the dashboard), an agency's column (that agency's
// partner). Never the totals' row or column.
struct KnownLines
{
    bool rows = false;
    bool columns = false;
};

// Statistical secrecy for a grid of counts whose last column holds each row's total and whose
// last row holds each column's total. Primary: every count tooFewToShow is suppressed.
// Secondary: while some row or column has exactly one suppressed cell (which its total and the
// other cells would reveal), the smallest other non-zero cell of that line is suppressed too.
// Then, for nobody and for whoever knows any one of the `known` lines, the published cells are
// solved line by line as far as subtraction goes (a line with one unknown cell gives it, which
// may give another): while that recovers a count from 1 to 10, one more cell of the line that
// gave it is suppressed. Returns the mask, true for a cell to publish as "<11".
QList<QList<bool>> suppressionMask(const QList<QList<qint64>> &grid,
                                   int minimum = kMinimumPublishedCount, KnownLines known = {});

} // namespace relais::observatory
