// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "hubconfig.h"
#include "operationsendpoint.h"

#include <QObject>
#include <QSslConfiguration>

#include <functional>
#include <memory>

namespace relais::hub {

class ConsoleServer;
class HubStore;
class Switchboard;
class CallOutcomeUploader;
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
    // SIGHUP: the configuration file again, with the certificate and key it names. New
    // connections get the new certificate; established ones, and calls, go on. What can change
    // while running (the sites, their kiosks, counters and hours, TURN, timing, pings) takes
    // effect; what needs a restart is logged and kept as it runs. A file or certificate that is
    // refused changes nothing, and the log says why.
    void reload();
    // SIGTERM: no new connection; every client is told the hub is going away (close code 1001,
    // PROTOCOL.md) once what was sent to it has left; `done` once they are all gone.
    void stop(std::function<void()> done);

    // The close frame's reason at stop.
    static constexpr char kStoppingReason[] = "hub_stopping";
    quint16 port() const;
    QString url() const;
    // wss://…/v1 of the browsers' port; empty when the configuration has none.
    QString browserUrl() const;
    // https://…/ of the agents' console; empty when the configuration has none.
    QString consoleUrl() const;
    // http://…/ of the operations endpoint; empty when the configuration has none.
    QString operationsUrl() const;

private:
    QString host() const;
    net::StoreHealth storeHealth() const;
    // The port the console's pages are pointed at.
    quint16 browserPort() const;

    HubConfig m_config;
    std::unique_ptr<HubStore> m_store;
    WebSocketTransport *m_transport = nullptr;
    Switchboard *m_switchboard = nullptr;
    ConsoleServer *m_console = nullptr;
    CallOutcomeUploader *m_outcomes = nullptr; // null: no observatory configured
    net::OperationsEndpoint *m_operations = nullptr;
};

} // namespace relais::hub
