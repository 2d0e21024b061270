// SPDX-License-Identifier: EUPL-1.2
#include "delaybasedestimator.h"

#include <algorithm>
#include <cmath>

namespace relais::media {

namespace {

constexpr double Beta = 0.85;
constexpr double GrowthPerSecond = 1.08;
constexpr qint64 AcknowledgedWindowUs = 500000;
constexpr double PacketBits = 1200 * 8;
// Below this share of the estimate, the sender is limited by its application, not the path.
constexpr double AppLimited = 0.5;
// Near the capacity last seen: within this share of it the growth is additive.
constexpr double NearCapacity = 0.9;

} // namespace

DelayBasedEstimator::DelayBasedEstimator(int startKbps, int minKbps, int maxKbps)
    : m_kbps(std::clamp(startKbps, minKbps, maxKbps)), m_minKbps(minKbps), m_maxKbps(maxKbps)
{}

void DelayBasedEstimator::restartAt(int kbps)
{
    m_kbps = std::clamp(double(kbps), double(m_minKbps), double(m_maxKbps));
    m_phase = Phase::Increase;
    m_arrivals.clear();
    m_ackedKbps = -1;
}

void DelayBasedEstimator::measureAcknowledged(const std::vector<PacketFeedback> &packets)
{
    for (const PacketFeedback &p : packets) {
        if (!p.received())
            continue;
        m_arrivals.emplace_back(p.arrivalUs, p.bytes);
        m_lastArrivalUs = std::max(m_lastArrivalUs, p.arrivalUs);
    }
    while (!m_arrivals.empty() && m_arrivals.front().first < m_lastArrivalUs - AcknowledgedWindowUs)
        m_arrivals.pop_front();
    if (m_arrivals.empty())
        return;
    // Only a full window says anything of the rate: the first packets of a call do not.
    const qint64 span = m_lastArrivalUs - m_arrivals.front().first;
    if (span < AcknowledgedWindowUs * 8 / 10)
        return;
    qint64 bytes = 0;
    for (const auto &arrival : m_arrivals)
        bytes += arrival.second;
    m_ackedKbps = int(double(bytes) * 8 * 1000 / double(AcknowledgedWindowUs));
}

bool DelayBasedEstimator::onFeedback(std::vector<PacketFeedback> packets, qint64 nowMs)
{
    std::stable_sort(
        packets.begin(), packets.end(),
        [](const PacketFeedback &a, const PacketFeedback &b) { return a.sendUs < b.sendUs; });
    measureAcknowledged(packets);
    const int before = targetKbps();
    bool changed = false;
    for (const PacketFeedback &p : packets) {
        if (!p.received() || !m_trend.add(p.sendUs, p.arrivalUs, nowMs))
            continue;
        // Overuse acts at once, on the group that showed it: waiting for the end of the
        // report would let a deep buffer fill further.
        if (m_trend.usage() == BandwidthUsage::Overusing) {
            adapt(nowMs);
            changed = true;
        }
    }
    if (!changed)
        adapt(nowMs);
    return targetKbps() != before;
}

void DelayBasedEstimator::adapt(qint64 nowMs)
{
    const double elapsedS =
        m_lastUpdateMs < 0 ? 0 : double(std::min<qint64>(nowMs - m_lastUpdateMs, 1000)) / 1000;
    m_lastUpdateMs = nowMs;
    switch (m_trend.usage()) {
    case BandwidthUsage::Overusing: {
        const double acked = m_ackedKbps > 0 ? m_ackedKbps : m_kbps;
        // An encoder far below its allowance (a still picture) did not build this queue
        // alone: cutting to what it sends now would starve the picture once it moves again.
        const double decreased = Beta * std::max(acked, AppLimited * m_kbps);
        if (decreased < m_kbps) {
            m_kbps = decreased;
            ++m_decreases;
        }
        m_capacityKbps = m_capacityKbps < 0 ? acked : 0.95 * m_capacityKbps + 0.05 * acked;
        m_phase = Phase::Hold;
        break;
    }
    case BandwidthUsage::Underusing:
        m_phase = Phase::Hold;
        break;
    case BandwidthUsage::Normal:
        if (m_phase == Phase::Hold) {
            m_phase = Phase::Increase;
            break; // the next report grows it: one report of calm is not yet a trend
        }
        // The capacity seen when it last overused no longer holds: the path grew.
        if (m_capacityKbps > 0 && m_ackedKbps > 1.5 * m_capacityKbps)
            m_capacityKbps = -1;
        double grown = m_kbps;
        if (m_capacityKbps > 0 && m_kbps >= NearCapacity * m_capacityKbps) {
            const double responseS = (m_rttMs + 100) / 1000;
            grown += std::max(4.0, PacketBits / 1000 / responseS) * elapsedS;
        } else {
            grown *= std::pow(GrowthPerSecond, elapsedS);
        }
        // Growth only: what is not being sent is not taken away either.
        if (m_ackedKbps > 0)
            grown = std::min(grown, std::max(1.5 * m_ackedKbps + 10, m_kbps));
        m_kbps = grown;
        break;
    }
    m_kbps = std::clamp(m_kbps, double(m_minKbps), double(m_maxKbps));
}

} // namespace relais::media
