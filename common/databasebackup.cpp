// SPDX-License-Identifier: EUPL-1.2
#include "databasebackup.h"

#include "database.h"

#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <memory>

namespace relais {

namespace {

struct Closer
{
    void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, Closer>;

Connection openFile(const QString &path, int flags)
{
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db,
                                   flags | SQLITE_OPEN_NOMUTEX, nullptr);
    Connection connection(db);
    if (rc != SQLITE_OK)
        throw DatabaseError(
            QStringLiteral("%1 cannot be opened (%2)")
                .arg(path, QString::fromUtf8(db ? sqlite3_errmsg(db) : "out of memory"))
                .toStdString());
    // A server holding a write lock for a moment must not fail the copy.
    sqlite3_busy_timeout(db, 10000);
    return connection;
}

QString single(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK)
        throw DatabaseError(std::string(sql) + ": " + sqlite3_errmsg(db));
    QString value;
    if (sqlite3_step(statement) == SQLITE_ROW)
        value =
            QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
    sqlite3_finalize(statement);
    return value;
}

BackupReport check(sqlite3 *db)
{
    return {single(db, "PRAGMA integrity_check"), single(db, "PRAGMA user_version").toInt()};
}

// Copies `source` into `target` in one step: one read transaction, hence one snapshot.
void copy(sqlite3 *source, sqlite3 *target, const QString &what)
{
    sqlite3_backup *backup = sqlite3_backup_init(target, "main", source, "main");
    if (!backup)
        throw DatabaseError(QStringLiteral("%1: %2")
                                .arg(what, QString::fromUtf8(sqlite3_errmsg(target)))
                                .toStdString());
    const int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        throw DatabaseError(QStringLiteral("%1: %2")
                                .arg(what, QString::fromUtf8(sqlite3_errstr(rc)))
                                .toStdString());
}

// Written next to `to` and renamed over it only once whole and checked.
BackupReport copyInto(const QString &from, const QString &to, bool restore)
{
    if (QFileInfo::exists(to))
        throw DatabaseError(
            QStringLiteral("%1 already exists; it is never overwritten").arg(to).toStdString());
    if (!QFileInfo::exists(from))
        throw DatabaseError(QStringLiteral("%1 does not exist").arg(from).toStdString());
    const QString partial = to + QStringLiteral(".partial");
    for (const char *suffix : {"", "-journal", "-wal", "-shm"})
        QFile::remove(partial + QLatin1String(suffix));
    BackupReport report;
    try {
        // A live store in WAL mode is read through its shared-memory index, which a read-only
        // connection may not be able to set up; a backup file is only read.
        Connection source = openFile(from, restore ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
        if (restore) {
            const BackupReport sourceReport = check(source.get());
            if (sourceReport.integrity != QLatin1String("ok"))
                throw DatabaseError(QStringLiteral("%1 fails its integrity check (%2)")
                                        .arg(from, sourceReport.integrity.left(200))
                                        .toStdString());
        }
        {
            Connection target = openFile(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            copy(source.get(), target.get(), QStringLiteral("copying %1").arg(from));
            if (restore)
                single(target.get(), "PRAGMA journal_mode=WAL");
            report = check(target.get());
        }
        if (report.integrity != QLatin1String("ok"))
            throw DatabaseError(QStringLiteral("the copy of %1 fails its integrity check (%2)")
                                    .arg(from, report.integrity.left(200))
                                    .toStdString());
        if (!QFile::rename(partial, to))
            throw DatabaseError(QStringLiteral("%1 cannot be written").arg(to).toStdString());
    } catch (...) {
        for (const char *suffix : {"", "-journal", "-wal", "-shm"})
            QFile::remove(partial + QLatin1String(suffix));
        throw;
    }
    return report;
}

} // namespace

BackupReport backupDatabase(const QString &from, const QString &to)
{
    // A backup file is one file: no WAL beside it to lose when it is copied elsewhere.
    return copyInto(from, to, false);
}

BackupReport restoreDatabase(const QString &from, const QString &to)
{
    return copyInto(from, to, true);
}

} // namespace relais
