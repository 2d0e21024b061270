#pragma once

#include <QString>

namespace relais {

// The files through which the kiosk proves who it is to the observatory and knows the
// observatory: its private key and client certificate (from enrollment), and the device CA
// it pins (the observatory's server certificate must come from it, and only from it).
struct ClientIdentity
{
    QString keyPath;
    QString certPath;
    QString caPath;

    // The enrollment's files in the kiosk's data folder (`identity/`).
    static ClientIdentity inDataDirectory(const QString &dataDirectory);
    bool isComplete() const;
};

} // namespace relais
