#pragma once

#include "httpconnection.h"

#include <QObject>
#include <QSslConfiguration>
#include <QSslServer>

namespace relais::net {

// HTTPS on QSslServer. Qt HttpServer 6.4 does not give a request handler the connection's
// client certificate (QHttpServerRequest::sslConfiguration arrived in 6.7), and the
// observatory's trust model is built on it; see observatory/README.md.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    HttpServer(const HttpLimits &limits, HttpHandler handler, QObject *parent = nullptr);

    bool listen(const QHostAddress &address, quint16 port, const QSslConfiguration &tls,
                QString *error);
    quint16 port() const { return m_server.serverPort(); }

    static constexpr int kMaxConnections = 512;

private:
    void acceptPending();

    QSslServer m_server;
    HttpLimits m_limits;
    HttpHandler m_handler;
    int m_open = 0;
};

} // namespace relais::net
