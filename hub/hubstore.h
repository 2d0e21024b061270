// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace relais {
class Database;
}

namespace relais::hub {

// Who may say hello with a password: an agency's agent, or a site's mediator (the host of the
// service point, who answers the kiosks' calls for help from the desk). `scope` is the agency
// of an agent, the site of a mediator; a login is unique within its scope.
enum class AccountKind { Agent, Mediator };

struct Account
{
    QString scope;
    QString login;
    QString displayName;
    QString passwordHash;
    // A disabled account is kept (its login and name) but refused at every hello, and its open
    // connections are closed (relais-hub disable-account).
    bool disabled = false;
    // An agent who may also open the agency's supervision page (relais-hub add-agent
    // --supervisor); always false for a mediator.
    bool supervisor = false;
};

// An account as `relais-hub list-accounts` shows it.
struct AccountListing
{
    AccountKind kind = AccountKind::Agent;
    Account account;
    QDateTime createdAt, updatedAt; // UTC
    QDateTime disabledAt;           // invalid while the account is enabled
};

// What a callback records: where and when, never who (the agency calls the site back).
struct CallbackRecord
{
    QString id;
    QString site;
    QString kiosk;
    QString agency;
    QDateTime requestedAt; // UTC
};

// An adviser's wrap-up of a call, as it waits to be sent to the observatory: an agency, a
// site, the site's day and how it ended; never who called or who answered.
struct CallOutcomeRecord
{
    QString id;
    QString agency;
    QString site;
    QDate day;
    QString outcome;
};

// The hub's own SQLite file (kiosk/database.h: WAL, synchronous=FULL, user_version schema):
// agent and mediator accounts and callbacks, so that both survive a restart. Every write is one
// transaction, committed before the hub answers, so an acknowledged callback is on disk.
class HubStore
{
public:
    // Null with `problem` set when the file cannot be used durably: the hub must not run on
    // an in-memory store, it would lose callbacks it has acknowledged.
    static std::unique_ptr<HubStore> open(const QString &path, QString *problem);
    ~HubStore();

    // True when the account was created, false when an existing one was updated.
    bool putAccount(AccountKind kind, const Account &account);
    std::optional<Account> account(AccountKind kind, const QString &scope,
                                   const QString &login) const;
    // False when there was no such account. Its session tokens end with it (SessionTokens).
    bool removeAccount(AccountKind kind, const QString &scope, const QString &login);
    // False when there was no such account. A password change (putAccount) keeps the state.
    bool setDisabled(AccountKind kind, const QString &scope, const QString &login, bool disabled,
                     const QDateTime &at);
    // Agents then mediators, each by scope and login.
    QList<AccountListing> accounts() const;
    // Changes when another process (the command line) has written the store since the last
    // call: the running hub then checks the accounts of its open connections.
    int changesFromElsewhere() const;

    CallbackRecord addCallback(const QString &site, const QString &kiosk, const QString &agency,
                               const QDateTime &at);
    QList<CallbackRecord> openCallbacks(const QString &agency) const;
    // The open callback this kiosk asked of this agency, if any (there is at most one).
    std::optional<CallbackRecord> openCallback(const QString &site, const QString &kiosk,
                                               const QString &agency) const;
    // False when the id is unknown, already closed, or another agency's.
    bool closeCallback(const QString &id, const QString &agency, const QString &closedBy,
                       const QDateTime &at);

    CallOutcomeRecord addCallOutcome(const QString &agency, const QString &site, const QDate &day,
                                     const QString &outcome, const QDateTime &at);
    // The oldest outcomes the observatory has not acknowledged yet, at most `limit`.
    QList<CallOutcomeRecord> unsentCallOutcomes(int limit) const;
    void markCallOutcomesSent(const QStringList &ids, const QDateTime &at);

    QString integrityCheck() const;
    // PRAGMA user_version, read from the file: throws DatabaseError when it cannot be read.
    int schemaVersion() const;

private:
    explicit HubStore(std::unique_ptr<Database> db);
    std::unique_ptr<Database> m_db;
};

} // namespace relais::hub
