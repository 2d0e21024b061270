// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QtGlobal>

#include <functional>

namespace relais {

// How long to wait before trying the observatory again after the n-th failure in a row:
// `minimum`, doubled at each failure up to `maximum`, each delay drawn at random in its
// upper fifth so that kiosks cut off together (a village's line coming back) do not all come
// back in the same second. `random` gives a number in [0, 1); tests inject their own.
struct BackoffLimits
{
    qint64 minimumMs = 60'000;
    qint64 maximumMs = 3'600'000;
};

class Backoff
{
public:
    using Limits = BackoffLimits;

    explicit Backoff(BackoffLimits limits = BackoffLimits(), std::function<double()> random = {});

    // Counts a failure at `nowMs` and says when to try again.
    qint64 failed(qint64 nowMs);
    void succeeded() { m_failures = 0; }
    int failures() const { return m_failures; }
    // The delay after `failures` failures in a row (1 for the first), before the jitter.
    qint64 ceiling(int failures) const;

private:
    Limits m_limits;
    std::function<double()> m_random;
    int m_failures = 0;
};

} // namespace relais
