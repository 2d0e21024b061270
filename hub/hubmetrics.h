// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "metrics.h"

#include <QString>

namespace relais::hub {

// The hub's figures on its operations endpoint (README, "Operations endpoint"): what happened
// (calls by outcome, refused messages, failed logins) is counted here as it happens; what is
// (connections, queues) is read from the switchboard at each scrape (Switchboard's collector).
class HubMetrics
{
public:
    HubMetrics();

    // A kiosk's request for an agency's counter, once it is settled: `answered` (an adviser
    // took it), `abandoned` (the kiosk left the queue or went), `callback` (it asked to be
    // called back instead), `closed` (no adviser present, or outside the counter's hours).
    void callOutcome(const QString &agency, const QString &outcome);
    // An error reply, by its PROTOCOL.md code.
    void refused(const QString &code);
    // A hello refused: `role` kiosk, agent or mediator; `reason` credentials, session or
    // throttled.
    void loginFailed(const QString &role, const QString &reason);

    net::Metrics &registry() { return m_metrics; }

private:
    net::Metrics m_metrics;
};

} // namespace relais::hub
