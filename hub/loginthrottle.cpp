#include "loginthrottle.h"

#include <algorithm>

namespace relais::hub {

namespace {

QString pairKey(const QString &address, const QString &account)
{
    return address + QLatin1Char('\n') + account;
}

} // namespace

QString LoginThrottle::addressKey(const QHostAddress &address)
{
    if (address.isNull())
        return QStringLiteral("unknown");
    bool v4 = false;
    const quint32 ipv4 = address.toIPv4Address(&v4); // also a v4-mapped IPv6 address
    if (v4)
        return QHostAddress(ipv4).toString();
    Q_IPV6ADDR bytes = address.toIPv6Address();
    std::fill(std::begin(bytes.c) + 8, std::end(bytes.c), quint8(0));
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

QString LoginThrottle::accountKey(const QString &role, const QString &scope, const QString &login)
{
    return role + QLatin1Char('/') + scope + QLatin1Char('/') + login;
}

qsizetype LoginThrottle::recent(const Failures &failures, const QDateTime &now)
{
    const QDateTime since = now.addSecs(-kWindowS);
    return std::count_if(failures.at.cbegin(), failures.at.cend(),
                         [&](const QDateTime &at) { return at > since; });
}

qint64 LoginThrottle::waitS(const QString &address, const QString &account,
                            const QDateTime &now) const
{
    qint64 wait = 0;
    const auto byAddress = m_addresses.constFind(address);
    if (byAddress != m_addresses.constEnd() && recent(*byAddress, now) >= kAddressLimit)
        wait = secondsUntil(now, byAddress->at.last().addSecs(kWindowS));
    const auto pair = m_pairs.constFind(pairKey(address, account));
    if (pair == m_pairs.constEnd())
        return std::max<qint64>(wait, 0);
    const qsizetype count = recent(*pair, now);
    const QDateTime last = pair->at.last();
    if (count >= kPairLimit) {
        wait = std::max(wait, secondsUntil(now, last.addSecs(kWindowS)));
    } else if (count >= kFreeFailures) {
        const qint64 delay = std::min<qint64>(
            qint64(1) << std::min<qsizetype>(count - kFreeFailures, 16), kMaxDelayS);
        wait = std::max(wait, secondsUntil(now, last.addSecs(delay)));
    }
    return std::max<qint64>(wait, 0);
}

// Whole seconds until `until`, rounded up: half a second left is still a wait.
qint64 LoginThrottle::secondsUntil(const QDateTime &now, const QDateTime &until)
{
    const qint64 ms = now.msecsTo(until);
    return ms <= 0 ? 0 : (ms + 999) / 1000;
}

bool LoginThrottle::refused(const QString &address, const QString &account,
                            const QDateTime &now) const
{
    const auto byAddress = m_addresses.constFind(address);
    if (byAddress != m_addresses.constEnd() && recent(*byAddress, now) >= kAddressLimit)
        return true;
    const auto pair = m_pairs.constFind(pairKey(address, account));
    return pair != m_pairs.constEnd() && recent(*pair, now) >= kPairLimit;
}

void LoginThrottle::failed(const QString &address, const QString &account, const QDateTime &now)
{
    if (m_pairs.size() >= kMaxEntries || m_addresses.size() >= kMaxEntries)
        forgetStale(now);
    for (Failures *failures : {&m_pairs[pairKey(address, account)], &m_addresses[address]}) {
        failures->at.append(now);
        // Only the last limit's worth matters; older ones would only grow the list.
        while (failures->at.size() > kAddressLimit)
            failures->at.removeFirst();
    }
}

void LoginThrottle::succeeded(const QString &address, const QString &account)
{
    m_pairs.remove(pairKey(address, account));
}

void LoginThrottle::forgetStale(const QDateTime &now)
{
    for (QHash<QString, Failures> *table : {&m_pairs, &m_addresses}) {
        table->removeIf([&](const auto &entry) { return recent(entry.value(), now) == 0; });
        // Still full of live entries: the tenth whose last failure is oldest goes at once, so
        // that this scan is not repeated on every failure.
        if (table->size() < kMaxEntries)
            continue;
        QList<QDateTime> lasts;
        lasts.reserve(table->size());
        for (const Failures &failures : std::as_const(*table))
            lasts.append(failures.at.last());
        const auto cut = lasts.begin() + lasts.size() / 10;
        std::nth_element(lasts.begin(), cut, lasts.end());
        const QDateTime before = *cut;
        table->removeIf([&](const auto &entry) { return entry.value().at.last() <= before; });
    }
}

} // namespace relais::hub
