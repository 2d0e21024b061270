// SPDX-License-Identifier: EUPL-1.2
#include "observatoryserver.h"

#include "dashboard/dashboardapi.h"
#include "deviceca.h"
#include "devices/bundleapi.h"
#include "devices/deviceregistry.h"
#include "devices/enrollmentapi.h"
#include "httpserver.h"
#include "indicators/surveycatalog.h"
#include "ingest/ingestapi.h"
#include "ingest/ingestwriter.h"
#include "ingest/weekapi.h"
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
    m_writer = std::make_unique<IngestWriter>(*m_store, *m_surveys);
    m_enrollment = std::make_unique<EnrollmentApi>(*m_store, *m_registry, *m_ca, m_clock);
    m_bundles = std::make_unique<BundleApi>(m_config.bundlesDirectory, *m_ca, *m_registry);
    m_dashboard = std::make_unique<DashboardApi>(*m_store, *m_surveys, m_config, m_clock);
    m_ingest = std::make_unique<IngestApi>(*m_writer, *m_registry, *m_ca,
                                           m_config.maxRecordsPerBatch, m_clock);
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
    return m_http->listen(m_config.address, m_config.port, tls, error);
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

net::HttpResponse ObservatoryServer::route(const net::HttpRequest &request)
{
    const bool post = request.method == "POST";
    const bool get = request.method == "GET" || request.method == "HEAD";
    const QString &path = request.path;
    if (path == QLatin1String("/v1/records"))
        return post ? m_ingest->post(request)
                    : net::HttpResponse::error(405, QStringLiteral("method"),
                                               QStringLiteral("POST"));
    if (path == QLatin1String("/v1/enroll/simpleenroll"))
        return post ? m_enrollment->simpleEnroll(request)
                    : net::HttpResponse::error(405, QStringLiteral("method"),
                                               QStringLiteral("POST"));
    if (path == QLatin1String("/v1/enroll/simplereenroll"))
        return post ? m_enrollment->simpleReenroll(request)
                    : net::HttpResponse::error(405, QStringLiteral("method"),
                                               QStringLiteral("POST"));
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
    if (get) {
        if (auto file = openDataResponse(*m_store, *m_surveys, m_clock(), request))
            return *file;
    }
    return net::HttpResponse::error(404, QStringLiteral("not_found"),
                                    QStringLiteral("no such endpoint: %1").arg(path.left(200)));
}

} // namespace relais::observatory
