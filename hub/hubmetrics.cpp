// SPDX-License-Identifier: EUPL-1.2
#include "hubmetrics.h"

namespace relais::hub {

HubMetrics::HubMetrics()
{
    m_metrics.describeGauge("relais_hub_kiosks_connected",
                            "Kiosks connected whose hello was accepted.");
    m_metrics.describeGauge("relais_hub_agents_connected",
                            "Advisers' connections whose hello was accepted, by agency.");
    m_metrics.describeGauge("relais_hub_agents_available",
                            "Advisers (by login) available to take a call, by agency.");
    m_metrics.describeGauge("relais_hub_mediators_connected",
                            "Mediators' desk connections whose hello was accepted, by site.");
    m_metrics.describeGauge("relais_hub_queue_length", "Kiosks waiting in an agency's queue.");
    m_metrics.describeGauge("relais_hub_queue_longest_wait_seconds",
                            "How long the first kiosk of an agency's queue has waited.");
    m_metrics.describeGauge("relais_hub_calls_in_progress",
                            "Calls between a kiosk and an adviser.");
    m_metrics.describeCounter("relais_hub_calls_total",
                              "Kiosks' requests for a video counter, by agency and outcome.");
    m_metrics.describeCounter("relais_hub_messages_refused_total",
                              "Error replies to clients' messages, by protocol error code.");
    m_metrics.describeCounter("relais_hub_login_failures_total",
                              "Hellos refused, by role and reason.");
}

void HubMetrics::callOutcome(const QString &agency, const QString &outcome)
{
    m_metrics.increment("relais_hub_calls_total", {{"agency", agency}, {"outcome", outcome}});
}

void HubMetrics::refused(const QString &code)
{
    m_metrics.increment("relais_hub_messages_refused_total", {{"code", code}});
}

void HubMetrics::loginFailed(const QString &role, const QString &reason)
{
    m_metrics.increment("relais_hub_login_failures_total", {{"role", role}, {"reason", reason}});
}

} // namespace relais::hub
