// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>

namespace relais {

// Slows and then refuses password guessing, per address and per (address, account): the hub's
// hellos and the partners' dashboard, each with its own Limits. A failure spaces out the next
// attempts allowed for the same account from the same address (a growing delay), and enough of
// them refuse that pair, or the whole address, for a while. Nothing is keyed on the account
// alone: a guesser elsewhere can never lock the real user out, who logs in from their own
// address as usual. Attempts inside a delay or a refusal are meant to be answered without
// checking the password, so that they cost the server nothing. Kept in memory: a restart
// forgets it, which costs a guesser a restart of the server.
class LoginThrottle
{
public:
    struct Limits
    {
        // A few typos are free; then each further failure doubles the wait before the next try,
        // up to maxDelayS.
        int freeFailures;
        qint64 maxDelayS;
        // A pair is refused after pairLimit failures within the window, an address after
        // addressLimit whatever the accounts (an office's few users never come near it); either
        // for refusalS after its last failure. A refusal as long as the window lasts until
        // those failures are forgotten; a shorter one lets the pair try again, refused anew at
        // its next failure while the window still holds the others.
        int pairLimit;
        int addressLimit;
        qint64 windowS;
        qint64 refusalS;
        // Memory is bounded whatever the number of addresses a guesser has: past this many pairs
        // or addresses, the stalest go first.
        qsizetype maxEntries;
    };

    explicit LoginThrottle(const Limits &limits);

    const Limits &limits() const { return m_limits; }

    // The key of an address: IPv4 as is, IPv6 by its /64 (one subscriber's whole prefix).
    static QString addressKey(const QHostAddress &address);

    // Seconds before the next attempt is allowed for this account from this address (0: now).
    // `address` is an addressKey(), `account` whatever names the account tried.
    qint64 waitS(const QString &address, const QString &account, const QDateTime &now) const;
    // Whether the wait comes from a refusal rather than a delay, for the log.
    bool refused(const QString &address, const QString &account, const QDateTime &now) const;

    // True when this failure brings a refusal on, so that it is logged once rather than at each
    // attempt it turns away.
    bool failed(const QString &address, const QString &account, const QDateTime &now);
    // A good password forgets the pair's failures (the address's stay: other accounts from there
    // may still be under attack).
    void succeeded(const QString &address, const QString &account);

private:
    struct Failures
    {
        QList<QDateTime> at; // within the window, oldest first
    };
    static qint64 secondsUntil(const QDateTime &now, const QDateTime &until);
    qsizetype recent(const Failures &failures, const QDateTime &now) const;
    qint64 refusalWaitS(const Failures *failures, int limit, const QDateTime &now) const;
    void forgetStale(const QDateTime &now);

    Limits m_limits;
    QHash<QString, Failures> m_pairs;     // address + '\n' + account
    QHash<QString, Failures> m_addresses; // address
};

} // namespace relais
