// SPDX-License-Identifier: EUPL-1.2
#include "operationssettings.h"

#include "jsonfields.h"

namespace relais {

std::optional<OperationsSettings> parseOperationsSettings(const QJsonObject &root)
{
    using namespace json;
    const QString path = QStringLiteral("operations");
    if (!root.contains(path))
        return std::nullopt;
    const QJsonObject section = object(root, path, QString());
    rejectUnknownKeys(section, {QStringLiteral("address"), QStringLiteral("port")}, path);
    OperationsSettings settings;
    const QString address = string(section, QStringLiteral("address"), path, 64);
    require(settings.address.setAddress(address), child(path, QStringLiteral("address")),
            QStringLiteral("\"%1\" is not an IPv4 or IPv6 address").arg(address));
    settings.port = static_cast<quint16>(integer(section, QStringLiteral("port"), path, 0, 65535));
    return settings;
}

} // namespace relais
