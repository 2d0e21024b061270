// SPDX-License-Identifier: EUPL-1.2
#include "ratelimiter.h"

namespace relais::hub {

bool RateLimiter::allow(qint64 nowMs)
{
    // m_times[m_next] is the oldest of the last kMaxPerSecond arrivals once the ring is full.
    if (m_count == kMaxPerSecond && nowMs - m_times[m_next] < 1000)
        return false;
    m_times[m_next] = nowMs;
    m_next = (m_next + 1) % kMaxPerSecond;
    if (m_count < kMaxPerSecond)
        ++m_count;
    return true;
}

} // namespace relais::hub
