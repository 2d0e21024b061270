// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QList>

#include <algorithm>

namespace relais::test {

// The middle of a benchmark's samples (0 when there are none): what the benches print, so that
// one slow outlier on a noisy machine does not move the figure.
inline double medianOf(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0.0 : values[values.size() / 2];
}

} // namespace relais::test
