// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "counts/helpkinds.h"
#include "counts/visitcounts.h"

#include <QJsonArray>
#include <QStringList>

#include <optional>

namespace relais {

// The count grid's lines in the observatory's words (API.md: help, agency or "none", day,
// count) and back. The grid's "mediator" line (help the mediator gave herself) is the
// observatory's information without agency.

// `kioskRows` as the outbox keeps them ({"kind", "agency" | null, "date", counts…}): one API
// line per help, agency and day, the sum of the `countKeys` of the rows that fall in it, in a
// stable order (the same record always makes the same bytes).
QJsonArray apiCountRows(const QJsonArray &kioskRows, const QStringList &countKeys);

// API lines as counts of the grid's `rows`; nothing when a line has no place in them (an agency
// this kiosk does not offer), so that a correction made here never drops one.
std::optional<WeekCounts> gridCounts(const QJsonArray &apiRows, const QList<GridRow> &rows);

} // namespace relais
