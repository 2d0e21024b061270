// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "deviceregistry.h"
#include "httpmessage.h"

#include <variant>

namespace relais::provisioning {
class DeviceCa;
}

namespace relais::observatory {

// Who is calling, from the client certificate of the TLS connection: the certificate must
// chain to the device CA, be in its validity period, name a registered kiosk, and that kiosk
// must not be on the deny list, and the certificate must be the one the registry issued it last
// (its serial). Otherwise the refusal to send back (401 or 403).
std::variant<Device, net::HttpResponse> authenticateDevice(const net::HttpRequest &request,
                                                           const provisioning::DeviceCa &ca,
                                                           const DeviceRegistry &registry);

} // namespace relais::observatory
