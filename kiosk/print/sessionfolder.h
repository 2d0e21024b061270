// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>

namespace relais {

// A local path from what QML hands over: a path, or a file: URL.
QString localFilePath(const QString &pathOrUrl);

// A folder for one resident's files (scans, documents to print), made when first needed,
// readable by the kiosk's user only, and deleted with everything in it when the session ends.
// It lives in the user's runtime directory (memory-backed under systemd) when there is one.
class SessionFolder
{
public:
    // `root` empty: $XDG_RUNTIME_DIR, else the temporary directory.
    explicit SessionFolder(QString root = {});
    ~SessionFolder();
    SessionFolder(const SessionFolder &) = delete;
    SessionFolder &operator=(const SessionFolder &) = delete;

    // The folder's path (made now if need be), or empty when it cannot be made.
    QString path();
    // A new file name in the folder, e.g. newFile("scan", "pdf") -> ".../scan-3.pdf".
    QString newFile(const QString &stem, const QString &suffix);
    // Deletes the folder and its files; the next path() makes a fresh one.
    void wipe();

private:
    QString m_root;
    QString m_path;
    int m_files = 0;
};

} // namespace relais
