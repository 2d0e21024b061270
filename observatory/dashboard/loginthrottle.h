#pragma once

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <optional>

namespace relais::observatory {

// Slows password guessing on the dashboard without handing a guesser a lockout of the real
// partner: failures count per (address, login) and per address, never per login alone, so a
// guesser elsewhere cannot lock out the partner at their own desk. After kFreeFailures
// failures of a pair (typing mistakes are retried at once), each failure makes the next try
// wait a growing delay (1, 2, 4… s, at most kMaxDelaySeconds); after
// kMaxFailures within kWindowSeconds the pair is refused for kRefusalSeconds; an address with
// kMaxAddressFailures failures (whatever the logins) is refused for kRefusalSeconds too.
// Kept in memory: a restart forgets it, which costs a guesser a restart of the server.
class LoginThrottle
{
public:
    static constexpr int kFreeFailures = 3;
    static constexpr int kMaxFailures = 10;
    static constexpr int kMaxAddressFailures = 50;
    static constexpr qint64 kWindowSeconds = 15 * 60;
    static constexpr qint64 kMaxDelaySeconds = 30;
    static constexpr qint64 kRefusalSeconds = 5 * 60;

    // Seconds to wait before `login` may be tried from `address`; nullopt when it may now.
    std::optional<qint64> retryAfter(const QHostAddress &address, const QString &login,
                                     const QDateTime &now);
    void failed(const QHostAddress &address, const QString &login, const QDateTime &now);
    void succeeded(const QHostAddress &address, const QString &login);

private:
    using Failures = QList<QDateTime>;
    static QString pairKey(const QHostAddress &address, const QString &login);
    static QString addressKey(const QHostAddress &address);
    void forgetOld(Failures &times, const QDateTime &now) const;
    std::optional<qint64> wait(const QString &key, int maxFailures, bool growing,
                               const QDateTime &now);

    QHash<QString, Failures> m_failures; // by pairKey() and addressKey()
};

} // namespace relais::observatory
