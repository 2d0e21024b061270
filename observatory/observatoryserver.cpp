// SPDX-License-Identifier: EUPL-1.2
#include "observatoryserver.h"

#include "dashboard/dashboardapi.h"
#include "dashboard/partnerapi.h"
#include "dashboard/partnertables.h"
#include "deviceca.h"
#include "devices/bundleapi.h"
#include "devices/deviceregistry.h"
#include "devices/enrollmentapi.h"
#include "httpserver.h"
#include "indicators/surveycatalog.h"
#include "ingest/calloutcomesapi.h"
#include "ingest/ingestapi.h"
#include "ingest/ingestwriter.h"
#include "ingest/weekapi.h"
#include "jsonfields.h"
#include "observatorymetrics.h"
#include "pemfile.h"
#include "store/store.h"

#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

namespace relais::observatory {

namespace {

bool loadTls(const ObservatoryConfig &config, const QSslCertificate &deviceCa,
             QSslConfiguration *tls, QString *error)
{
    try {
        const QList<QSslCertificate> chain =
            QSslCertificate::fromData(provisioning::readSmallFile(config.certFile), QSsl::Pem);
        if (chain.isEmpty()) {
            *error = QStringLiteral("%1 holds no PEM certificate").arg(config.certFile);
            return false;
        }
        const QSslKey key(provisioning::readSmallFile(config.keyFile), QSsl::Ec);
        if (key.isNull()) {
            *error = QStringLiteral("%1 is not a PEM EC private key").arg(config.keyFile);
            return false;
        }
        QSslConfiguration c = QSslConfiguration::defaultConfiguration();
        c.setLocalCertificateChain(chain);
        c.setPrivateKey(key);
        c.setProtocol(QSsl::TlsV1_2OrLater);
        // Asked, not required: enrollment, the dashboard and open data have no client
        // certificate. Every kiosk route checks the certificate itself against the device CA
        // (authenticateDevice), which is the only CA trusted for clients.
        c.setPeerVerifyMode(QSslSocket::QueryPeer);
        c.setCaCertificates({deviceCa});
        *tls = c;
        return true;
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
}

} // namespace

ObservatoryServer::ObservatoryServer(ObservatoryConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config)),
      m_clock([] { return QDateTime::currentDateTimeUtc(); })
{}

ObservatoryServer::~ObservatoryServer() = default;

bool ObservatoryServer::start(QString *error)
{
    try {
        m_ca = std::make_unique<provisioning::DeviceCa>(
            provisioning::DeviceCa::load(m_config.caDirectory));
        m_store = Store::open(m_config.database);
        m_registry = std::make_unique<DeviceRegistry>(*m_store);
        if (!m_config.sites.isEmpty())
            m_registry->putSites(m_config.sites);
        m_surveys = std::make_unique<SurveyCatalog>(*m_store, m_config.bundlesDirectory);
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    QSslConfiguration tls;
    if (!loadTls(m_config, QSslCertificate(m_ca->certificatePem(), QSsl::Pem), &tls, error))
        return false;
    m_metrics = std::make_unique<ObservatoryMetrics>(*m_store);
    m_writer = std::make_unique<IngestWriter>(*m_store, *m_surveys);
    m_enrollment = std::make_unique<EnrollmentApi>(*m_store, *m_registry, *m_ca, m_clock);
    m_bundles = std::make_unique<BundleApi>(m_config.bundlesDirectory, *m_ca, *m_registry);
    m_tables = std::make_unique<PartnerTables>(*m_store, *m_surveys, m_config, m_clock);
    m_dashboard =
        std::make_unique<DashboardApi>(*m_store, *m_tables, m_config, m_clock, *m_metrics);
    m_partnerApi = std::make_unique<PartnerApi>(*m_store, *m_tables, m_clock);
    m_callOutcomes = std::make_unique<CallOutcomesApi>(*m_store, m_config, m_clock);
    m_ingest = std::make_unique<IngestApi>(*m_writer, *m_registry, *m_ca,
                                           m_config.maxRecordsPerBatch, m_clock, *m_metrics);
    m_weeks = std::make_unique<WeekApi>(*m_store, *m_registry, *m_ca);
    net::HttpLimits limits;
    limits.maxBodyBytes = m_config.maxBodyBytes;
    m_http = std::make_unique<net::HttpServer>(
        limits, [this](const net::HttpRequest &request) { return route(request); });
    // A kiosk's certificate takes it out of its address's cap and into the reserved slots, so
    // that a flood of anonymous sockets never keeps a kiosk's sync out.
    m_http->setTrustCheck([this](const QSslSocket &socket) {
        const QSslCertificate certificate = socket.peerCertificate();
        return !certificate.isNull() &&
               m_ca->verifyClientCertificate(certificate.toDer()).has_value();
    });
    if (!m_http->listen(m_config.address, m_config.port, tls, error))
        return false;
    if (m_config.operations) {
        m_operations = std::make_unique<net::OperationsEndpoint>(m_metrics->registry(),
                                                                 [this] { return storeHealth(); });
        if (!m_operations->listen(m_config.operations->address, m_config.operations->port, error))
            return false;
    }
    return true;
}

net::StoreHealth ObservatoryServer::storeHealth() const
{
    return net::StoreHealth::of(m_store->isPostgres() ? QString() : m_config.database,
                                [this] { return m_store->schemaVersion(); });
}

QString ObservatoryServer::operationsUrl() const
{
    return m_operations ? m_operations->url() : QString();
}

void ObservatoryServer::reload()
{
    ObservatoryConfig fresh;
    try {
        fresh = loadObservatoryConfig(m_config.path);
    } catch (const json::FieldError &e) {
        qCritical().noquote() << "observatory: reload refused, the configuration in use stays:"
                              << m_config.path + u':'
                              << (e.field.isEmpty() ? QStringLiteral("the file")
                                                    : QStringLiteral("field \"%1\"").arg(e.field))
                              << e.problem;
        return;
    }
    QSslConfiguration tls;
    QString error;
    if (!loadTls(fresh, QSslCertificate(m_ca->certificatePem(), QSsl::Pem), &tls, &error)) {
        qCritical().noquote()
            << "observatory: reload refused, the certificate and configuration in use stay:"
            << error;
        return;
    }
    QStringList restart;
    if (fresh.address != m_config.address || fresh.port != m_config.port)
        restart << QStringLiteral("listen");
    if (fresh.caDirectory != m_config.caDirectory)
        restart << QStringLiteral("ca_dir");
    if (fresh.bundlesDirectory != m_config.bundlesDirectory)
        restart << QStringLiteral("bundles_dir");
    if (fresh.database != m_config.database)
        restart << QStringLiteral("database");
    if (fresh.operations != m_config.operations)
        restart << QStringLiteral("operations");
    if (fresh.maxBodyBytes != m_config.maxBodyBytes ||
        fresh.maxRecordsPerBatch != m_config.maxRecordsPerBatch)
        restart << QStringLiteral("limits");
    if (!fresh.sites.isEmpty()) {
        try {
            m_registry->putSites(fresh.sites);
        } catch (const std::exception &e) {
            qCritical().noquote() << "observatory: the sites could not be stored:" << e.what();
            return;
        }
    }
    if (!restart.isEmpty())
        qWarning().noquote() << "observatory: these settings change at the next restart:"
                             << restart.join(QStringLiteral(", "));
    m_config.certFile = fresh.certFile;
    m_config.keyFile = fresh.keyFile;
    m_config.tokenHours = fresh.tokenHours;
    m_config.onTimeDays = fresh.onTimeDays;
    m_config.co2KgPerKm = fresh.co2KgPerKm;
    m_config.co2Source = fresh.co2Source;
    m_config.matrix = fresh.matrix;
    m_config.sites = fresh.sites;
    m_http->setTlsConfiguration(tls);
    qInfo().noquote() << "observatory: reloaded" << m_config.path << "and the certificate"
                      << m_config.certFile;
}

void ObservatoryServer::stop(std::function<void()> done)
{
    m_operations.reset();
    connect(m_http.get(), &net::HttpServer::drained, this, std::move(done),
            Qt::SingleShotConnection);
    m_http->shutdown();
}

quint16 ObservatoryServer::port() const
{
    return m_http ? m_http->port() : 0;
}

QString ObservatoryServer::url() const
{
    const QString host = m_config.address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + m_config.address.toString() + u']'
                             : m_config.address.toString();
    return QStringLiteral("https://%1:%2/").arg(host).arg(port());
}

net::HttpResponse ObservatoryServer::counted(const QString &kind, const net::HttpResponse &response)
{
    m_metrics->enrollment(kind, response.status == 200 ? QStringLiteral("issued")
                                                       : QStringLiteral("refused"));
    return response;
}

net::HttpResponse ObservatoryServer::route(const net::HttpRequest &request)
{
    const bool post = request.method == "POST";
    const bool get = request.method == "GET" || request.method == "HEAD";
    const QString &path = request.path;
    if (path == QLatin1String("/v1/records"))
        return post ? m_ingest->post(request)
                    : net::HttpResponse::error(405, QStringLiteral("method"),
                                               QStringLiteral("POST"));
    if (path == QLatin1String("/v1/call-outcomes"))
        return post ? m_callOutcomes->post(request)
                    : net::HttpResponse::error(405, QStringLiteral("method"),
                                               QStringLiteral("POST"));
    if (path == QLatin1String("/v1/enroll/simpleenroll") && post)
        return counted(QStringLiteral("enroll"), m_enrollment->simpleEnroll(request));
    if (path == QLatin1String("/v1/enroll/simplereenroll") && post)
        return counted(QStringLiteral("renew"), m_enrollment->simpleReenroll(request));
    if (path == QLatin1String("/v1/enroll/simpleenroll") ||
        path == QLatin1String("/v1/enroll/simplereenroll"))
        return net::HttpResponse::error(405, QStringLiteral("method"), QStringLiteral("POST"));
    if (path == QLatin1String("/v1/bundle"))
        return get ? m_bundles->get(request)
                   : net::HttpResponse::error(405, QStringLiteral("method"), QStringLiteral("GET"));
    if (path.startsWith(QLatin1String("/v1/weeks/")))
        return get ? m_weeks->get(request)
                   : net::HttpResponse::error(405, QStringLiteral("method"), QStringLiteral("GET"));
    if (path == QLatin1String("/v1/enroll/cacerts") && get)
        return net::HttpResponse::text(200, "application/x-pem-file", m_ca->certificatePem());
    if (auto page = m_dashboard->handle(request))
        return *page;
    if (auto answer = m_partnerApi->handle(request))
        return *answer;
    if (get) {
        if (auto file = openDataResponse(*m_store, *m_surveys, m_clock(), request))
            return *file;
    }
    return net::HttpResponse::error(404, QStringLiteral("not_found"),
                                    QStringLiteral("no such endpoint: %1").arg(path.left(200)));
}

} // namespace relais::observatory
