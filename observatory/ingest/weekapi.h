// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "httpmessage.h"

namespace relais::provisioning {
class DeviceCa;
}

namespace relais::observatory {

class DeviceRegistry;
class Store;

// GET /v1/weeks/<week>: whether the calling kiosk's site has closed that week at its desk, and
// the current version if so (who closed it, when, and the desk's counts), so that a mediator
// at a site with several kiosks corrects that version instead of closing the week again.
class WeekApi
{
public:
    WeekApi(const Store &store, const DeviceRegistry &registry, const provisioning::DeviceCa &ca)
        : m_store(store), m_registry(registry), m_ca(ca)
    {}

    net::HttpResponse get(const net::HttpRequest &request) const;

private:
    const Store &m_store;
    const DeviceRegistry &m_registry;
    const provisioning::DeviceCa &m_ca;
};

} // namespace relais::observatory
