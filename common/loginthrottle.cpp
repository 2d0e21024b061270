// SPDX-License-Identifier: EUPL-1.2
#include "loginthrottle.h"

#include <algorithm>
#include <utility>

namespace relais {

namespace {

QString pairKey(const QString &address, const QString &account)
{
    return address + QLatin1Char('\n') + account;
}

template<typename Table> auto *failuresAt(const Table &table, const QString &key)
{
    const auto it = table.constFind(key);
    return it == table.constEnd() ? nullptr : &*it;
}

} // namespace

LoginThrottle::LoginThrottle(const Limits &limits) : m_limits(limits) {}

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

qsizetype LoginThrottle::recent(const Failures &failures, const QDateTime &now) const
{
    const QDateTime since = now.addSecs(-m_limits.windowS);
    return std::count_if(failures.at.cbegin(), failures.at.cend(),
                         [&](const QDateTime &at) { return at > since; });
}

// Whole seconds until `until`, rounded up: half a second left is still a wait.
qint64 LoginThrottle::secondsUntil(const QDateTime &now, const QDateTime &until)
{
    const qint64 ms = now.msecsTo(until);
    return ms <= 0 ? 0 : (ms + 999) / 1000;
}

qint64 LoginThrottle::refusalWaitS(const Failures *failures, int limit, const QDateTime &now) const
{
    if (!failures || recent(*failures, now) < limit)
        return 0;
    return secondsUntil(now, failures->at.last().addSecs(m_limits.refusalS));
}

qint64 LoginThrottle::waitS(const QString &address, const QString &account,
                            const QDateTime &now) const
{
    const Failures *byAddress = failuresAt(m_addresses, address);
    const Failures *pair = failuresAt(m_pairs, pairKey(address, account));
    qint64 wait = std::max(refusalWaitS(byAddress, m_limits.addressLimit, now),
                           refusalWaitS(pair, m_limits.pairLimit, now));
    if (!pair)
        return wait;
    // A pair past its limit but no longer refused owes no delay either: its next failure
    // refuses it again at once.
    const qsizetype count = recent(*pair, now);
    if (count >= m_limits.freeFailures && count < m_limits.pairLimit) {
        const qint64 delay =
            std::min<qint64>(qint64(1) << std::min<qsizetype>(count - m_limits.freeFailures, 16),
                             m_limits.maxDelayS);
        wait = std::max(wait, secondsUntil(now, pair->at.last().addSecs(delay)));
    }
    return wait;
}

bool LoginThrottle::refused(const QString &address, const QString &account,
                            const QDateTime &now) const
{
    return refusalWaitS(failuresAt(m_addresses, address), m_limits.addressLimit, now) > 0 ||
           refusalWaitS(failuresAt(m_pairs, pairKey(address, account)), m_limits.pairLimit, now) >
               0;
}

bool LoginThrottle::failed(const QString &address, const QString &account, const QDateTime &now)
{
    const bool wasRefused = refused(address, account, now);
    if (m_pairs.size() >= m_limits.maxEntries || m_addresses.size() >= m_limits.maxEntries)
        forgetStale(now);
    const std::pair<Failures *, int> lists[] = {
        {&m_pairs[pairKey(address, account)], m_limits.pairLimit},
        {&m_addresses[address], m_limits.addressLimit}};
    for (const auto &[failures, limit] : lists) {
        failures->at.append(now);
        // Only the last limit's worth matters; older ones would only grow the list.
        while (failures->at.size() > limit)
            failures->at.removeFirst();
    }
    return !wasRefused && refused(address, account, now);
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
        if (table->size() < m_limits.maxEntries)
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

} // namespace relais
