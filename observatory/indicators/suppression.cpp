#include "suppression.h"

#include <limits>

namespace relais::observatory {

namespace {

// Suppresses one more cell of the line when it has exactly one; true when it did.
template<typename At> bool protectLine(qsizetype length, At at)
{
    int suppressed = 0;
    qsizetype candidate = -1;
    qint64 smallest = std::numeric_limits<qint64>::max();
    for (qsizetype i = 0; i < length; ++i) {
        auto [value, masked] = at(i);
        if (*masked) {
            ++suppressed;
        } else if (value > 0 && value < smallest) {
            smallest = value;
            candidate = i;
        }
    }
    if (suppressed != 1 || candidate < 0)
        return false;
    *at(candidate).second = true;
    return true;
}

} // namespace

QList<QList<bool>> suppressionMask(const QList<QList<qint64>> &grid, int minimum)
{
    QList<QList<bool>> mask;
    for (const QList<qint64> &row : grid) {
        QList<bool> m;
        for (qint64 v : row)
            m << (v > 0 && v < minimum);
        mask << m;
    }
    const qsizetype rows = grid.size();
    const qsizetype columns = rows ? grid.first().size() : 0;
    for (bool changed = true; changed;) {
        changed = false;
        for (qsizetype r = 0; r < rows; ++r)
            changed |= protectLine(columns, [&](qsizetype c) {
                return std::pair<qint64, bool *>(grid[r][c], &mask[r][c]);
            });
        for (qsizetype c = 0; c < columns; ++c)
            changed |= protectLine(rows, [&](qsizetype r) {
                return std::pair<qint64, bool *>(grid[r][c], &mask[r][c]);
            });
    }
    return mask;
}

} // namespace relais::observatory
