// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QtGlobal>

#include <array>

namespace relais::hub {

// "More than 50 messages per second": exact over any sliding one-second window, by keeping the
// arrival times of the last 50 messages in a ring.
class RateLimiter
{
public:
    static constexpr int kMaxPerSecond = 50;

    // False when this message is the 51st within 1000 ms.
    bool allow(qint64 nowMs);

private:
    std::array<qint64, kMaxPerSecond> m_times{};
    int m_next = 0;
    int m_count = 0;
};

} // namespace relais::hub
