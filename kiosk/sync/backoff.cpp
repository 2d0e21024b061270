// SPDX-License-Identifier: EUPL-1.2
#include "backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace relais {

Backoff::Backoff(BackoffLimits limits, std::function<double()> random)
    : m_limits(limits), m_random(std::move(random))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

qint64 Backoff::ceiling(int failures) const
{
    qint64 delay = m_limits.minimumMs;
    for (int i = 1; i < failures && delay < m_limits.maximumMs; ++i)
        delay *= 2;
    return std::min(delay, m_limits.maximumMs);
}

qint64 Backoff::failed(qint64 nowMs)
{
    ++m_failures;
    const qint64 top = ceiling(m_failures);
    // In [0.8, 1.0) of the ceiling, never under the minimum.
    const double u = std::clamp(m_random(), 0.0, 1.0);
    const auto delay = static_cast<qint64>(static_cast<double>(top) * (0.8 + 0.2 * u));
    return nowMs + std::max(delay, std::min(m_limits.minimumMs, top));
}

} // namespace relais
