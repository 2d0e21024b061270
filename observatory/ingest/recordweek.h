// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "records.h"

namespace relais::observatory {

// How far a kiosk's clock may be ahead of the server's before its records are refused.
inline constexpr qint64 kClockSkewSeconds = 24 * 3600;

// Whether the ISO week a record names (a survey response's, a weekly report's, a kiosk's counts)
// can be the week it was made for: "week_inconsistent" when not, empty when it can (or names
// none). A response is answered in its week (± 1 for the kiosk's local time and a session across
// midnight on Sunday); counts and reports are made during or after their week, never before it
// (+ 1 likewise), however late a correction comes. No week may start more than the clock's skew
// after the server's time: one record for 2099 must not move anyone's default period.
QString weekRefusal(const IncomingRecord &record, const QDateTime &now);

} // namespace relais::observatory
