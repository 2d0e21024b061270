// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>

namespace relais {

// Backup and restore of a server's SQLite store (relais-hub's, relais-observatory's), with
// SQLite's online backup API: the copy is one consistent snapshot of the file, taken while the
// server keeps writing (WAL readers do not stop writers), never a copy of the file's bytes
// halfway through a transaction.
struct BackupReport
{
    QString integrity;   // PRAGMA integrity_check of the copy: "ok"
    int userVersion = 0; // PRAGMA user_version of the copy
};

// Writes a snapshot of `from` to `to`, which must not exist yet; the file appears whole or not
// at all. Throws DatabaseError naming the problem.
BackupReport backupDatabase(const QString &from, const QString &to);

// Puts the backup `from` in place as the store `to`, which must not exist yet (a store is never
// overwritten): the backup must pass integrity_check first. The store is left in WAL mode, as
// the servers open it. Throws DatabaseError, and then leaves nothing at `to`.
BackupReport restoreDatabase(const QString &from, const QString &to);

} // namespace relais
