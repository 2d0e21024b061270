// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QHash>
#include <QHostAddress>

namespace relais::net {

// Who holds a server's connections. A connection that has not yet proven who it is (a TLS
// handshake in progress, a WebSocket before its `hello`, an anonymous HTTP request) counts
// against a cap per address and against the untrusted share of the total; the last
// `reservedForTrusted` slots are kept for connections that have proven who they are, so that a
// flood of anonymous sockets never locks a kiosk or a logged-in adviser out. Trusted
// connections are not capped per address: a whole agency or a site's kiosks may sit behind
// one address.
class ConnectionGuard
{
public:
    struct Limits
    {
        int perAddress = 32;
        int total = 2048;
        int reservedForTrusted = 256;
    };

    ConnectionGuard() = default;
    explicit ConnectionGuard(Limits limits) : m_limits(limits) {}

    const Limits &limits() const { return m_limits; }
    void setLimits(Limits limits) { m_limits = limits; }

    // True, and the connection counted as untrusted, when one more may open from `address`.
    bool admit(const QHostAddress &address);
    // An admitted connection proved who it is: it leaves its address's count and may take a
    // reserved slot.
    void trust(const QHostAddress &address);
    // The connection is gone; `trusted` says whether trust() was called for it.
    void release(const QHostAddress &address, bool trusted);

    int untrusted() const { return m_untrusted; }
    int trusted() const { return m_trusted; }
    int untrustedFrom(const QHostAddress &address) const;

private:
    static QHostAddress normalised(const QHostAddress &address);

    Limits m_limits;
    QHash<QHostAddress, int> m_perAddress;
    int m_untrusted = 0;
    int m_trusted = 0;
};

} // namespace relais::net
