// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace relais::provisioning {

// Writes atomically (QSaveFile) with the given permissions; throws std::runtime_error naming
// the path. Private keys are written 0600 so that they never exist world-readable.
void writeFileAtomically(const QString &path, const QByteArray &bytes,
                         QFile::Permissions permissions);
// Reads a small file (≤ 1 MiB); throws std::runtime_error naming the path.
QByteArray readSmallFile(const QString &path);

inline constexpr QFile::Permissions kPrivateFile = QFile::ReadOwner | QFile::WriteOwner;
inline constexpr QFile::Permissions kPublicFile =
    QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;

} // namespace relais::provisioning
