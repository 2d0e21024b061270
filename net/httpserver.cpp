#include "httpserver.h"

#include <QSslSocket>

namespace relais::net {

HttpServer::HttpServer(const HttpLimits &limits, HttpHandler handler, QObject *parent)
    : QObject(parent), m_limits(limits), m_handler(std::move(handler))
{
    // A client that opens a connection and never finishes the handshake is dropped.
    m_server.setHandshakeTimeout(10'000);
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, &HttpServer::acceptPending);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port, const QSslConfiguration &tls,
                        QString *error)
{
    m_server.setSslConfiguration(tls);
    if (!m_server.listen(address, port)) {
        *error = m_server.errorString();
        return false;
    }
    return true;
}

void HttpServer::acceptPending()
{
    while (m_server.hasPendingConnections()) {
        auto *socket = qobject_cast<QSslSocket *>(m_server.nextPendingConnection());
        if (!socket)
            continue;
        if (m_open >= kMaxConnections) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_open;
        auto *connection = new HttpConnection(socket, m_limits, m_handler, this);
        connect(connection, &QObject::destroyed, this, [this] { --m_open; });
    }
}

} // namespace relais::net
