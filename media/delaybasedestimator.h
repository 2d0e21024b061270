// SPDX-License-Identifier: EUPL-1.2
#pragma once

// The bitrate the path carries without building a queue, from transport-cc feedback: the
// delay-based controller of draft-ietf-rmcat-gcc, as Chromium runs it on the adviser's side.
//
// DelayTrend says whether the path's queue grows; this turns that into a rate with an AIMD
// controller. Overuse cuts the rate to 85 % of what the far end actually received (the
// acknowledged rate, measured over the last half second of arrivals), so one decision drains
// the queue rather than several small ones; but not below 85 % of half the estimate, when the
// encoder sends far less than it may (then the queue is not its doing). Underuse (a queue draining)
// holds. Otherwise the rate grows: by 8 % a second while the path's capacity is unknown, and by
// about one packet per round trip near the rate that last overused it, where a deep ADSL buffer
// would fill again. It never grows beyond 1.5 times what is being acknowledged: an encoder that
// sends less than it may (a still picture) cannot lend the estimate a capacity nobody has seen.
//
// Loss is not its business: packets reported lost only leave the acknowledged rate; the
// loss-based rule (VideoRateController) decides on loss, and the kiosk takes the lower of the
// two, as GCC does. Pure C++ so that it is tested on recorded and synthetic feedback.

#include "delaytrend.h"
#include "packetfeedback.h"

#include <deque>
#include <vector>

namespace relais::media {

class DelayBasedEstimator
{
public:
    DelayBasedEstimator(int startKbps, int minKbps, int maxKbps);

    // One transport-cc report: the packets it covers, received or lost. nowMs is our clock
    // when it arrived. Returns true when the target changed.
    bool onFeedback(std::vector<PacketFeedback> packets, qint64 nowMs);
    void setRttMs(double rttMs) { m_rttMs = rttMs > 0 ? rttMs : m_rttMs; }
    // From this rate again, growing (the picture resumed after the line could not carry it).
    void restartAt(int kbps);

    int targetKbps() const { return int(m_kbps); }
    // What the far end received over the last half second; -1 until known.
    int acknowledgedKbps() const { return m_ackedKbps; }
    BandwidthUsage usage() const { return m_trend.usage(); }
    const DelayTrend &trend() const { return m_trend; }
    // Decreases since the start, for tests and logs.
    int decreases() const { return m_decreases; }

private:
    enum class Phase { Hold, Increase };
    void measureAcknowledged(const std::vector<PacketFeedback> &packets);
    void adapt(qint64 nowMs);

    DelayTrend m_trend;
    double m_kbps;
    int m_minKbps;
    int m_maxKbps;
    double m_rttMs = 100;
    Phase m_phase = Phase::Increase;
    qint64 m_lastUpdateMs = -1;
    double m_capacityKbps = -1; // the acknowledged rate when the path last overused; -1 unknown
    int m_decreases = 0;
    std::deque<std::pair<qint64, int>> m_arrivals; // (arrival µs, bytes) of the last window
    qint64 m_lastArrivalUs = -1;
    int m_ackedKbps = -1;
};

} // namespace relais::media
