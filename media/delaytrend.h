// SPDX-License-Identifier: EUPL-1.2
#pragma once

// Whether the queue on the path is growing, from packet send and arrival times: the delay-based
// detector of draft-ietf-rmcat-gcc as Chromium's libwebrtc implements it.
//
// Packets sent within 5 ms of each other form a group (a video frame leaves in a burst); the
// delay variation between consecutive groups is their arrival spacing minus their send
// spacing. Its running sum, smoothed, is the queueing delay up to a constant; the slope of a
// least-squares line through its last 20 values is the trend. The trend, scaled, is compared
// with a threshold that adapts to what the path normally shows (so a jittery 4G link does not
// read as congestion, and a competing TCP flow does not starve us): above it for more than
// 10 ms and still rising is overuse, below its opposite is underuse (a queue draining).

#include <QtGlobal>

#include <deque>
#include <utility>

namespace relais::media {

enum class BandwidthUsage { Normal, Underusing, Overusing };

class DelayTrend
{
public:
    // Received packets, in the order they were sent. Returns true when a group completed,
    // that is when usage() may have changed.
    bool add(qint64 sendUs, qint64 arrivalUs, qint64 nowMs);

    BandwidthUsage usage() const { return m_usage; }
    double trend() const { return m_trend; }
    double threshold() const { return m_threshold; }
    // The smoothed queueing delay, in ms above where it was when the estimation started.
    double smoothedDelayMs() const { return m_smoothedDelay; }

private:
    struct Group
    {
        qint64 firstSendUs = -1;
        qint64 lastSendUs = -1;
        qint64 firstArrivalUs = -1;
        qint64 lastArrivalUs = -1;
    };
    bool belongsToGroup(qint64 sendUs, qint64 arrivalUs) const;
    void update(double sendDeltaMs, double arrivalDeltaMs, double arrivalMs, qint64 nowMs);
    void detect(double sendDeltaMs, qint64 nowMs);
    void adaptThreshold(double modifiedTrend, qint64 nowMs);

    Group m_current;
    Group m_previous;

    double m_firstArrivalMs = -1;
    double m_accumulatedDelay = 0;
    double m_smoothedDelay = 0;
    int m_deltas = 0;
    std::deque<std::pair<double, double>> m_history; // (arrival ms, smoothed delay ms)
    double m_trend = 0;

    double m_threshold = 12.5;
    qint64 m_lastThresholdUpdateMs = -1;
    double m_timeOverUsingMs = -1;
    int m_overuseCount = 0;
    double m_previousTrend = 0;
    BandwidthUsage m_usage = BandwidthUsage::Normal;
};

} // namespace relais::media
