// SPDX-License-Identifier: EUPL-1.2
#include "configpath.h"

#include "jsonfields.h"

#include <QDir>

namespace relais::json {

QString expandPath(const QString &value, const QString &field, const QString &baseDir)
{
    QString path = value;
    if (path.startsWith(QLatin1String(kCredentialsPrefix))) {
        const QString directory = qEnvironmentVariable("CREDENTIALS_DIRECTORY");
        if (directory.isEmpty())
            throw FieldError{field,
                             QStringLiteral("starts with ${CREDENTIALS_DIRECTORY}/ but "
                                            "CREDENTIALS_DIRECTORY is not set (systemd sets it "
                                            "for a unit with LoadCredential=)")};
        path = QDir(directory).filePath(path.mid(qsizetype(sizeof kCredentialsPrefix) - 1));
    } else if (path.startsWith(QLatin1String("${"))) {
        throw FieldError{field, QStringLiteral("only ${CREDENTIALS_DIRECTORY}/ may start a path")};
    }
    return QDir(baseDir).absoluteFilePath(path);
}

QString filePath(const QJsonObject &parent, const QString &key, const QString &path,
                 const QString &baseDir)
{
    return expandPath(string(parent, key, path, 4096), child(path, key), baseDir);
}

std::optional<QString> optionalFilePath(const QJsonObject &parent, const QString &key,
                                        const QString &path, const QString &baseDir)
{
    const auto value = optionalString(parent, key, path, 4096);
    if (!value)
        return std::nullopt;
    return expandPath(*value, child(path, key), baseDir);
}

} // namespace relais::json
