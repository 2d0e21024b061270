#pragma once

// The agents' console: static pages (hub/console/, compiled in) served over HTTPS by Qt
// HttpServer on the console port, plus /config.json telling the page where the hub's
// WebSocket is. The console's own logic runs in the browser and speaks PROTOCOL.md.

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <memory>

class QHttpServer;

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

private:
    std::unique_ptr<QHttpServer> m_server;
    quint16 m_hubPort;
    quint16 m_port = 0;
};

} // namespace relais::hub
