// SPDX-License-Identifier: EUPL-1.2
#include "httpserver.h"

#include <QSslSocket>

namespace relais::net {

namespace {

// The process's descriptors are the real limit: stay well under a default `ulimit -n` of 1024.
ConnectionGuard::Limits defaultLimits()
{
    ConnectionGuard::Limits limits;
    limits.perAddress = 32;
    limits.total = 768;
    limits.reservedForTrusted = 256;
    return limits;
}

} // namespace

HttpServer::HttpServer(const HttpLimits &limits, HttpHandler handler, QObject *parent)
    : QObject(parent), m_limits(limits), m_handler(std::move(handler)), m_guard(defaultLimits()),
      m_refusals(QStringLiteral("https")), m_listener(m_guard, m_refusals)
{
    m_listener.setHandshakeTimeout(kHandshakeTimeoutMs);
    connect(&m_listener, &TlsListener::encrypted, this, &HttpServer::onEncrypted);
}

void HttpServer::setConnectionLimits(const ConnectionGuard::Limits &limits)
{
    m_guard.setLimits(limits);
    m_listener.setMaxPendingConnections(limits.total);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port, const QSslConfiguration &tls,
                        QString *error)
{
    m_listener.setTlsConfiguration(tls);
    if (!m_listener.listen(address, port)) {
        *error = m_listener.errorString();
        return false;
    }
    return true;
}

void HttpServer::onEncrypted(QSslSocket *socket, const QHostAddress &address)
{
    const bool trusted = m_trustCheck && m_trustCheck(*socket);
    if (trusted)
        m_guard.trust(address);
    auto *connection = new HttpConnection(socket, m_limits, m_handler, this);
    m_connections.insert(connection);
    connect(connection, &QObject::destroyed, this, [this, address, trusted, connection] {
        m_guard.release(address, trusted);
        forget(connection);
    });
    // A handshake that was under way when the server began to stop: its first request is
    // still answered.
    if (m_stopping)
        connection->drain();
}

void HttpServer::shutdown()
{
    m_stopping = true;
    m_listener.close();
    if (m_connections.isEmpty()) {
        QMetaObject::invokeMethod(this, &HttpServer::drained, Qt::QueuedConnection);
        return;
    }
    for (HttpConnection *connection : std::as_const(m_connections))
        connection->drain();
}

void HttpServer::forget(HttpConnection *connection)
{
    m_connections.remove(connection);
    if (m_stopping && m_connections.isEmpty())
        emit drained();
}

} // namespace relais::net
