// SPDX-License-Identifier: EUPL-1.2
#include "plainhttpserver.h"

#include <QSslSocket>

namespace relais::net {

namespace {

ConnectionGuard::Limits operationsLimits()
{
    ConnectionGuard::Limits limits;
    limits.perAddress = 8;
    limits.total = 32;
    limits.reservedForTrusted = 0;
    return limits;
}

} // namespace

PlainHttpServer::PlainHttpServer(const HttpLimits &limits, HttpHandler handler, QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_handler(std::move(handler)),
      m_guard(operationsLimits())
{}

void PlainHttpServer::incomingConnection(qintptr handle)
{
    // A QSslSocket that never starts encryption is a plain TCP socket, and HttpConnection
    // serves both alike.
    auto *socket = new QSslSocket;
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    const QHostAddress address = socket->peerAddress();
    if (!m_guard.admit(address)) {
        qWarning("operations: refused a connection from %s: too many open",
                 qPrintable(address.toString()));
        socket->abort();
        delete socket;
        return;
    }
    auto *connection = new HttpConnection(socket, m_limits, m_handler, this);
    connect(connection, &QObject::destroyed, this,
            [this, address] { m_guard.release(address, false); });
}

} // namespace relais::net
