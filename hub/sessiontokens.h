// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "hubstore.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <optional>

namespace relais::hub {

// The session tokens an agent's or mediator's `welcome` carries, so that the console and the desk
// page keep a token, never the password, and a reload or a reconnection says hello with it.
// Held in memory only (a restarted hub asks for passwords again), and only as their SHA-256.
// A token ends at its absolute expiry, once no connection has used it for a while (a closed tab),
// on `logout`, or when its account is removed, disabled or its password changed (the hello checks
// the account as it is in the store now, and the switchboard revokes them when it sees the
// change).
class SessionTokens
{
public:
    // A working day at the most, whatever the use.
    static constexpr int kLifetimeS = 12 * 3600;
    // Long enough for a reload or a dropped link to come back, short enough that a closed
    // console's token soon means nothing.
    static constexpr int kIdleS = 5 * 60;
    // A few tabs per account; the oldest goes beyond that.
    static constexpr int kMaxPerAccount = 8;

    struct Holder
    {
        AccountKind kind = AccountKind::Agent;
        QString scope, login;
        QString passwordHash; // the account's when the token was issued
    };

    // A new token (43 characters of base64url, 256 random bits) for a connection that uses it.
    QString issue(const Holder &holder, const QDateTime &now);
    // The token's holder while it is valid, and the connection counts as using it; nullopt
    // when it is unknown, expired, idle too long or revoked.
    std::optional<Holder> use(const QString &token, const QDateTime &now);
    // A connection that used it has closed: the idle time starts when none is left.
    void release(const QString &token, const QDateTime &now);
    void revoke(const QString &token);
    // Every token of the account: it was removed, disabled or given a new password.
    void revokeAccount(AccountKind kind, const QString &scope, const QString &login);
    QDateTime expiry(const QString &token) const;

private:
    struct Entry
    {
        Holder holder;
        QDateTime issued, expires;
        int connections = 0;
        QDateTime idleSince; // valid while no connection uses it
    };
    static QByteArray key(const QString &token);
    void forgetExpired(const QDateTime &now);

    QHash<QByteArray, Entry> m_entries;
};

} // namespace relais::hub
