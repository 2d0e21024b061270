// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "connectionguard.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <memory>

class QTcpSocket;

namespace relais::hub {

// One admitted connection's place in the link's ConnectionGuard, from its TCP accept to its
// socket's destruction. Until the TLS handshake is done the place is net::TlsListener's; then
// holdPlace() makes it this slot's, and the slot is the socket's child, so whoever deletes the
// socket, Qt's WebSocket code included, gives the place back. Until trust() the connection is
// anonymous: it counts against its address and the untrusted share, and expired() fires when
// it stays so longer than the hello deadline (counted from the accept, so it covers the
// handshake too).
class ConnectionSlot : public QObject
{
    Q_OBJECT
public:
    ConnectionSlot(QTcpSocket *socket, std::shared_ptr<net::ConnectionGuard> guard,
                   int helloTimeoutMs);
    ~ConnectionSlot() override;

    // The handshake is done: the listener hands the socket's place over.
    void holdPlace() { m_holdsPlace = true; }
    void trust();
    // A hello arrived: the deadline starts again (the hub may make it wait, see `busy`).
    void restartDeadline();
    bool isTrusted() const { return m_trusted; }
    QTcpSocket *socket() const { return m_socket; }

signals:
    void expired();

private:
    QTcpSocket *m_socket;
    std::shared_ptr<net::ConnectionGuard> m_guard;
    QHostAddress m_address;
    QTimer m_deadline;
    int m_helloTimeoutMs;
    bool m_holdsPlace = false;
    bool m_trusted = false;
};

} // namespace relais::hub
