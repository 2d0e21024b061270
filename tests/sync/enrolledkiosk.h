#pragma once

#include "observatoryprocess.h"
#include "sync/clientidentity.h"

#include <QDir>
#include <QFile>

namespace relais::test {

// A kiosk enrolled at a real relais-observatory through its enrollment endpoint (the
// provisioning code's key and CSR), its identity written as files the way the kiosk keeps them.
inline ClientIdentity enrollKiosk(observatory::test::ObservatoryProcess &server,
                                  const QString &folder, const QString &site, const QString &kiosk)
{
    const observatory::test::KioskIdentity enrolled = server.enrollNew(site, kiosk);
    QDir().mkpath(folder);
    const ClientIdentity identity{QDir(folder).filePath(QStringLiteral("kiosk-key.pem")),
                                  QDir(folder).filePath(QStringLiteral("kiosk-cert.pem")),
                                  QDir(server.path()).filePath(QStringLiteral("ca/ca-cert.pem"))};
    QFile key(identity.keyPath);
    key.open(QIODevice::WriteOnly);
    key.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    key.write(enrolled.keyPem);
    QFile cert(identity.certPath);
    cert.open(QIODevice::WriteOnly);
    cert.write(enrolled.certPem);
    return identity;
}

} // namespace relais::test
