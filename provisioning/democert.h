// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>
#include <QStringList>

namespace relais::provisioning {

struct DemoCertificate
{
    QString certPath; // <dir>/hub-cert.pem
    QString keyPath;  // <dir>/hub-key.pem, readable by its owner only
};

// A self-signed P-256 certificate for localhost, 127.0.0.1 and ::1 (and `moreAddresses`, IP
// addresses: a test's server on the host's end of a link), valid one year, so that the demo
// and the tests run over TLS without an operator. Throws std::runtime_error.
DemoCertificate makeDemoCertificate(const QString &directory,
                                    const QStringList &moreAddresses = {});

} // namespace relais::provisioning
