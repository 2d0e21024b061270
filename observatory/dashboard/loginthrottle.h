#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace relais::observatory {

// Slows password guessing on the dashboard: after kMaxFailures failed logins for one login
// name within kWindowSeconds, that name is refused until the oldest failure leaves the window.
// Kept in memory: a restart forgets it, which costs a guesser a restart of the server.
class LoginThrottle
{
public:
    static constexpr int kMaxFailures = 5;
    static constexpr qint64 kWindowSeconds = 15 * 60;

    bool allowed(const QString &login, const QDateTime &now);
    void failed(const QString &login, const QDateTime &now);
    void succeeded(const QString &login) { m_failures.remove(login); }

private:
    void forgetOld(QList<QDateTime> &times, const QDateTime &now) const;
    QHash<QString, QList<QDateTime>> m_failures;
};

} // namespace relais::observatory
