// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>
#include <stdexcept>

namespace relais::observatory {

class StoreError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// The observatory's database through Qt Sql, so that one code path serves SQLite (a file,
// the default) and PostgreSQL (a postgresql:// URL): the schema and every query are written in
// the SQL both understand (ON CONFLICT … DO NOTHING, no engine-specific types).
class Store
{
public:
    // Opens (creating the schema when needed). Throws StoreError naming the cause.
    static std::unique_ptr<Store> open(const QString &location);
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    bool isPostgres() const { return m_postgres; }
    QSqlDatabase database() const { return QSqlDatabase::database(m_connection); }

    // A forward-only prepared statement; throws StoreError when it does not prepare.
    QSqlQuery prepare(const QString &sql) const;
    // Binds `values` in order and runs; throws StoreError naming the statement's fault.
    static void run(QSqlQuery &query, const QVariantList &values = {});
    void execute(const QString &sql, const QVariantList &values = {}) const;
    // The first column of the first row, or an invalid QVariant.
    QVariant scalar(const QString &sql, const QVariantList &values = {}) const;
    // A time as the store's text columns hold it: UTC, ISO 8601 with milliseconds, so that
    // comparing the texts compares the times.
    static QString timeText(const QDateTime &time);

    template<typename F> void transaction(F &&work)
    {
        begin();
        try {
            work();
            commit();
        } catch (...) {
            rollback();
            throw;
        }
    }

    // "ok" when the database is sound (SQLite's integrity_check; PostgreSQL answers a query).
    QString integrityCheck() const;
    int schemaVersion() const;

private:
    Store(QString connection, bool postgres);
    void begin();
    void commit();
    void rollback();
    void migrate();

    QString m_connection;
    bool m_postgres;
};

} // namespace relais::observatory
