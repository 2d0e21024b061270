// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "observatoryconfig.h"
#include "operationsendpoint.h"

#include <QDateTime>
#include <QObject>

#include <functional>
#include <memory>

namespace relais::net {
class HttpServer;
struct HttpRequest;
struct HttpResponse;
} // namespace relais::net

namespace relais::provisioning {
class DeviceCa;
}

namespace relais::observatory {

class BundleApi;
class DashboardApi;
class DeviceRegistry;
class EnrollmentApi;
class IngestApi;
class CallOutcomesApi;
class IngestWriter;
class ObservatoryMetrics;
class OpenDataApi;
class PartnerApi;
class PartnerTables;
class Store;
class SurveyCatalog;
class WeekApi;

// `relais-observatory serve`: the store, the device CA, the HTTPS server and the routes.
class ObservatoryServer : public QObject
{
    Q_OBJECT
public:
    explicit ObservatoryServer(ObservatoryConfig config, QObject *parent = nullptr);
    ~ObservatoryServer() override;

    bool start(QString *error);
    // SIGHUP: the configuration file again, with the certificate and key it names. New
    // connections get the new certificate, established ones go on. The sites, reports, travel
    // and matrix settings take effect; what needs a restart (listen, ca_dir, bundles_dir,
    // database, limits) is logged and kept as it runs. A file or
    // certificate that is refused changes nothing, and the log says why.
    void reload();
    // SIGTERM: no new connection; each connection finishes the request it is in (a batch being
    // received is stored whole and answered, one not yet begun is not read); `done` once every
    // connection is closed.
    void stop(std::function<void()> done);
    quint16 port() const;
    QString url() const;
    // http://…/ of the operations endpoint; empty when the configuration has none.
    QString operationsUrl() const;

private:
    net::HttpResponse route(const net::HttpRequest &request);
    net::StoreHealth storeHealth() const;
    // An enrollment's answer, counted by kind (enroll, renew) and result.
    net::HttpResponse counted(const QString &kind, const net::HttpResponse &response);

    ObservatoryConfig m_config;
    std::function<QDateTime()> m_clock;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<ObservatoryMetrics> m_metrics;
    std::unique_ptr<provisioning::DeviceCa> m_ca;
    std::unique_ptr<DeviceRegistry> m_registry;
    std::unique_ptr<SurveyCatalog> m_surveys;
    std::unique_ptr<IngestWriter> m_writer;
    std::unique_ptr<EnrollmentApi> m_enrollment;
    std::unique_ptr<IngestApi> m_ingest;
    std::unique_ptr<CallOutcomesApi> m_callOutcomes;
    std::unique_ptr<BundleApi> m_bundles;
    std::unique_ptr<WeekApi> m_weeks;
    std::unique_ptr<PartnerTables> m_tables;
    std::unique_ptr<DashboardApi> m_dashboard;
    std::unique_ptr<PartnerApi> m_partnerApi;
    std::unique_ptr<net::HttpServer> m_http;
    std::unique_ptr<net::OperationsEndpoint> m_operations;
};

} // namespace relais::observatory
