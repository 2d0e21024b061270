// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "identity/kioskidentity.h"
#include "observatoryprocess.h"
#include "sync/clientidentity.h"

#include <QDir>
#include <QFile>

namespace relais::test {

// A kiosk enrolled at a real relais-observatory through its enrollment endpoint (the
// provisioning code's key and CSR), its identity kept in `dataDirectory`/identity/ the way the
// kiosk keeps it (relais::KioskIdentity), the observatory's CA pinned there.
inline ClientIdentity enrollKiosk(observatory::test::ObservatoryProcess &server,
                                  const QString &dataDirectory, const QString &site,
                                  const QString &kiosk)
{
    const observatory::test::KioskIdentity enrolled = server.enrollNew(site, kiosk);
    const relais::KioskIdentity identity(dataDirectory);
    QDir().mkpath(identity.directory());
    QFile::remove(identity.trustedCaPath());
    QFile::copy(QDir(server.path()).filePath(QStringLiteral("ca/ca-cert.pem")),
                identity.trustedCaPath());
    identity.store(enrolled.keyPem, enrolled.certPem,
                   QStringLiteral("https://127.0.0.1:%1").arg(server.port()));
    return ClientIdentity::enrolled(identity);
}

} // namespace relais::test
