// SPDX-License-Identifier: EUPL-1.2
#include "bundleapi.h"

#include "deviceauth.h"

#include <QDir>
#include <QFile>

namespace relais::observatory {

net::HttpResponse BundleApi::get(const net::HttpRequest &request) const
{
    const auto who = authenticateDevice(request, m_ca, m_registry);
    if (const auto *refusal = std::get_if<net::HttpResponse>(&who))
        return *refusal;
    const Device device = std::get<Device>(who);
    // Site ids are identifiers ([a-z0-9-]); the registry holds them, never the request.
    QFile file(QDir(m_directory).filePath(device.site + QStringLiteral(".json")));
    if (!file.open(QIODevice::ReadOnly))
        return net::HttpResponse::error(
            404, QStringLiteral("no_bundle"),
            QStringLiteral("no bundle is published for %1").arg(device.site));
    return net::HttpResponse::text(200, "application/json", file.read(4 * 1024 * 1024));
}

} // namespace relais::observatory
