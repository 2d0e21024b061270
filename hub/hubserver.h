// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "hubconfig.h"

#include <QObject>
#include <QSslConfiguration>

#include <memory>

namespace relais::hub {

class ConsoleServer;
class HubStore;
class Switchboard;
class WebSocketTransport;

// Loads the TLS identity from the configured PEM files; false with `error` naming the file.
bool loadTls(const HubConfig &config, QSslConfiguration *tls, QString *error);

// `relais-hub serve`: the store, the WebSocket server and the switchboard, wired together.
class HubServer : public QObject
{
    Q_OBJECT
public:
    explicit HubServer(HubConfig config, QObject *parent = nullptr);
    ~HubServer() override;

    bool start(QString *error);
    quint16 port() const;
    QString url() const;
    // wss://…/v1 of the browsers' port; empty when the configuration has none.
    QString browserUrl() const;
    // https://…/ of the agents' console; empty when the configuration has none.
    QString consoleUrl() const;

private:
    QString host() const;
    // The port the console's pages are pointed at.
    quint16 browserPort() const;

    HubConfig m_config;
    std::unique_ptr<HubStore> m_store;
    WebSocketTransport *m_transport = nullptr;
    Switchboard *m_switchboard = nullptr;
    ConsoleServer *m_console = nullptr;
};

} // namespace relais::hub
