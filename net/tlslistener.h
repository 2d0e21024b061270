#pragma once

#include "connectionguard.h"
#include "refusallog.h"

#include <QSslConfiguration>
#include <QTcpServer>

class QSslSocket;

namespace relais::net {

// Accepts TCP connections and runs their TLS handshakes under a ConnectionGuard. Unlike
// QSslServer it never parks a socket in QTcpServer's pending queue: there, sockets still in
// their handshake count against the pending limit (30 by default), so a few dozen silent
// sockets stopped the accept loop for everyone. Here a connection is counted against its
// address from accept() on, refused at once when its address or the server is full, and
// dropped when its handshake is not done within the timeout.
class TlsListener : public QTcpServer
{
    Q_OBJECT
public:
    TlsListener(ConnectionGuard &guard, RefusalLog &log, QObject *parent = nullptr);

    void setTlsConfiguration(const QSslConfiguration &tls) { m_tls = tls; }
    void setHandshakeTimeout(int ms) { m_handshakeTimeoutMs = ms; }

signals:
    // The handshake is done; the socket is counted as untrusted in the guard until its owner
    // calls trust(), and must be released in the guard when it goes.
    void encrypted(QSslSocket *socket, const QHostAddress &address);

protected:
    void incomingConnection(qintptr handle) override;

private:
    ConnectionGuard &m_guard;
    RefusalLog &m_log;
    QSslConfiguration m_tls;
    int m_handshakeTimeoutMs = 5'000;
};

} // namespace relais::net
