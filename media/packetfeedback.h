// SPDX-License-Identifier: EUPL-1.2
#pragma once

// One of our packets as transport-wide congestion control feedback (transport-cc) reports it:
// when we sent it, on our clock, and when the far end received it, on the far end's clock.
// Only differences of either clock are meaningful.

#include <QtGlobal>

namespace relais::media {

struct PacketFeedback
{
    qint64 sendUs = 0;
    qint64 arrivalUs = -1; // -1: reported lost
    int bytes = 0;

    bool received() const { return arrivalUs >= 0; }
};

} // namespace relais::media
