// SPDX-License-Identifier: EUPL-1.2
#include "retransmissionbudget.h"

#include <algorithm>

namespace relais::media {

void RetransmissionBudget::setTargetKbps(int kbps)
{
    m_targetKbps = std::max(0, kbps);
}

double RetransmissionBudget::bytesPerUs() const
{
    const double kbps = std::max<double>(kFloorKbps, m_targetKbps * kShareOfTarget);
    return kbps * 1000.0 / 8.0 / 1e6;
}

bool RetransmissionBudget::spend(qint64 nowUs, int bytes)
{
    const double capacity = bytesPerUs() * double(kBurstUs);
    if (m_tokens < 0)
        m_tokens = capacity;
    else
        m_tokens = std::min(capacity, m_tokens + bytesPerUs() *
                                                     double(std::max<qint64>(0, nowUs - m_lastUs)));
    m_lastUs = nowUs;
    if (m_tokens < bytes)
        return false;
    m_tokens -= bytes;
    return true;
}

} // namespace relais::media
