#include "consoleserver.h"

#include "hublog.h"

#include <QFile>
#include <QHttpServer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace relais::hub {

namespace {

QByteArray mimeFor(const QString &name)
{
    if (name.endsWith(QLatin1String(".html")))
        return "text/html; charset=utf-8";
    if (name.endsWith(QLatin1String(".js")))
        return "text/javascript; charset=utf-8";
    if (name.endsWith(QLatin1String(".css")))
        return "text/css; charset=utf-8";
    if (name.endsWith(QLatin1String(".svg")))
        return "image/svg+xml";
    return "application/octet-stream";
}

// Every answer: nothing from elsewhere may run in the page, nothing is cached (a new hub
// version must not meet an old script), and the page cannot be framed.
void harden(QHttpServerResponse &response)
{
    response.addHeader("Content-Security-Policy",
                       "default-src 'self'; connect-src 'self' wss:; img-src 'self' blob: data:; "
                       "media-src 'self' blob:; frame-src blob:; object-src 'none'; "
                       "frame-ancestors 'none'; "
                       "base-uri 'none'");
    response.addHeader("X-Content-Type-Options", "nosniff");
    response.addHeader("Referrer-Policy", "no-referrer");
    response.addHeader("Cache-Control", "no-store");
}

QHttpServerResponse page(const QString &name)
{
    static const QRegularExpression safe(QStringLiteral("^[a-z0-9][a-z0-9.-]{0,63}$"));
    QFile file(QStringLiteral(":/console/") + name);
    if (!safe.match(name).hasMatch() || name.contains(QLatin1String("..")) ||
        !file.open(QIODevice::ReadOnly)) {
        QHttpServerResponse missing("text/plain; charset=utf-8", "not found\n",
                                    QHttpServerResponse::StatusCode::NotFound);
        harden(missing);
        return missing;
    }
    QHttpServerResponse response(mimeFor(name), file.readAll());
    harden(response);
    return response;
}

// "example.org:8444" -> "example.org", "[::1]:8444" -> "[::1]"; localhost when absent.
QString hostOf(const QString &hostHeader)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]{1,253})(:\\d{1,5})?$"));
    const QRegularExpressionMatch match = pattern.match(hostHeader);
    return match.hasMatch() ? match.captured(1) : QStringLiteral("localhost");
}

} // namespace

ConsoleServer::ConsoleServer(quint16 hubPort, QObject *parent)
    : QObject(parent), m_server(std::make_unique<QHttpServer>()), m_hubPort(hubPort)
{
    m_server->route(QStringLiteral("/"), [] { return page(QStringLiteral("index.html")); });
    m_server->route(QStringLiteral("/config.json"), [this](const QHttpServerRequest &request) {
        // The WebSocket is on the same host as the page, on the hub's port.
        const QString host = hostOf(QString::fromLatin1(request.value("Host")));
        QHttpServerResponse response(
            "application/json",
            QJsonDocument(QJsonObject{{QStringLiteral("hub_url"),
                                       QStringLiteral("wss://%1:%2/v1").arg(host).arg(m_hubPort)},
                                      {QStringLiteral("protocol"), 1}})
                .toJson(QJsonDocument::Compact));
        harden(response);
        return response;
    });
    m_server->route(QStringLiteral("/<arg>"), [](const QString &name) { return page(name); });
}

ConsoleServer::~ConsoleServer() = default;

bool ConsoleServer::listen(const QHostAddress &address, quint16 port, const QSslConfiguration &tls,
                           QString *error)
{
    m_server->sslSetup(tls);
    m_port = m_server->listen(address, port);
    if (m_port == 0) {
        *error = QStringLiteral("the console cannot listen on %1 port %2")
                     .arg(address.toString())
                     .arg(port);
        return false;
    }
    return true;
}

} // namespace relais::hub
