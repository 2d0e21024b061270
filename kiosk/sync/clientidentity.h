// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QUrl>

namespace relais {

class KioskIdentity;

// How the kiosk proves who it is to the observatory and knows the observatory, as enrollment
// left it (identity/): its private key and client certificate, the device CA it pins (the
// observatory's server certificate must come from it, and only from it), and where the
// observatory is.
struct ClientIdentity
{
    QByteArray keyPem;
    QByteArray certPem;
    QByteArray caPem;
    QUrl observatory; // https://host:port

    // Empty (not complete) when the kiosk is not enrolled or its CA is not installed.
    static ClientIdentity enrolled(const KioskIdentity &identity);
    bool isComplete() const;
};

} // namespace relais
