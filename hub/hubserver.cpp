// SPDX-License-Identifier: EUPL-1.2
#include "hubserver.h"

#include "calloutcomeuploader.h"

#include "consoleserver.h"
#include "hublog.h"
#include "hubstore.h"
#include "operationsendpoint.h"
#include "switchboard.h"
#include "websockettransport.h"

#include <QFile>
#include <QSslKey>
#include <QWebSocketProtocol>

#include <sys/resource.h>

#include <algorithm>

namespace relais::hub {

namespace {

QByteArray readPem(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1 cannot be read (%2)").arg(path, file.errorString());
        return {};
    }
    return file.read(1024 * 1024);
}

// Every connection is a descriptor, and systemd's default soft limit (1024) is under the
// connections the link is configured to hold: a flood would then stop accept() itself. The
// hard limit is the operator's (LimitNOFILE=).
void raiseDescriptorLimit(int connections)
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return;
    const rlim_t wanted = static_cast<rlim_t>(connections) + 256;
    if (limit.rlim_cur >= wanted)
        return;
    limit.rlim_cur = std::min(wanted, limit.rlim_max);
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur < wanted)
        qCWarning(lcHubServer) << "the descriptor limit" << limit.rlim_cur << "is below the"
                               << connections << "connections allowed (connections.total);"
                               << "raise LimitNOFILE";
}

} // namespace

bool loadTls(const HubConfig &config, QSslConfiguration *tls, QString *error)
{
    const QByteArray certPem = readPem(config.certPath, error);
    if (certPem.isEmpty())
        return false;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = QStringLiteral("%1 holds no PEM certificate").arg(config.certPath);
        return false;
    }
    const QByteArray keyPem = readPem(config.keyPath, error);
    if (keyPem.isEmpty())
        return false;
    QSslKey key(keyPem, QSsl::Ec);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa);
    if (key.isNull()) {
        *error =
            QStringLiteral("%1 holds no unencrypted PEM EC or RSA private key").arg(config.keyPath);
        return false;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    if (config.deviceCaPath.isEmpty()) {
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    } else {
        // Asked, not required: agents' browsers have no certificate, and a kiosk may still
        // come with a token. The switchboard checks a presented certificate itself against
        // the device CA only, and that it names the kiosk saying hello.
        const QByteArray caPem = readPem(config.deviceCaPath, error);
        const QList<QSslCertificate> ca = QSslCertificate::fromData(caPem, QSsl::Pem);
        if (ca.isEmpty()) {
            if (error->isEmpty())
                *error = QStringLiteral("%1 holds no PEM certificate").arg(config.deviceCaPath);
            return false;
        }
        configuration.setPeerVerifyMode(QSslSocket::QueryPeer);
        configuration.setCaCertificates(ca);
    }
    *tls = configuration;
    return true;
}

HubServer::HubServer(HubConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config))
{}

HubServer::~HubServer()
{
    // The operations endpoint reads the switchboard's figures, and the switchboard refers to
    // the transport and the store: they go in that order.
    delete m_operations;
    delete m_outcomes;
    delete m_switchboard;
    delete m_transport;
}

bool HubServer::start(QString *error)
{
    QSslConfiguration tls;
    if (!loadTls(m_config, &tls, error))
        return false;
    QString problem;
    m_store = HubStore::open(m_config.storePath, &problem);
    if (!m_store) {
        *error =
            QStringLiteral("the store %1 cannot be used (%2)").arg(m_config.storePath, problem);
        return false;
    }
    raiseDescriptorLimit(m_config.connections.total);
    m_transport = new WebSocketTransport(m_config.connections);
    m_transport->setPingInterval(m_config.pingIntervalS * 1000);
    m_switchboard = new Switchboard(m_config, *m_store, *m_transport);
    if (m_config.observatory) {
        m_outcomes = new CallOutcomeUploader(*m_config.observatory, *m_store);
        connect(m_switchboard, &Switchboard::callOutcomeStored, m_outcomes,
                &CallOutcomeUploader::wake);
        m_outcomes->wake(); // what a stopped hub had not sent yet
        qCInfo(lcHubServer).noquote()
            << "advisers' wrap-ups go to" << m_config.observatory->url.toString();
    }
    if (!m_transport->listen(m_config.listenAddress, m_config.port, tls, &problem)) {
        *error = QStringLiteral("cannot listen on %1 port %2 (%3)")
                     .arg(m_config.listenAddress.toString())
                     .arg(m_config.port)
                     .arg(problem);
        return false;
    }
    if (m_config.browserPort && !m_transport->listenForBrowsers(
                                    m_config.listenAddress, *m_config.browserPort, tls, &problem)) {
        *error = QStringLiteral("cannot listen on %1 port %2 for browsers (%3)")
                     .arg(m_config.listenAddress.toString())
                     .arg(*m_config.browserPort)
                     .arg(problem);
        return false;
    }
    qCInfo(lcHubServer).noquote() << "listening on" << url() << "for" << m_config.sites.size()
                                  << "sites";
    if (!browserUrl().isEmpty())
        qCInfo(lcHubServer).noquote() << "browsers' WebSocket on" << browserUrl();
    if (m_config.consolePort) {
        // The pages, and the WebSocket they are pointed at, never ask a browser for a
        // certificate: Chromium cancels a handshake that does.
        m_console = new ConsoleServer(browserPort(), this);
        QSslConfiguration pages = tls;
        pages.setPeerVerifyMode(QSslSocket::VerifyNone);
        if (!m_console->listen(m_config.listenAddress, *m_config.consolePort, pages, error))
            return false;
        qCInfo(lcHubServer).noquote() << "agents' console on" << consoleUrl();
    }
    if (m_config.operations) {
        m_operations = new net::OperationsEndpoint(
            m_switchboard->metrics(), [this] { return storeHealth(); }, this);
        if (!m_operations->listen(m_config.operations->address, m_config.operations->port, error))
            return false;
        qCInfo(lcHubServer).noquote() << "operations on" << operationsUrl();
    }
    return true;
}

net::StoreHealth HubServer::storeHealth() const
{
    return net::StoreHealth::of(m_config.storePath, [this] { return m_store->schemaVersion(); });
}

QString HubServer::operationsUrl() const
{
    return m_operations ? m_operations->url() : QString();
}

void HubServer::reload()
{
    HubConfig fresh;
    try {
        fresh = loadHubConfig(m_config.fileName);
    } catch (const ConfigError &error) {
        qCCritical(lcHubConfig).noquote()
            << "reload refused, the configuration in use stays:" << error.message;
        return;
    }
    // Kiosks with a certificate are checked against the device CA the switchboard loaded.
    if (fresh.deviceCaPath != m_config.deviceCaPath) {
        qCWarning(lcHubConfig).noquote() << "device_ca changes at the next restart";
        fresh.deviceCaPath = m_config.deviceCaPath;
    }
    QSslConfiguration tls;
    QString error;
    if (!loadTls(fresh, &tls, &error)) {
        qCCritical(lcHubConfig).noquote()
            << "reload refused, the certificate and configuration in use stay:" << error;
        return;
    }
    QStringList restart;
    if (fresh.listenAddress != m_config.listenAddress || fresh.port != m_config.port)
        restart << QStringLiteral("listen");
    if (fresh.browserPort != m_config.browserPort)
        restart << QStringLiteral("listen.browser_port");
    if (fresh.consolePort != m_config.consolePort)
        restart << QStringLiteral("console");
    if (fresh.storePath != m_config.storePath)
        restart << QStringLiteral("store");
    if (fresh.operations != m_config.operations)
        restart << QStringLiteral("operations");
    const ConnectionLimits &a = fresh.connections;
    const ConnectionLimits &b = m_config.connections;
    if (a.helloTimeoutMs != b.helloTimeoutMs || a.perAddress != b.perAddress ||
        a.total != b.total || a.reservedForAuthenticated != b.reservedForAuthenticated)
        restart << QStringLiteral("connections");
    // Queued requests, calls and desks refer to their site: one that goes needs a restart.
    bool siteRemoved = false;
    for (const Site &site : std::as_const(m_config.sites))
        siteRemoved = siteRemoved || fresh.site(site.id) == nullptr;
    if (siteRemoved)
        restart << QStringLiteral("sites (one was removed)");
    else
        m_config.sites = fresh.sites;
    if (!restart.isEmpty())
        qCWarning(lcHubConfig).noquote()
            << "these settings change at the next restart:" << restart.join(QStringLiteral(", "));
    m_config.certPath = fresh.certPath;
    m_config.keyPath = fresh.keyPath;
    m_config.turn = fresh.turn;
    m_config.graceMs = fresh.graceMs;
    m_config.defaultCallS = fresh.defaultCallS;
    m_config.pingIntervalS = fresh.pingIntervalS;
    m_transport->setPingInterval(m_config.pingIntervalS * 1000);
    m_transport->setTlsConfiguration(tls);
    if (m_console) {
        QSslConfiguration pages = tls;
        pages.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_console->setTlsConfiguration(pages);
    }
    qCInfo(lcHubConfig).noquote() << "reloaded" << m_config.fileName << "and the certificate"
                                  << m_config.certPath;
}

void HubServer::stop(std::function<void()> done)
{
    if (m_console)
        m_console->shutdown();
    delete m_operations;
    m_operations = nullptr;
    connect(m_transport, &WebSocketTransport::drained, this, std::move(done),
            Qt::SingleShotConnection);
    m_transport->closeAll(QWebSocketProtocol::CloseCodeGoingAway,
                          QString::fromLatin1(kStoppingReason));
}

QString HubServer::consoleUrl() const
{
    if (!m_console)
        return {};
    return QStringLiteral("https://%1:%2/").arg(host()).arg(m_console->port());
}

QString HubServer::host() const
{
    return m_config.listenAddress.protocol() == QAbstractSocket::IPv6Protocol
               ? QLatin1Char('[') + m_config.listenAddress.toString() + QLatin1Char(']')
               : m_config.listenAddress.toString();
}

quint16 HubServer::port() const
{
    return m_transport ? m_transport->port() : 0;
}

QString HubServer::url() const
{
    return QStringLiteral("wss://%1:%2/v1").arg(host()).arg(port());
}

quint16 HubServer::browserPort() const
{
    if (!m_transport)
        return 0;
    return m_transport->browserPort() ? m_transport->browserPort() : m_transport->port();
}

QString HubServer::browserUrl() const
{
    if (!m_transport || !m_transport->browserPort())
        return {};
    return QStringLiteral("wss://%1:%2/v1").arg(host()).arg(m_transport->browserPort());
}

} // namespace relais::hub
