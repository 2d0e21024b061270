// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QtGlobal>

namespace relais {

// Milliseconds since the kernel started this process (before main, libraries included).
qint64 millisecondsSinceProcessStart();
// Peak resident set size (VmHWM), in kB.
qint64 peakResidentKilobytes();

} // namespace relais
