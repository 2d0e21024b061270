#include "deviceauth.h"

#include "deviceca.h"

namespace relais::observatory {

std::variant<Device, net::HttpResponse> authenticateDevice(const net::HttpRequest &request,
                                                           const provisioning::DeviceCa &ca,
                                                           const DeviceRegistry &registry)
{
    if (request.clientCertificateDer.isEmpty())
        return net::HttpResponse::error(401, QStringLiteral("client_certificate_required"),
                                        QStringLiteral("this endpoint needs the kiosk's client "
                                                       "certificate (mutual TLS)"));
    QString why;
    const auto identity = ca.verifyClientCertificate(request.clientCertificateDer, &why);
    if (!identity)
        return net::HttpResponse::error(401, QStringLiteral("client_certificate_refused"), why);
    const auto device = registry.device(identity->deviceId);
    if (!device)
        return net::HttpResponse::error(
            403, QStringLiteral("device_unknown"),
            QStringLiteral("no kiosk %1 is registered").arg(identity->deviceId));
    if (device->revoked)
        return net::HttpResponse::error(
            403, QStringLiteral("device_revoked"),
            QStringLiteral("the kiosk %1 is revoked").arg(identity->deviceId));
    return *device;
}

} // namespace relais::observatory
