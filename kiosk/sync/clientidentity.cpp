#include "clientidentity.h"

#include <QDir>
#include <QFileInfo>

namespace relais {

ClientIdentity ClientIdentity::inDataDirectory(const QString &dataDirectory)
{
    const QDir dir(QDir(dataDirectory).filePath(QStringLiteral("identity")));
    return {dir.filePath(QStringLiteral("kiosk-key.pem")),
            dir.filePath(QStringLiteral("kiosk-cert.pem")),
            dir.filePath(QStringLiteral("ca-cert.pem"))};
}

bool ClientIdentity::isComplete() const
{
    return QFileInfo::exists(keyPath) && QFileInfo::exists(certPath) && QFileInfo::exists(caPath);
}

} // namespace relais
