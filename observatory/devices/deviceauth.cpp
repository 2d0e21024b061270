// SPDX-License-Identifier: EUPL-1.2
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
    // Only the certificate issued last opens anything: one left on a replaced machine, or kept
    // after a renewal, stays valid for the CA but must not ingest, renew or read bundles.
    if (identity->serial.compare(device->certSerial, Qt::CaseInsensitive) != 0)
        return net::HttpResponse::error(
            403, QStringLiteral("certificate_superseded"),
            QStringLiteral("the certificate %1 of the kiosk %2 was replaced by a newer one; "
                           "enroll again with a new token")
                .arg(identity->serial, identity->deviceId));
    return *device;
}

} // namespace relais::observatory
