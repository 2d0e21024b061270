// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "observatoryconfig.h"

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
class IngestWriter;
class OpenDataApi;
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
    quint16 port() const;
    QString url() const;

private:
    net::HttpResponse route(const net::HttpRequest &request);

    ObservatoryConfig m_config;
    std::function<QDateTime()> m_clock;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<provisioning::DeviceCa> m_ca;
    std::unique_ptr<DeviceRegistry> m_registry;
    std::unique_ptr<SurveyCatalog> m_surveys;
    std::unique_ptr<IngestWriter> m_writer;
    std::unique_ptr<EnrollmentApi> m_enrollment;
    std::unique_ptr<IngestApi> m_ingest;
    std::unique_ptr<BundleApi> m_bundles;
    std::unique_ptr<WeekApi> m_weeks;
    std::unique_ptr<DashboardApi> m_dashboard;
    std::unique_ptr<net::HttpServer> m_http;
};

} // namespace relais::observatory
