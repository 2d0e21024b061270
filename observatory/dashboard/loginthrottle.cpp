#include "loginthrottle.h"

namespace relais::observatory {

void LoginThrottle::forgetOld(QList<QDateTime> &times, const QDateTime &now) const
{
    while (!times.isEmpty() && times.first().secsTo(now) >= kWindowSeconds)
        times.removeFirst();
}

bool LoginThrottle::allowed(const QString &login, const QDateTime &now)
{
    auto it = m_failures.find(login);
    if (it == m_failures.end())
        return true;
    forgetOld(*it, now);
    if (it->isEmpty()) {
        m_failures.erase(it);
        return true;
    }
    return it->size() < kMaxFailures;
}

void LoginThrottle::failed(const QString &login, const QDateTime &now)
{
    // Bounded memory whatever names a guesser tries.
    if (m_failures.size() > 10000)
        m_failures.clear();
    QList<QDateTime> &times = m_failures[login];
    forgetOld(times, now);
    times.append(now);
}

} // namespace relais::observatory
