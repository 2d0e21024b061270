// SPDX-License-Identifier: EUPL-1.2
#pragma once

// The agents' console: static pages (hub/console/, compiled in) served over HTTPS on the
// console port by net::HttpServer, plus /config.json telling the page where the hub's
// WebSocket is. The console's own logic runs in the browser and speaks PROTOCOL.md. Its routes
// read no body, so none is accepted: a request is a small head, whole within a few seconds.

#include "httpmessage.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <memory>

namespace relais::net {
class HttpServer;
}

namespace relais::hub {

class ConsoleServer : public QObject
{
    Q_OBJECT
public:
    // hubPort: the WebSocket port the page is pointed at, on the host it was loaded from.
    ConsoleServer(quint16 hubPort, QObject *parent = nullptr);
    ~ConsoleServer() override;

    bool listen(const QHostAddress &address, quint16 port, const QSslConfiguration &tls,
                QString *error);
    quint16 port() const { return m_port; }
    void setTlsConfiguration(const QSslConfiguration &tls);
    // Stops accepting; pages being sent are finished, idle connections closed.
    void shutdown();

    static constexpr qint64 kMaxHeadBytes = 8 * 1024;
    static constexpr int kRequestTimeoutMs = 10'000;

private:
    net::HttpResponse route(const net::HttpRequest &request) const;

    std::unique_ptr<net::HttpServer> m_server;
    quint16 m_hubPort;
    quint16 m_port = 0;
};

} // namespace relais::hub
