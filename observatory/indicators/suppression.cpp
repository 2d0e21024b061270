// SPDX-License-Identifier: EUPL-1.2
#include "suppression.h"

#include <limits>
#include <optional>

namespace relais::observatory {

namespace {

using Grid = QList<QList<qint64>>;
using Mask = QList<QList<bool>>;

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

bool protectLonelyCells(const Grid &grid, Mask &mask)
{
    const qsizetype rows = grid.size();
    const qsizetype columns = rows ? grid.first().size() : 0;
    bool any = false;
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
        any |= changed;
    }
    return any;
}

struct Cell
{
    qsizetype row;
    qsizetype column;
};

// What someone knowing the published cells and the line `knownRow` or `knownColumn` (-1: none)
// learns by subtraction, line after line. Returns the published cells, outside the known line, of
// the line that gave away a count under `minimum` (or of every line on the way to it, when that
// line has none); none when no such count is given away.
std::optional<QList<Cell>> leak(const Grid &grid, const Mask &mask, int minimum, qsizetype knownRow,
                                qsizetype knownColumn)
{
    const qsizetype rows = grid.size();
    const qsizetype columns = grid.first().size();
    const auto outsideKnown = [&](qsizetype r, qsizetype c) {
        return r != knownRow && c != knownColumn;
    };
    Mask known;
    for (qsizetype r = 0; r < rows; ++r) {
        QList<bool> line;
        for (qsizetype c = 0; c < columns; ++c)
            line << (!mask[r][c] || !outsideKnown(r, c));
        known << line;
    }
    QList<Cell> culprits;
    for (bool progress = true; progress;) {
        progress = false;
        for (int byRow = 0; byRow < 2; ++byRow) {
            const qsizetype lines = byRow ? rows : columns;
            const qsizetype length = byRow ? columns : rows;
            for (qsizetype l = 0; l < lines; ++l) {
                const auto at = [&](qsizetype i) { return byRow ? Cell{l, i} : Cell{i, l}; };
                qsizetype unknown = -1;
                int unknowns = 0;
                for (qsizetype i = 0; i < length; ++i)
                    if (!known[at(i).row][at(i).column]) {
                        ++unknowns;
                        unknown = i;
                    }
                if (unknowns != 1)
                    continue;
                QList<Cell> published;
                for (qsizetype i = 0; i < length; ++i) {
                    const Cell cell = at(i);
                    if (i != unknown && !mask[cell.row][cell.column] &&
                        outsideKnown(cell.row, cell.column))
                        published << cell;
                }
                culprits << published;
                const Cell found = at(unknown);
                known[found.row][found.column] = true;
                progress = true;
                const qint64 value = grid[found.row][found.column];
                // Best hidden where it gave the count away; else somewhere on the way to it.
                if (tooFewToShow(value, minimum))
                    return published.isEmpty() ? culprits : published;
            }
        }
    }
    return std::nullopt;
}

// Suppresses the smallest of `cells`, non-zero first; false when there is none to take.
bool suppressOneOf(const Grid &grid, Mask &mask, const QList<Cell> &cells)
{
    std::optional<Cell> best;
    for (const Cell &cell : cells) {
        const qint64 v = grid[cell.row][cell.column];
        if (mask[cell.row][cell.column])
            continue;
        if (!best)
            best = cell;
        const qint64 b = grid[best->row][best->column];
        if ((v > 0 && (b == 0 || v < b)))
            best = cell;
    }
    if (!best)
        return false;
    mask[best->row][best->column] = true;
    return true;
}

} // namespace

QString withheldMark()
{
    return QStringLiteral("<%1").arg(kMinimumPublishedCount);
}

QList<QList<bool>> suppressionMask(const QList<QList<qint64>> &grid, int minimum, KnownLines known)
{
    Mask mask;
    for (const QList<qint64> &row : grid) {
        QList<bool> m;
        for (qint64 v : row)
            m << tooFewToShow(v, minimum);
        mask << m;
    }
    protectLonelyCells(grid, mask);
    if (grid.isEmpty() || grid.first().isEmpty())
        return mask;
    // Nobody, then whoever knows one territory's row or one agency's column (not the totals').
    QList<std::pair<qsizetype, qsizetype>> viewpoints{{-1, -1}};
    if (known.rows)
        for (qsizetype r = 0; r + 1 < grid.size(); ++r)
            viewpoints.append({r, -1});
    if (known.columns)
        for (qsizetype c = 0; c + 1 < grid.first().size(); ++c)
            viewpoints.append({-1, c});
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto &[row, column] : viewpoints) {
            const auto culprits = leak(grid, mask, minimum, row, column);
            if (culprits && suppressOneOf(grid, mask, *culprits)) {
                protectLonelyCells(grid, mask);
                changed = true;
                break;
            }
        }
    }
    return mask;
}

} // namespace relais::observatory
