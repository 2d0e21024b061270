// SPDX-License-Identifier: EUPL-1.2
#include "connectionguard.h"

namespace relais::net {

QHostAddress ConnectionGuard::normalised(const QHostAddress &address)
{
    // ::ffff:192.0.2.1 and 192.0.2.1 are one client on a dual-stack socket.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

bool ConnectionGuard::admit(const QHostAddress &address)
{
    if (m_untrusted + m_trusted >= m_limits.total)
        return false;
    if (m_untrusted >= m_limits.total - m_limits.reservedForTrusted)
        return false;
    int &count = m_perAddress[normalised(address)];
    if (count >= m_limits.perAddress)
        return false;
    ++count;
    ++m_untrusted;
    return true;
}

void ConnectionGuard::trust(const QHostAddress &address)
{
    const auto it = m_perAddress.find(normalised(address));
    if (it != m_perAddress.end() && --it.value() <= 0)
        m_perAddress.erase(it);
    --m_untrusted;
    ++m_trusted;
}

void ConnectionGuard::release(const QHostAddress &address, bool trusted)
{
    if (trusted) {
        --m_trusted;
        return;
    }
    const auto it = m_perAddress.find(normalised(address));
    if (it != m_perAddress.end() && --it.value() <= 0)
        m_perAddress.erase(it);
    --m_untrusted;
}

int ConnectionGuard::untrustedFrom(const QHostAddress &address) const
{
    return m_perAddress.value(normalised(address));
}

} // namespace relais::net
