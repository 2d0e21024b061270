// SPDX-License-Identifier: EUPL-1.2
#include "hubstore.h"

#include "database.h"
#include "hublog.h"
#include "protocol.h"

namespace relais::hub {

namespace {

const QList<Migration> kMigrations = {
    {1, "CREATE TABLE agents ("
        "  agency TEXT NOT NULL, login TEXT NOT NULL, display_name TEXT NOT NULL,"
        "  password_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
        "  PRIMARY KEY (agency, login)) WITHOUT ROWID;"
        "CREATE TABLE callbacks ("
        "  id TEXT PRIMARY KEY, site TEXT NOT NULL, kiosk TEXT NOT NULL, agency TEXT NOT NULL,"
        "  requested_at TEXT NOT NULL, closed_at TEXT, closed_by TEXT);"
        "CREATE INDEX callbacks_open ON callbacks (agency, requested_at) WHERE closed_at IS NULL;"},
    {2, "CREATE TABLE mediators ("
        "  site TEXT NOT NULL, login TEXT NOT NULL, display_name TEXT NOT NULL,"
        "  password_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
        "  PRIMARY KEY (site, login)) WITHOUT ROWID;"},
    {3, "ALTER TABLE agents ADD COLUMN disabled_at TEXT;"
        "ALTER TABLE mediators ADD COLUMN disabled_at TEXT;"},
    {4, "CREATE TABLE call_outcomes ("
        "  id TEXT PRIMARY KEY, agency TEXT NOT NULL, site TEXT NOT NULL, day TEXT NOT NULL,"
        "  outcome TEXT NOT NULL, recorded_at TEXT NOT NULL, sent_at TEXT);"
        "CREATE INDEX call_outcomes_unsent ON call_outcomes (recorded_at) WHERE sent_at IS NULL;"},
    {5, "ALTER TABLE agents ADD COLUMN supervisor INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE mediators ADD COLUMN supervisor INTEGER NOT NULL DEFAULT 0;"},
};

// The two kinds of accounts have the same columns; only the table and its scope differ.
struct AccountTable
{
    const char *table;
    const char *scope;
};

AccountTable tableOf(AccountKind kind)
{
    return kind == AccountKind::Agent ? AccountTable{"agents", "agency"}
                                      : AccountTable{"mediators", "site"};
}

// `sql` with %1 for the kind's table and %2 for its scope column.
QByteArray forTable(AccountKind kind, const char *sql)
{
    const AccountTable t = tableOf(kind);
    return QString::fromLatin1(sql).arg(QLatin1String(t.table), QLatin1String(t.scope)).toLatin1();
}

QString utc(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

HubStore::HubStore(std::unique_ptr<Database> db) : m_db(std::move(db)) {}

HubStore::~HubStore() = default;

std::unique_ptr<HubStore> HubStore::open(const QString &path, QString *problem)
{
    Database::OpenReport report;
    auto db = Database::open(path, kMigrations, &report);
    if (report.recreatedAfterCorruption)
        qCCritical(lcHubStore).noquote()
            << "store" << path << "was damaged and moved aside to" << report.movedAsideTo
            << "; agent accounts must be added again";
    if (report.inMemoryFallback) {
        if (problem)
            *problem = report.problem;
        return nullptr;
    }
    return std::unique_ptr<HubStore>(new HubStore(std::move(db)));
}

bool HubStore::putAccount(AccountKind kind, const Account &account)
{
    bool created = false;
    const QString now = utc(QDateTime::currentDateTimeUtc());
    m_db->transaction([&] {
        const QByteArray existsSql =
            forTable(kind, "SELECT 1 FROM %1 WHERE %2 = ?1 AND login = ?2");
        Statement exists = m_db->prepare(existsSql.constData());
        exists.bind(1, account.scope).bind(2, account.login);
        created = !exists.step();
        const QByteArray putSql = forTable(
            kind, "INSERT INTO %1 (%2, login, display_name, password_hash, created_at, "
                  "updated_at, supervisor) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6) ON CONFLICT (%2, "
                  "login) DO UPDATE SET display_name = excluded.display_name, password_hash = "
                  "excluded.password_hash, updated_at = excluded.updated_at, supervisor = "
                  "excluded.supervisor");
        Statement put = m_db->prepare(putSql.constData());
        put.bind(1, account.scope)
            .bind(2, account.login)
            .bind(3, account.displayName)
            .bind(4, account.passwordHash)
            .bind(5, now)
            .bind(6, qint64(kind == AccountKind::Agent && account.supervisor));
        put.run();
    });
    return created;
}

std::optional<Account> HubStore::account(AccountKind kind, const QString &scope,
                                         const QString &login) const
{
    const QByteArray sql =
        forTable(kind, "SELECT display_name, password_hash, disabled_at IS NOT NULL, supervisor "
                       "FROM %1 WHERE %2 = ?1 AND login = ?2");
    Statement find = m_db->prepare(sql.constData());
    find.bind(1, scope).bind(2, login);
    if (!find.step())
        return std::nullopt;
    return Account{
        scope, login, find.text(0), find.text(1), find.integer(2) != 0, find.integer(3) != 0};
}

bool HubStore::setDisabled(AccountKind kind, const QString &scope, const QString &login,
                           bool disabled, const QDateTime &at)
{
    bool found = false;
    m_db->transaction([&] {
        // An account already in the asked state keeps its date: the first disabling is the one
        // the list shows.
        const QByteArray sql = forTable(
            kind, disabled ? "UPDATE %1 SET disabled_at = COALESCE(disabled_at, ?3), updated_at = "
                             "?3 WHERE %2 = ?1 AND login = ?2"
                           : "UPDATE %1 SET disabled_at = NULL, updated_at = ?3 WHERE %2 = ?1 AND "
                             "login = ?2");
        Statement update = m_db->prepare(sql.constData());
        update.bind(1, scope).bind(2, login).bind(3, utc(at));
        update.run();
        Statement changes = m_db->prepare("SELECT changes()");
        found = changes.step() && changes.integer(0) == 1;
    });
    return found;
}

QList<AccountListing> HubStore::accounts() const
{
    QList<AccountListing> result;
    for (const AccountKind kind : {AccountKind::Agent, AccountKind::Mediator}) {
        const QByteArray sql =
            forTable(kind, "SELECT %2, login, display_name, created_at, updated_at, "
                           "COALESCE(disabled_at, ''), supervisor FROM %1 ORDER BY %2, login");
        Statement list = m_db->prepare(sql.constData());
        while (list.step()) {
            AccountListing entry;
            entry.kind = kind;
            entry.account = {
                list.text(0),        list.text(1), list.text(2), {}, !list.text(5).isEmpty(),
                list.integer(6) != 0};
            entry.createdAt = QDateTime::fromString(list.text(3), Qt::ISODateWithMs);
            entry.updatedAt = QDateTime::fromString(list.text(4), Qt::ISODateWithMs);
            entry.disabledAt = QDateTime::fromString(list.text(5), Qt::ISODateWithMs);
            result.append(entry);
        }
    }
    return result;
}

int HubStore::changesFromElsewhere() const
{
    return m_db->dataVersion();
}

bool HubStore::removeAccount(AccountKind kind, const QString &scope, const QString &login)
{
    bool removed = false;
    m_db->transaction([&] {
        const QByteArray sql = forTable(kind, "DELETE FROM %1 WHERE %2 = ?1 AND login = ?2");
        Statement remove = m_db->prepare(sql.constData());
        remove.bind(1, scope).bind(2, login);
        remove.run();
        Statement changes = m_db->prepare("SELECT changes()");
        removed = changes.step() && changes.integer(0) == 1;
    });
    return removed;
}

CallbackRecord HubStore::addCallback(const QString &site, const QString &kiosk,
                                     const QString &agency, const QDateTime &at)
{
    CallbackRecord record{newUuid(), site, kiosk, agency, at.toUTC()};
    m_db->transaction([&] {
        Statement insert = m_db->prepare("INSERT INTO callbacks (id, site, kiosk, agency, "
                                         "requested_at) VALUES (?1, ?2, ?3, ?4, ?5)");
        insert.bind(1, record.id)
            .bind(2, site)
            .bind(3, kiosk)
            .bind(4, agency)
            .bind(5, utc(record.requestedAt));
        insert.run();
    });
    return record;
}

QList<CallbackRecord> HubStore::openCallbacks(const QString &agency) const
{
    Statement list = m_db->prepare(
        "SELECT id, site, kiosk, requested_at FROM callbacks WHERE agency = ?1 AND closed_at IS "
        "NULL ORDER BY requested_at, id");
    list.bind(1, agency);
    QList<CallbackRecord> result;
    while (list.step())
        result.append({list.text(0), list.text(1), list.text(2), agency,
                       QDateTime::fromString(list.text(3), Qt::ISODateWithMs)});
    return result;
}

std::optional<CallbackRecord> HubStore::openCallback(const QString &site, const QString &kiosk,
                                                     const QString &agency) const
{
    Statement find = m_db->prepare("SELECT id, requested_at FROM callbacks WHERE agency = ?1 AND "
                                   "site = ?2 AND kiosk = ?3 AND closed_at IS NULL LIMIT 1");
    find.bind(1, agency).bind(2, site).bind(3, kiosk);
    if (!find.step())
        return std::nullopt;
    return CallbackRecord{find.text(0), site, kiosk, agency,
                          QDateTime::fromString(find.text(1), Qt::ISODateWithMs)};
}

bool HubStore::closeCallback(const QString &id, const QString &agency, const QString &closedBy,
                             const QDateTime &at)
{
    bool closed = false;
    m_db->transaction([&] {
        Statement close = m_db->prepare("UPDATE callbacks SET closed_at = ?1, closed_by = ?2 "
                                        "WHERE id = ?3 AND agency = ?4 AND closed_at IS NULL");
        close.bind(1, utc(at)).bind(2, closedBy).bind(3, id).bind(4, agency);
        close.run();
        Statement changes = m_db->prepare("SELECT changes()");
        closed = changes.step() && changes.integer(0) == 1;
    });
    return closed;
}

int HubStore::schemaVersion() const
{
    return m_db->userVersion();
}

CallOutcomeRecord HubStore::addCallOutcome(const QString &agency, const QString &site,
                                           const QDate &day, const QString &outcome,
                                           const QDateTime &at)
{
    CallOutcomeRecord record{newUuid(), agency, site, day, outcome};
    m_db->transaction([&] {
        Statement insert = m_db->prepare("INSERT INTO call_outcomes (id, agency, site, day, "
                                         "outcome, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert.bind(1, record.id)
            .bind(2, agency)
            .bind(3, site)
            .bind(4, day.toString(Qt::ISODate))
            .bind(5, outcome)
            .bind(6, utc(at));
        insert.run();
    });
    return record;
}

QList<CallOutcomeRecord> HubStore::unsentCallOutcomes(int limit) const
{
    Statement list = m_db->prepare("SELECT id, agency, site, day, outcome FROM call_outcomes "
                                   "WHERE sent_at IS NULL ORDER BY recorded_at, id LIMIT ?1");
    list.bind(1, qint64(limit));
    QList<CallOutcomeRecord> result;
    while (list.step())
        result.append({list.text(0), list.text(1), list.text(2),
                       QDate::fromString(list.text(3), Qt::ISODate), list.text(4)});
    return result;
}

void HubStore::markCallOutcomesSent(const QStringList &ids, const QDateTime &at)
{
    m_db->transaction([&] {
        Statement mark = m_db->prepare(
            "UPDATE call_outcomes SET sent_at = ?1 WHERE id = ?2 AND sent_at IS NULL");
        for (const QString &id : ids) {
            mark.reset();
            mark.bind(1, utc(at)).bind(2, id);
            mark.run();
        }
    });
}

QString HubStore::integrityCheck() const
{
    return m_db->integrityCheck();
}

} // namespace relais::hub
