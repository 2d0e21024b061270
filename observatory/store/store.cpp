// SPDX-License-Identifier: EUPL-1.2
#include "store.h"

#include "schema.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QUrl>
#include <QUrlQuery>

namespace relais::observatory {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("relais-observatory-%1").arg(counter.fetchAndAddRelaxed(1));
}

[[noreturn]] void fail(const QString &what, const QSqlError &error)
{
    throw StoreError(QStringLiteral("%1: %2").arg(what, error.text()).toStdString());
}

void configurePostgres(QSqlDatabase &db, const QString &location)
{
    // postgresql://user:password@host:port/database, or ?host=/socket/dir&port=N (libpq style)
    const QUrl url(location);
    if (!url.isValid() || url.path().size() < 2)
        throw StoreError("the PostgreSQL URL must look like postgresql://user@host:port/database");
    const QUrlQuery query(url);
    const QString socketDir = query.queryItemValue(QStringLiteral("host"));
    db.setHostName(socketDir.isEmpty() ? url.host() : socketDir);
    const int port = query.hasQueryItem(QStringLiteral("port"))
                         ? query.queryItemValue(QStringLiteral("port")).toInt()
                         : url.port();
    if (port > 0)
        db.setPort(port);
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.setDatabaseName(url.path().mid(1));
}

} // namespace

Store::Store(QString connection, bool postgres)
    : m_connection(std::move(connection)), m_postgres(postgres)
{}

Store::~Store()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

std::unique_ptr<Store> Store::open(const QString &location)
{
    const bool postgres = location.startsWith(QLatin1String("postgresql://"));
    const QString name = nextConnectionName();
    std::unique_ptr<Store> store(new Store(name, postgres));
    QSqlDatabase db = QSqlDatabase::addDatabase(
        postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), name);
    if (!db.isValid())
        throw StoreError(postgres ? "the Qt PostgreSQL driver (QPSQL) is not installed"
                                  : "the Qt SQLite driver (QSQLITE) is not installed");
    if (postgres) {
        configurePostgres(db, location);
    } else {
        db.setDatabaseName(location);
        // relais-provision and the server may write the same file: wait rather than fail.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
    if (!db.open())
        fail(QStringLiteral("cannot open the database"), db.lastError());
    if (!postgres) {
        store->execute(QStringLiteral("PRAGMA journal_mode=WAL"));
        store->execute(QStringLiteral("PRAGMA synchronous=FULL"));
    }
    store->migrate();
    return store;
}

QSqlQuery Store::prepare(const QString &sql) const
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        fail(QStringLiteral("cannot prepare \"%1\"").arg(sql.left(80)), query.lastError());
    return query;
}

void Store::run(QSqlQuery &query, const QVariantList &values)
{
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(static_cast<int>(i), values[i]);
    if (!query.exec())
        fail(QStringLiteral("statement failed"), query.lastError());
}

QString Store::timeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

void Store::execute(const QString &sql, const QVariantList &values) const
{
    if (values.isEmpty()) {
        QSqlQuery query(database());
        if (!query.exec(sql))
            fail(QStringLiteral("\"%1\" failed").arg(sql.left(80)), query.lastError());
        return;
    }
    QSqlQuery query = prepare(sql);
    run(query, values);
}

QVariant Store::scalar(const QString &sql, const QVariantList &values) const
{
    QSqlQuery query = prepare(sql);
    run(query, values);
    return query.next() ? query.value(0) : QVariant();
}

void Store::begin()
{
    if (!database().transaction())
        fail(QStringLiteral("cannot begin a transaction"), database().lastError());
}

void Store::commit()
{
    if (!database().commit())
        fail(QStringLiteral("cannot commit"), database().lastError());
}

void Store::rollback()
{
    database().rollback();
}

void Store::migrate()
{
    if (!database().tables().contains(QStringLiteral("schema_version")))
        execute(QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"));
    const int current = schemaVersion();
    const QList<SchemaStep> &steps = observatorySchema();
    if (current > steps.last().version)
        throw StoreError(QStringLiteral("the database has schema version %1, newer than this "
                                        "program's %2; it was left untouched")
                             .arg(current)
                             .arg(steps.last().version)
                             .toStdString());
    for (const SchemaStep &step : steps) {
        if (step.version <= current)
            continue;
        transaction([&] {
            for (const QString &sql : step.statements)
                execute(sql);
            execute(QStringLiteral("DELETE FROM schema_version"));
            execute(QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"),
                    {step.version});
        });
    }
}

int Store::schemaVersion() const
{
    return scalar(QStringLiteral("SELECT MAX(version) FROM schema_version")).toInt();
}

QString Store::integrityCheck() const
{
    if (m_postgres)
        return scalar(QStringLiteral("SELECT 'ok'")).toString();
    return scalar(QStringLiteral("PRAGMA integrity_check")).toString();
}

} // namespace relais::observatory
