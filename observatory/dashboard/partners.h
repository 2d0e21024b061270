// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace relais::observatory {

class Store;

// A partner's account on the dashboard and what it may see: its agencies and territories
// (empty: all). Passwords are stored as PBKDF2 hashes; sessions as hashes of random tokens.
struct Partner
{
    QString login;
    QString name;
    QStringList agencies;
    QStringList territories;
    QDateTime disabledAt = {}; // invalid while the account is enabled
};

class Partners
{
public:
    static constexpr int kSessionHours = 8;

    explicit Partners(Store &store) : m_store(store) {}

    void put(const Partner &partner, const QByteArray &password);
    // The partner when the password matches; costs the same time for an unknown login.
    std::optional<Partner> verify(const QString &login, const QByteArray &password) const;
    // A new session token (the cookie's value); only its hash is stored.
    QString openSession(const QString &login, const QDateTime &now);
    std::optional<Partner> session(const QString &token, const QDateTime &now) const;
    void closeSession(const QString &token);
    // The partner and its stored hash, for a check made elsewhere (off the event loop); nullopt
    // for a disabled partner, which no login or session opens.
    std::optional<Partner> partner(const QString &login, QString *hash) const;

    // Every partner, enabled or not, by login (relais-observatory list-partners).
    QList<Partner> all() const;
    // Disabling or removing a partner ends its sessions at once: its next request is refused.
    // Its API tokens open nothing while it is disabled; removing it removes them. False when
    // there is no such partner.
    bool setDisabled(const QString &login, bool disabled, const QDateTime &now);
    bool remove(const QString &login);

private:
    Store &m_store;
};

} // namespace relais::observatory
