// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

// Paths named in the servers' configuration files. A path is relative to the file's folder, or
// starts with ${CREDENTIALS_DIRECTORY}/: the folder where systemd puts the secrets a unit loads
// with LoadCredential= (a TLS key, a database password file), readable by the service alone.
namespace relais::json {

inline constexpr char kCredentialsPrefix[] = "${CREDENTIALS_DIRECTORY}/";

// `value` as a path: the credentials folder expanded, then made absolute against `baseDir`.
// Throws FieldError naming `field` when the value asks for the credentials folder and the
// environment has none, or names another variable.
QString expandPath(const QString &value, const QString &field, const QString &baseDir);

// The string `key` of `parent` (at `path`) read as a path.
QString filePath(const QJsonObject &parent, const QString &key, const QString &path,
                 const QString &baseDir);
std::optional<QString> optionalFilePath(const QJsonObject &parent, const QString &key,
                                        const QString &path, const QString &baseDir);

} // namespace relais::json
