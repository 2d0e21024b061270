// SPDX-License-Identifier: EUPL-1.2
#include "sessionfolder.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QUrl>
#include <QUuid>

Q_LOGGING_CATEGORY(lcSessionFolder, "relais.session.files")

namespace relais {

QString localFilePath(const QString &pathOrUrl)
{
    return pathOrUrl.startsWith(QLatin1String("file:")) ? QUrl(pathOrUrl).toLocalFile() : pathOrUrl;
}

SessionFolder::SessionFolder(QString root) : m_root(std::move(root))
{
    if (m_root.isEmpty())
        m_root = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (m_root.isEmpty())
        m_root = QDir::tempPath();
}

SessionFolder::~SessionFolder()
{
    wipe();
}

QString SessionFolder::path()
{
    if (!m_path.isEmpty() && QDir(m_path).exists())
        return m_path;
    const QString candidate = QDir(m_root).filePath(
        QStringLiteral("relais-session-%1").arg(QUuid::createUuid().toString(QUuid::Id128)));
    QDir dir;
    if (!dir.mkpath(candidate) ||
        !QFile::setPermissions(candidate, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)) {
        qCWarning(lcSessionFolder) << "cannot make a session folder in" << m_root;
        return {};
    }
    m_path = candidate;
    return m_path;
}

QString SessionFolder::newFile(const QString &stem, const QString &suffix)
{
    const QString folder = path();
    if (folder.isEmpty())
        return {};
    return QDir(folder).filePath(QStringLiteral("%1-%2.%3").arg(stem).arg(++m_files).arg(suffix));
}

void SessionFolder::wipe()
{
    if (m_path.isEmpty())
        return;
    if (!QDir(m_path).removeRecursively())
        qCWarning(lcSessionFolder) << "could not delete every file of" << m_path;
    m_path.clear();
    m_files = 0;
}

} // namespace relais
