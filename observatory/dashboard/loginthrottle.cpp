#include "loginthrottle.h"

#include <QDebug>

namespace relais::observatory {

QString LoginThrottle::addressKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}

QString LoginThrottle::pairKey(const QHostAddress &address, const QString &login)
{
    return addressKey(address) + u'\n' + login;
}

void LoginThrottle::forgetOld(Failures &times, const QDateTime &now) const
{
    while (!times.isEmpty() && times.first().secsTo(now) >= kWindowSeconds)
        times.removeFirst();
}

std::optional<qint64> LoginThrottle::wait(const QString &key, int maxFailures, bool growing,
                                          const QDateTime &now)
{
    auto it = m_failures.find(key);
    if (it == m_failures.end())
        return std::nullopt;
    forgetOld(*it, now);
    if (it->isEmpty()) {
        m_failures.erase(it);
        return std::nullopt;
    }
    const qint64 since = it->last().secsTo(now);
    if (it->size() >= maxFailures) {
        if (since < kRefusalSeconds)
            return kRefusalSeconds - since;
        return std::nullopt;
    }
    if (!growing || it->size() < kFreeFailures)
        return std::nullopt;
    const qint64 delay =
        std::min<qint64>(kMaxDelaySeconds, qint64(1) << (it->size() - kFreeFailures));
    return since < delay ? std::optional<qint64>(delay - since) : std::nullopt;
}

std::optional<qint64> LoginThrottle::retryAfter(const QHostAddress &address, const QString &login,
                                                const QDateTime &now)
{
    if (auto seconds = wait(addressKey(address), kMaxAddressFailures, false, now))
        return seconds;
    return wait(pairKey(address, login), kMaxFailures, true, now);
}

void LoginThrottle::failed(const QHostAddress &address, const QString &login, const QDateTime &now)
{
    // Bounded memory whatever addresses and names a guesser tries.
    if (m_failures.size() > 20000)
        m_failures.clear();
    for (const QString &key : {pairKey(address, login), addressKey(address)}) {
        Failures &times = m_failures[key];
        forgetOld(times, now);
        times.append(now);
    }
    const int pair = int(m_failures.value(pairKey(address, login)).size());
    const int all = int(m_failures.value(addressKey(address)).size());
    if (pair == kMaxFailures || all == kMaxAddressFailures)
        qWarning().noquote() << "dashboard: login" << login.left(100) << "from"
                             << addressKey(address) << "refused for" << kRefusalSeconds << "s after"
                             << pair << "failures (" << all << "from this address)";
}

void LoginThrottle::succeeded(const QHostAddress &address, const QString &login)
{
    m_failures.remove(pairKey(address, login));
}

} // namespace relais::observatory
