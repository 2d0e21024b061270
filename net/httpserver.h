// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "connectionguard.h"
#include "httpconnection.h"
#include "refusallog.h"
#include "tlslistener.h"

#include <QObject>
#include <QSet>
#include <QSslConfiguration>

namespace relais::net {

// HTTPS/1.1 on TlsListener. Qt HttpServer 6.4 does not give a request handler the connection's
// client certificate (QHttpServerRequest::sslConfiguration arrived in 6.7), and the
// observatory's trust model is built on it; it also buffers any request body. See
// observatory/README.md.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    // Tells, once a connection's handshake is done, whether the client proved who it is (a
    // kiosk's certificate): it then leaves its address's cap and may use the reserved slots.
    using TrustCheck = std::function<bool(const QSslSocket &)>;

    HttpServer(const HttpLimits &limits, HttpHandler handler, QObject *parent = nullptr);

    // Before listen().
    void setConnectionLimits(const ConnectionGuard::Limits &limits);
    void setTrustCheck(TrustCheck check) { m_trustCheck = std::move(check); }

    bool listen(const QHostAddress &address, quint16 port, const QSslConfiguration &tls,
                QString *error);
    quint16 port() const { return m_listener.serverPort(); }
    // A renewed certificate: connections from now on get it, established ones keep theirs.
    void setTlsConfiguration(const QSslConfiguration &tls) { m_listener.setTlsConfiguration(tls); }

    // Stops accepting, lets each connection finish the request it is in (its answer says
    // Connection: close) and closes the idle ones; drained() once none is left.
    void shutdown();
    qsizetype connectionCount() const { return m_connections.size(); }

    // A handshake must be done within this time, or the socket is dropped.
    static constexpr int kHandshakeTimeoutMs = 5'000;

signals:
    void drained();

private:
    void onEncrypted(QSslSocket *socket, const QHostAddress &address);
    void forget(HttpConnection *connection);

    HttpLimits m_limits;
    HttpHandler m_handler;
    ConnectionGuard m_guard;
    RefusalLog m_refusals;
    TlsListener m_listener;
    TrustCheck m_trustCheck;
    QSet<HttpConnection *> m_connections;
    bool m_stopping = false;
};

} // namespace relais::net
