// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>

namespace relais::provisioning {

struct DemoCertificate
{
    QString certPath; // <dir>/hub-cert.pem
    QString keyPath;  // <dir>/hub-key.pem, readable by its owner only
};

// A self-signed P-256 certificate for localhost, 127.0.0.1 and ::1, valid one year, so that
// the demo and the tests run over TLS without an operator. Throws std::runtime_error.
DemoCertificate makeDemoCertificate(const QString &directory);

} // namespace relais::provisioning
