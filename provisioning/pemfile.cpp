// SPDX-License-Identifier: EUPL-1.2
#include "pemfile.h"

#include <QSaveFile>

#include <stdexcept>

namespace relais::provisioning {

void writeFileAtomically(const QString &path, const QByteArray &bytes,
                         QFile::Permissions permissions)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(permissions) ||
        file.write(bytes) != bytes.size() || !file.commit())
        throw std::runtime_error(
            QStringLiteral("cannot write %1: %2").arg(path, file.errorString()).toStdString());
}

QByteArray readSmallFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error(
            QStringLiteral("cannot read %1: %2").arg(path, file.errorString()).toStdString());
    if (file.size() > 1024 * 1024)
        throw std::runtime_error(QStringLiteral("%1 is too large").arg(path).toStdString());
    return file.readAll();
}

} // namespace relais::provisioning
