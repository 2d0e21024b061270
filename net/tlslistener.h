// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "connectionguard.h"
#include "refusallog.h"
#include "silentlobby.h"

#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>

class QSslSocket;

namespace relais::net {

// Accepts TCP connections and runs their TLS handshakes under a ConnectionGuard; the
// observatory's and the hub's HTTPS (HttpServer) and the hub's WSS ports all stand on it.
// Unlike QSslServer it never parks a socket in QTcpServer's pending queue: there, sockets still
// in their handshake count against the pending limit (30 by default), so a few dozen silent
// sockets stopped the accept loop for everyone. Here a connection is counted against its
// address from accept() on, refused at once when its address or the server is full, and
// dropped when its handshake is not done within the timeout. Until its first bytes a
// connection waits in a SilentLobby, off this server's event loop, and is closed there when it
// stays silent past the silent timeout; the handshake starts with those bytes, so a socket that
// never sends any costs no TLS session and no turn of the server's loop.
//
// A socket's place in the guard is the listener's until encrypted(): however the socket goes
// before (error, timeout, closed by the peer or by a receiver of accepted()), the listener
// releases its place once, as an untrusted one. From encrypted() on it is the receiver's.
class TlsListener : public QTcpServer
{
    Q_OBJECT
public:
    TlsListener(ConnectionGuard &guard, RefusalLog &log, QObject *parent = nullptr);

    void setTlsConfiguration(const QSslConfiguration &tls) { m_tls = tls; }
    // 0: no timeout of the listener's own (the owner's deadline covers the handshake).
    void setHandshakeTimeout(int ms) { m_handshakeTimeoutMs = ms; }
    // Turns Nagle's algorithm off on every socket: for small messages in quick succession.
    void setLowDelay(bool on) { m_lowDelay = on; }
    // A connection that sends nothing at all within this is closed (default 5 s).
    void setSilentTimeout(int ms) { m_silentTimeoutMs = ms; }

signals:
    // An admitted socket, before anything has read from it and before its handshake: a
    // receiver connected directly may connect to its readyRead ahead of everyone else. It may
    // abort the socket, not delete it.
    void accepted(QSslSocket *socket, const QHostAddress &address);
    // The handshake is done; the socket is counted as untrusted in the guard until its owner
    // calls trust(), and must be released in the guard when it goes.
    void encrypted(QSslSocket *socket, const QHostAddress &address);

protected:
    void incomingConnection(qintptr handle) override;

private:
    void resumeAfterAcceptError();
    void spoke(qintptr handle, const QHostAddress &address);

    ConnectionGuard &m_guard;
    RefusalLog &m_log;
    QSslConfiguration m_tls;
    int m_handshakeTimeoutMs = 5'000;
    bool m_lowDelay = false;
    int m_silentTimeoutMs = 5'000;
    SilentLobby m_lobby;
    QTimer m_resume;
};

} // namespace relais::net
