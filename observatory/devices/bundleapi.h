// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "httpmessage.h"

#include <QString>

namespace relais::provisioning {
class DeviceCa;
}

namespace relais::observatory {

class DeviceRegistry;

// GET /v1/bundle: the signed configuration bundle of the calling kiosk's site, as
// relais-provision sign-bundle wrote it into the bundles folder (<site>.json). The observatory
// never signs: the signing key stays with the administrator, so a compromised server cannot
// push a configuration the kiosks would accept.
class BundleApi
{
public:
    BundleApi(QString directory, const provisioning::DeviceCa &ca, const DeviceRegistry &registry)
        : m_directory(std::move(directory)), m_ca(ca), m_registry(registry)
    {}

    net::HttpResponse get(const net::HttpRequest &request) const;

private:
    QString m_directory;
    const provisioning::DeviceCa &m_ca;
    const DeviceRegistry &m_registry;
};

} // namespace relais::observatory
