// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

namespace relais::hub {

using ConnectionId = quint64;

// What the switchboard needs from the network: numbered connections that deliver frames and
// accept text. The WebSocket server implements it; tests use an in-memory fake, so that the
// queue and call logic is exercised without sockets.
class Transport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Sending to a connection that is gone is a no-op.
    virtual void send(ConnectionId connection, const QByteArray &text) = 0;
    // Ends the connection with a WebSocket close frame (code, reason) that follows the messages
    // already sent; nothing the peer sends from now on is delivered. connectionClosed follows
    // later, never from inside this call.
    virtual void close(ConnectionId connection, quint16 code, const QString &reason) = 0;
    // The client certificate the connection's TLS handshake presented (DER), empty if none.
    virtual QByteArray peerCertificate(ConnectionId) const { return {}; }
    // Where the connection comes from, for throttling password guesses per address; null when
    // unknown.
    virtual QHostAddress peerAddress(ConnectionId) const { return {}; }
    // The connection's hello was accepted: it is no longer an anonymous socket (the link may
    // lift the deadline and caps it keeps for those).
    virtual void markAuthenticated(ConnectionId) {}
    // The connection said hello (being checked, or refused as busy and to be said again): the
    // deadline for a hello counts from here anew, so that a client the hub itself keeps waiting
    // is not closed for it.
    virtual void helloHeard(ConnectionId) {}

signals:
    void connectionOpened(relais::hub::ConnectionId connection);
    void messageReceived(relais::hub::ConnectionId connection, const QByteArray &frame,
                         bool binary);
    void connectionClosed(relais::hub::ConnectionId connection);
};

} // namespace relais::hub
