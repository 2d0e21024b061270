// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QHostAddress>
#include <QJsonObject>

#include <optional>

namespace relais {

// The optional `operations` section of relais-hub's and relais-observatory's configurations:
// where the plain-HTTP operations endpoint (GET /healthz, GET /metrics) listens.
struct OperationsSettings
{
    QHostAddress address;
    quint16 port = 0; // 0: the system chooses (tests)

    bool operator==(const OperationsSettings &) const = default;
};

// nullopt when the section is absent (no endpoint). Throws json::FieldError naming the field.
std::optional<OperationsSettings> parseOperationsSettings(const QJsonObject &root);

} // namespace relais
