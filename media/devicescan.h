// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>

namespace relais {

// Whether a camera and a microphone are plugged in, from GStreamer's device monitor (what the
// video counter will use). Blocking for a moment: the sync calls it on its own thread.
struct DeviceScan
{
    QString camera = QStringLiteral("unknown"); // ok, missing or unknown (no monitor)
    QString microphone = QStringLiteral("unknown");

    static DeviceScan now();
};

} // namespace relais
