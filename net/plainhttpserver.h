// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "connectionguard.h"
#include "httpconnection.h"

#include <QTcpServer>

namespace relais::net {

// HTTP/1.1 without TLS, on HttpConnection's parser and limits: for the operations endpoint
// only (health and metrics, bound to a loopback or management address that scrapers reach),
// never for anything a browser or a kiosk uses. Few connections are needed there, so few are
// admitted: a scraper gone wrong cannot take the descriptors the real servers need.
class PlainHttpServer : public QTcpServer
{
    Q_OBJECT
public:
    PlainHttpServer(const HttpLimits &limits, HttpHandler handler, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr handle) override;

private:
    HttpLimits m_limits;
    HttpHandler m_handler;
    ConnectionGuard m_guard;
};

} // namespace relais::net
