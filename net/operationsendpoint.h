// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "metrics.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>

#include <functional>

namespace relais::net {

class PlainHttpServer;
struct HttpRequest;
struct HttpResponse;

// What GET /healthz reports of a server's store.
struct StoreHealth
{
    bool reachable = false;
    int schemaVersion = 0;
    QString problem; // why the store is not reachable, for the operator

    // Reachable when `schemaVersion` answers and, for a store in a file (`file` not empty), the
    // file is still where the configuration says: a handle on a deleted file keeps answering
    // while every write goes nowhere.
    static StoreHealth of(const QString &file, const std::function<int()> &schemaVersion);
};

// The operations endpoint of relais-hub and relais-observatory (the `operations` section of
// their configurations): plain HTTP on its own address and port, serving GET /healthz (JSON;
// 200 when the store answers, 503 when it does not) and GET /metrics (Prometheus text) and
// nothing else. It adds the figures every server has (uptime, store up, schema version) to the
// server's own.
class OperationsEndpoint : public QObject
{
    Q_OBJECT
public:
    // `health` runs on this object's thread at each /healthz and /metrics.
    OperationsEndpoint(Metrics &metrics, std::function<StoreHealth()> health,
                       QObject *parent = nullptr);
    ~OperationsEndpoint() override;

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    // http://ADDRESS:PORT/
    QString url() const;

private:
    HttpResponse handle(const HttpRequest &request);

    Metrics &m_metrics;
    std::function<StoreHealth()> m_health;
    QElapsedTimer m_uptime;
    PlainHttpServer *m_server;
};

} // namespace relais::net
