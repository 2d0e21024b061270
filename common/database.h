// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <stdexcept>

struct sqlite3;
struct sqlite3_stmt;

namespace relais {

class DatabaseError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// A schema step: user_version becomes `version` once `sql` has run, in one transaction.
struct Migration
{
    int version;
    const char *sql;
};

class Statement
{
public:
    Statement(sqlite3 *db, const char *sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(int index, const QString &text);
    Statement &bind(int index, qint64 number);
    bool step(); // true while a row is available
    void run();  // step to completion, expecting no row
    void reset();
    QString text(int column) const;
    qint64 integer(int column) const;

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_statement = nullptr;
};

// One SQLite file opened the way every Relais store needs it: WAL, synchronous=FULL, schema
// brought up to date through PRAGMA user_version, and corruption detected at open.
class Database
{
public:
    struct OpenReport
    {
        bool recreatedAfterCorruption = false;
        QString movedAsideTo; // where the damaged file went, for the operator
        bool inMemoryFallback = false;
        QString problem; // why the file could not be used, when it could not
    };

    // Never throws: a damaged file is moved aside and a fresh store started; a file that
    // cannot be used at all (newer schema, unwritable disk) leaves the file untouched and
    // gives an in-memory store so the kiosk keeps serving residents.
    static std::unique_ptr<Database> open(const QString &path, const QList<Migration> &migrations,
                                          OpenReport *report = nullptr);
    // Another connection to a store that open() has already checked and migrated, for a
    // thread of its own (SQLite connections are not shared between threads). Throws
    // DatabaseError when the file cannot be opened.
    static std::unique_ptr<Database> attach(const QString &path);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    void exec(const char *sql);
    Statement prepare(const char *sql) { return Statement(m_db, sql); }
    QString integrityCheck();
    int userVersion();
    // PRAGMA data_version: changes when another connection (another process) has committed
    // since this connection last looked; this connection's own commits leave it as it is.
    int dataVersion();
    const QString &path() const { return m_path; }

    template<typename F> void transaction(F &&work)
    {
        exec("BEGIN IMMEDIATE");
        try {
            work();
            exec("COMMIT");
        } catch (...) {
            exec("ROLLBACK");
            throw;
        }
    }

private:
    Database(sqlite3 *db, QString path);
    static std::unique_ptr<Database> openFile(const QString &path, int flags);
    void configure(bool durable);
    void migrate(const QList<Migration> &migrations);

    sqlite3 *m_db;
    QString m_path;
};

} // namespace relais
