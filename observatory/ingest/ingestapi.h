// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "httpmessage.h"
#include "ingestwriter.h"

#include <QDateTime>

#include <functional>

namespace relais::provisioning {
class DeviceCa;
}

namespace relais::observatory {

class DeviceRegistry;
class ObservatoryMetrics;

// POST /v1/records: authenticates the kiosk, validates the whole batch before writing
// anything (400 naming the first fault), then answers one result per record.
class IngestApi
{
public:
    IngestApi(IngestWriter &writer, const DeviceRegistry &registry,
              const provisioning::DeviceCa &ca, int maxRecords, std::function<QDateTime()> clock,
              ObservatoryMetrics &metrics)
        : m_writer(writer), m_registry(registry), m_ca(ca), m_maxRecords(maxRecords),
          m_clock(std::move(clock)), m_metrics(metrics)
    {}

    net::HttpResponse post(const net::HttpRequest &request);

private:
    IngestWriter &m_writer;
    const DeviceRegistry &m_registry;
    const provisioning::DeviceCa &m_ca;
    int m_maxRecords;
    std::function<QDateTime()> m_clock;
    ObservatoryMetrics &m_metrics;
};

} // namespace relais::observatory
