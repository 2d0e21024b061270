// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "httpmessage.h"

#include <QDateTime>

#include <functional>

namespace relais::provisioning {
class DeviceCa;
}

namespace relais::observatory {

class DeviceRegistry;
class Store;

// EST-style enrollment (RFC 7030 simpleenroll / simplereenroll semantics, JSON bodies; see
// API.md): a kiosk proves itself once with a single-use token, and later with its current
// certificate, and gets a 90-day clientAuth certificate for the key of its CSR.
class EnrollmentApi
{
public:
    EnrollmentApi(Store &store, DeviceRegistry &registry, const provisioning::DeviceCa &ca,
                  std::function<QDateTime()> clock)
        : m_store(store), m_registry(registry), m_ca(ca), m_clock(std::move(clock))
    {}

    net::HttpResponse simpleEnroll(const net::HttpRequest &request);
    net::HttpResponse simpleReenroll(const net::HttpRequest &request);

private:
    Store &m_store;
    DeviceRegistry &m_registry;
    const provisioning::DeviceCa &m_ca;
    std::function<QDateTime()> m_clock;
};

} // namespace relais::observatory
