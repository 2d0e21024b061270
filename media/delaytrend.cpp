// SPDX-License-Identifier: EUPL-1.2
#include "delaytrend.h"

#include <algorithm>
#include <cmath>

namespace relais::media {

namespace {

// libwebrtc's constants (trendline_estimator.cc, inter_arrival.h), kept as they are: they are
// what Chromium runs on the same lines.
constexpr qint64 GroupLengthUs = 5000;
constexpr qint64 BurstArrivalUs = 5000;
constexpr double Smoothing = 0.9;
constexpr std::size_t Window = 20;
constexpr double ThresholdGain = 4.0;
constexpr int MaxCountedDeltas = 60;
constexpr double OverusingTimeMs = 10;
constexpr double MaxAdaptOffsetMs = 15;
constexpr double ThresholdUp = 0.0087;
constexpr double ThresholdDown = 0.039;
constexpr double MinThreshold = 6;
constexpr double MaxThreshold = 600;

double slopeOf(const std::deque<std::pair<double, double>> &points)
{
    double sumX = 0;
    double sumY = 0;
    for (const auto &[x, y] : points) {
        sumX += x;
        sumY += y;
    }
    const double meanX = sumX / double(points.size());
    const double meanY = sumY / double(points.size());
    double numerator = 0;
    double denominator = 0;
    for (const auto &[x, y] : points) {
        numerator += (x - meanX) * (y - meanY);
        denominator += (x - meanX) * (x - meanX);
    }
    return denominator == 0 ? 0 : numerator / denominator;
}

} // namespace

bool DelayTrend::belongsToGroup(qint64 sendUs, qint64 arrivalUs) const
{
    if (m_current.firstSendUs < 0)
        return true;
    if (sendUs - m_current.firstSendUs < GroupLengthUs)
        return true;
    // A burst the network delivered back to back (it had queued them) belongs together too,
    // or a queue draining would read as a sudden fall in delay.
    const qint64 arrivalDelta = arrivalUs - m_current.lastArrivalUs;
    const qint64 sendDelta = sendUs - m_current.lastSendUs;
    return arrivalDelta < BurstArrivalUs && arrivalDelta - sendDelta < 0;
}

bool DelayTrend::add(qint64 sendUs, qint64 arrivalUs, qint64 nowMs)
{
    if (m_current.firstSendUs >= 0 && sendUs < m_current.firstSendUs)
        return false; // reordered across groups: libwebrtc ignores it too
    bool completed = false;
    if (!belongsToGroup(sendUs, arrivalUs)) {
        if (m_previous.firstSendUs >= 0) {
            const double sendDeltaMs = double(m_current.lastSendUs - m_previous.lastSendUs) / 1000;
            const double arrivalDeltaMs =
                double(m_current.lastArrivalUs - m_previous.lastArrivalUs) / 1000;
            if (arrivalDeltaMs >= 0) {
                update(sendDeltaMs, arrivalDeltaMs, double(m_current.lastArrivalUs) / 1000, nowMs);
                completed = true;
            }
        }
        m_previous = m_current;
        m_current = Group{};
    }
    if (m_current.firstSendUs < 0) {
        m_current.firstSendUs = sendUs;
        m_current.firstArrivalUs = arrivalUs;
    }
    m_current.lastSendUs = std::max(m_current.lastSendUs, sendUs);
    m_current.lastArrivalUs = std::max(m_current.lastArrivalUs, arrivalUs);
    return completed;
}

void DelayTrend::update(double sendDeltaMs, double arrivalDeltaMs, double arrivalMs, qint64 nowMs)
{
    const double delta = arrivalDeltaMs - sendDeltaMs;
    m_deltas = std::min(m_deltas + 1, 1000);
    if (m_firstArrivalMs < 0)
        m_firstArrivalMs = arrivalMs;
    m_accumulatedDelay += delta;
    m_smoothedDelay = Smoothing * m_smoothedDelay + (1 - Smoothing) * m_accumulatedDelay;
    m_history.emplace_back(arrivalMs - m_firstArrivalMs, m_smoothedDelay);
    if (m_history.size() > Window)
        m_history.pop_front();
    if (m_history.size() == Window)
        m_trend = slopeOf(m_history);
    detect(sendDeltaMs, nowMs);
}

void DelayTrend::detect(double sendDeltaMs, qint64 nowMs)
{
    if (m_deltas < 2) {
        m_usage = BandwidthUsage::Normal;
        return;
    }
    const double modified = std::min(m_deltas, MaxCountedDeltas) * m_trend * ThresholdGain;
    if (modified > m_threshold) {
        m_timeOverUsingMs =
            m_timeOverUsingMs < 0 ? sendDeltaMs / 2 : m_timeOverUsingMs + sendDeltaMs;
        ++m_overuseCount;
        // Over the threshold for a while and not already falling: the queue is building.
        if (m_timeOverUsingMs > OverusingTimeMs && m_overuseCount > 1 &&
            m_trend >= m_previousTrend) {
            m_timeOverUsingMs = 0;
            m_overuseCount = 0;
            m_usage = BandwidthUsage::Overusing;
        }
    } else if (modified < -m_threshold) {
        m_timeOverUsingMs = -1;
        m_overuseCount = 0;
        m_usage = BandwidthUsage::Underusing;
    } else {
        m_timeOverUsingMs = -1;
        m_overuseCount = 0;
        m_usage = BandwidthUsage::Normal;
    }
    m_previousTrend = m_trend;
    adaptThreshold(modified, nowMs);
}

void DelayTrend::adaptThreshold(double modifiedTrend, qint64 nowMs)
{
    if (m_lastThresholdUpdateMs < 0)
        m_lastThresholdUpdateMs = nowMs;
    const double magnitude = std::abs(modifiedTrend);
    // A sudden spike (a route change, a radio handover) must not drag the threshold up.
    if (magnitude > m_threshold + MaxAdaptOffsetMs) {
        m_lastThresholdUpdateMs = nowMs;
        return;
    }
    const double k = magnitude < m_threshold ? ThresholdDown : ThresholdUp;
    const double elapsedMs = double(std::min<qint64>(nowMs - m_lastThresholdUpdateMs, 100));
    m_threshold += k * (magnitude - m_threshold) * elapsedMs;
    m_threshold = std::clamp(m_threshold, MinThreshold, MaxThreshold);
    m_lastThresholdUpdateMs = nowMs;
}

} // namespace relais::media
