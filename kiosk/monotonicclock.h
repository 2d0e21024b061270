// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>

namespace relais {

// Time that never jumps: milliseconds since boot, with the boot's identity so that two
// readings can be compared only when they come from the same boot.
struct MonotonicTime
{
    QString bootId;
    qint64 milliseconds;
};

MonotonicTime monotonicNow();

} // namespace relais
