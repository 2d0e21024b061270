// SPDX-License-Identifier: EUPL-1.2
#include "database.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcStore, "relais.store")

namespace relais {

namespace {

[[noreturn]] void throwError(sqlite3 *db, const char *what)
{
    throw DatabaseError(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

QString moveAside(const QString &path)
{
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    const QString target = path + QStringLiteral(".corrupt-") + stamp;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFile::exists(path + suffix) && !QFile::rename(path + suffix, target + suffix))
            QFile::remove(path + suffix);
    }
    return target;
}

} // namespace

Statement::Statement(sqlite3 *db, const char *sql) : m_db(db)
{
    if (sqlite3_prepare_v2(db, sql, -1, &m_statement, nullptr) != SQLITE_OK)
        throwError(db, "prepare");
}

Statement::~Statement()
{
    sqlite3_finalize(m_statement);
}

Statement &Statement::bind(int index, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    if (sqlite3_bind_text(m_statement, index, utf8.constData(), static_cast<int>(utf8.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK)
        throwError(m_db, "bind");
    return *this;
}

Statement &Statement::bind(int index, qint64 number)
{
    if (sqlite3_bind_int64(m_statement, index, number) != SQLITE_OK)
        throwError(m_db, "bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    throwError(m_db, "step");
}

void Statement::run()
{
    while (step()) {
    }
}

void Statement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

QString Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_statement, column));
}

qint64 Statement::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

Database::Database(sqlite3 *db, QString path) : m_db(db), m_path(std::move(path)) {}

Database::~Database()
{
    sqlite3_close_v2(m_db);
}

std::unique_ptr<Database> Database::openFile(const QString &path, int flags)
{
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close_v2(db);
        throw DatabaseError("open: " + message);
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 5000);
    return std::unique_ptr<Database>(new Database(db, path));
}

std::unique_ptr<Database> Database::open(const QString &path, const QList<Migration> &migrations,
                                         OpenReport *report)
{
    OpenReport local;
    OpenReport &r = report ? *report : local;
    r = OpenReport{};

    const int latest = migrations.isEmpty() ? 0 : migrations.last().version;
    if (QFileInfo::exists(path)) {
        bool damaged = false;
        try {
            auto existing = openFile(path, SQLITE_OPEN_READWRITE);
            const QString check = existing->integrityCheck();
            if (check != QLatin1String("ok")) {
                damaged = true;
                r.problem = QStringLiteral("integrity check failed: %1").arg(check.left(200));
            } else if (existing->userVersion() > latest) {
                // Written by a newer kiosk: keep it intact for that version, do not guess.
                r.problem = QStringLiteral("schema version %1 is newer than this program's %2")
                                .arg(existing->userVersion())
                                .arg(latest);
                r.inMemoryFallback = true;
            } else {
                existing->configure(true);
                existing->migrate(migrations);
                return existing;
            }
        } catch (const DatabaseError &error) {
            const QString what = QString::fromUtf8(error.what());
            // Only a file that SQLite itself calls damaged is moved; a locked or unreadable
            // file is somebody else's problem and must not be touched.
            damaged = what.contains(QLatin1String("malformed")) ||
                      what.contains(QLatin1String("not a database"));
            r.problem = what;
            if (!damaged)
                r.inMemoryFallback = true;
        }
        if (damaged) {
            r.recreatedAfterCorruption = true;
            r.movedAsideTo = moveAside(path);
            qCCritical(lcStore).noquote()
                << "store" << path << "is damaged (" << r.problem << "); moved aside to"
                << r.movedAsideTo << "and starting a fresh one";
        }
    }

    if (!r.inMemoryFallback) {
        try {
            QDir().mkpath(QFileInfo(path).absolutePath());
            auto fresh = openFile(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            fresh->configure(true);
            fresh->migrate(migrations);
            return fresh;
        } catch (const DatabaseError &error) {
            r.problem = QString::fromUtf8(error.what());
            r.inMemoryFallback = true;
        }
    }

    qCCritical(lcStore).noquote() << "store" << path << "cannot be used (" << r.problem
                                  << "); keeping records in memory only";
    auto memory = openFile(QStringLiteral(":memory:"), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    memory->configure(false);
    memory->migrate(migrations);
    return memory;
}

std::unique_ptr<Database> Database::attach(const QString &path)
{
    auto db = openFile(path, SQLITE_OPEN_READWRITE);
    db->configure(path != QLatin1String(":memory:"));
    return db;
}

void Database::exec(const char *sql)
{
    char *error = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw DatabaseError(std::string("exec: ") + message);
    }
}

QString Database::integrityCheck()
{
    Statement check(m_db, "PRAGMA integrity_check");
    QStringList lines;
    while (check.step())
        lines << check.text(0);
    return lines.join(QLatin1Char('\n'));
}

int Database::userVersion()
{
    Statement version(m_db, "PRAGMA user_version");
    return version.step() ? static_cast<int>(version.integer(0)) : 0;
}

int Database::dataVersion()
{
    Statement version(m_db, "PRAGMA data_version");
    return version.step() ? static_cast<int>(version.integer(0)) : 0;
}

void Database::configure(bool durable)
{
    if (durable) {
        Statement wal(m_db, "PRAGMA journal_mode=WAL");
        if (!wal.step() || wal.text(0) != QLatin1String("wal"))
            throw DatabaseError("the store cannot switch to WAL mode");
    }
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
}

void Database::migrate(const QList<Migration> &migrations)
{
    for (const Migration &migration : migrations) {
        if (userVersion() >= migration.version)
            continue;
        transaction([&] {
            exec(migration.sql);
            exec(QStringLiteral("PRAGMA user_version=%1")
                     .arg(migration.version)
                     .toUtf8()
                     .constData());
        });
    }
}

} // namespace relais
