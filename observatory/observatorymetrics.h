// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "metrics.h"

#include <QString>

namespace relais::observatory {

class Store;

// The observatory's figures on its operations endpoint (README, "Operations endpoint"):
// ingest, enrollments and dashboard logins are counted as they happen; the kiosks silent for
// more than a day are read from the store at each scrape.
class ObservatoryMetrics
{
public:
    explicit ObservatoryMetrics(Store &store);

    // One per record of an ingested batch, by its API result (stored, already_stored…).
    void recordIngested(const QString &result);
    // A batch's time from its arrival to its answer.
    void batchTook(double seconds);
    // `kind` enroll or renew; `result` issued or refused.
    void enrollment(const QString &kind, const QString &result);
    // `reason` credentials, throttled or busy.
    void dashboardLoginRefused(const QString &reason);

    net::Metrics &registry() { return m_metrics; }

    static constexpr qint64 kSilentAfterS = 24 * 3600;

private:
    net::Metrics m_metrics;
};

} // namespace relais::observatory
