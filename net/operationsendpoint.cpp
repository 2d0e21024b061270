// SPDX-License-Identifier: EUPL-1.2
#include "operationsendpoint.h"

#include "plainhttpserver.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace relais::net {

StoreHealth StoreHealth::of(const QString &file, const std::function<int()> &schemaVersion)
{
    StoreHealth health;
    if (!file.isEmpty() && !QFileInfo::exists(file)) {
        health.problem = QStringLiteral("%1 is gone").arg(file);
        return health;
    }
    try {
        health.schemaVersion = schemaVersion();
        health.reachable = true;
    } catch (const std::exception &e) {
        health.problem = QString::fromUtf8(e.what());
    }
    return health;
}

namespace {

HttpLimits operationsLimits()
{
    HttpLimits limits;
    limits.maxHeaderBytes = 8 * 1024;
    limits.maxBodyBytes = 0; // GET only
    limits.requestTimeoutMs = 10'000;
    return limits;
}

} // namespace

OperationsEndpoint::OperationsEndpoint(Metrics &metrics, std::function<StoreHealth()> health,
                                       QObject *parent)
    : QObject(parent), m_metrics(metrics), m_health(std::move(health)),
      m_server(new PlainHttpServer(
          operationsLimits(), [this](const HttpRequest &request) { return handle(request); }, this))
{
    m_uptime.start();
    m_metrics.describeGauge("relais_uptime_seconds", "Seconds since the server started.");
    m_metrics.describeGauge("relais_store_up",
                            "1 when the server's store answers a query, 0 when it does not.");
    m_metrics.describeGauge("relais_store_schema_version",
                            "The schema version of the server's store (0 when unreachable).");
    m_metrics.addCollector([this](Metrics &m) {
        const StoreHealth health = m_health();
        m.set("relais_uptime_seconds", {}, double(m_uptime.elapsed() / 1000));
        m.set("relais_store_up", {}, health.reachable ? 1 : 0);
        m.set("relais_store_schema_version", {}, health.reachable ? health.schemaVersion : 0);
    });
}

OperationsEndpoint::~OperationsEndpoint() = default;

bool OperationsEndpoint::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_server->listen(address, port))
        return true;
    *error = QStringLiteral("cannot listen on %1 port %2 for operations (%3)")
                 .arg(address.toString())
                 .arg(port)
                 .arg(m_server->errorString());
    return false;
}

quint16 OperationsEndpoint::port() const
{
    return m_server->serverPort();
}

QString OperationsEndpoint::url() const
{
    const QHostAddress address = m_server->serverAddress();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + address.toString() + u']'
                             : address.toString();
    return QStringLiteral("http://%1:%2/").arg(host).arg(port());
}

HttpResponse OperationsEndpoint::handle(const HttpRequest &request)
{
    const bool get = request.method == "GET" || request.method == "HEAD";
    if (request.path != QLatin1String("/healthz") && request.path != QLatin1String("/metrics"))
        return HttpResponse::error(404, QStringLiteral("not_found"),
                                   QStringLiteral("only /healthz and /metrics are served here"));
    if (!get) {
        HttpResponse refused =
            HttpResponse::error(405, QStringLiteral("method"), QStringLiteral("GET only"));
        refused.addHeader("Allow", "GET, HEAD");
        return refused;
    }
    if (request.path == QLatin1String("/metrics"))
        return HttpResponse::text(200, "text/plain; version=0.0.4; charset=utf-8",
                                  m_metrics.render());
    const StoreHealth health = m_health();
    QJsonObject store{{QStringLiteral("reachable"), health.reachable},
                      {QStringLiteral("schema_version"), health.schemaVersion}};
    if (!health.reachable)
        store.insert(QStringLiteral("problem"), health.problem);
    const QJsonObject body{{QStringLiteral("status"), health.reachable
                                                          ? QStringLiteral("ok")
                                                          : QStringLiteral("unavailable")},
                           {QStringLiteral("store"), store},
                           {QStringLiteral("uptime_s"), m_uptime.elapsed() / 1000}};
    return HttpResponse::json(health.reachable ? 200 : 503, QJsonDocument(body));
}

} // namespace relais::net
