#pragma once

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>

namespace relais::hub {

// Slows and then refuses password guessing at the hub, per address and per (address, account).
// A failed hello spaces out the next attempts allowed for the same account from the same
// address (a growing delay), and enough of them refuse that pair, or the whole address, for a
// while. Nothing is keyed on the account alone: an attacker elsewhere can never lock a real
// adviser out, she logs in from her own address as usual. Attempts inside a delay or a refusal
// are answered without checking the password, so they cost the hub nothing.
class LoginThrottle
{
public:
    // A few typos are free; then each further failure doubles the wait before the next try.
    static constexpr int kFreeFailures = 3;
    static constexpr int kMaxDelayS = 60;
    // A pair refused after this many failures within the window, an address after kAddressLimit
    // failures whatever the accounts (a service point's few advisers never come near it).
    static constexpr int kPairLimit = 10;
    static constexpr int kAddressLimit = 30;
    static constexpr int kWindowS = 15 * 60;
    // Memory is bounded whatever the number of addresses an attacker has: the stalest entries go
    // first.
    static constexpr qsizetype kMaxEntries = 20000;

    // The key of an address: IPv4 as is, IPv6 by its /64 (one subscriber's whole prefix).
    static QString addressKey(const QHostAddress &address);
    // The account as guessed: role, scope and login.
    static QString accountKey(const QString &role, const QString &scope, const QString &login);

    // Seconds before the next attempt is allowed for this account from this address (0: now).
    qint64 waitS(const QString &address, const QString &account, const QDateTime &now) const;
    // Whether the wait comes from a refusal (kPairLimit or kAddressLimit reached) rather than a
    // delay, for the log.
    bool refused(const QString &address, const QString &account, const QDateTime &now) const;

    void failed(const QString &address, const QString &account, const QDateTime &now);
    // A good password forgets the pair's failures (the address's stay: other accounts from there
    // may still be under attack).
    void succeeded(const QString &address, const QString &account);

private:
    struct Failures
    {
        QList<QDateTime> at; // within the window, oldest first
    };
    static qint64 secondsUntil(const QDateTime &now, const QDateTime &until);
    static qsizetype recent(const Failures &failures, const QDateTime &now);
    void forgetStale(const QDateTime &now);

    QHash<QString, Failures> m_pairs;     // address + '\n' + account
    QHash<QString, Failures> m_addresses; // address
};

} // namespace relais::hub
