// SPDX-License-Identifier: EUPL-1.2
#include "consoleserver.h"

#include "httpserver.h"

#include <QFile>
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
net::HttpResponse harden(net::HttpResponse response)
{
    response.addHeader("Content-Security-Policy",
                       "default-src 'self'; connect-src 'self' wss:; img-src 'self' blob: data:; "
                       "media-src 'self' blob:; frame-src blob:; object-src 'none'; "
                       "frame-ancestors 'none'; "
                       "base-uri 'none'");
    response.addHeader("Referrer-Policy", "no-referrer");
    return response; // Cache-Control, nosniff and HSTS come with every net::HttpServer answer
}

net::HttpResponse page(const QString &name)
{
    static const QRegularExpression safe(QStringLiteral("^[a-z0-9][a-z0-9.-]{0,63}$"));
    QFile file(QStringLiteral(":/console/") + name);
    if (!safe.match(name).hasMatch() || name.contains(QLatin1String("..")) ||
        !file.open(QIODevice::ReadOnly))
        return harden(net::HttpResponse::text(404, "text/plain; charset=utf-8", "not found\n"));
    return harden(net::HttpResponse::text(200, mimeFor(name), file.readAll()));
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

ConsoleServer::ConsoleServer(quint16 hubPort, QObject *parent) : QObject(parent), m_hubPort(hubPort)
{
    net::HttpLimits limits;
    limits.maxHeaderBytes = kMaxHeadBytes;
    limits.maxBodyBytes = 0;
    limits.requestTimeoutMs = kRequestTimeoutMs;
    m_server = std::make_unique<net::HttpServer>(
        limits, [this](const net::HttpRequest &request) { return route(request); });
}

ConsoleServer::~ConsoleServer() = default;

net::HttpResponse ConsoleServer::route(const net::HttpRequest &request) const
{
    if (request.method != "GET" && request.method != "HEAD") {
        net::HttpResponse refused =
            net::HttpResponse::text(405, "text/plain; charset=utf-8", "method not allowed\n");
        refused.addHeader("Allow", "GET, HEAD");
        return harden(refused);
    }
    if (request.path == QLatin1String("/"))
        return page(QStringLiteral("index.html"));
    if (request.path == QLatin1String("/config.json")) {
        // The WebSocket is on the same host as the page, on the hub's port.
        const QString host = hostOf(QString::fromLatin1(request.header("host")));
        return harden(net::HttpResponse::json(
            200,
            QJsonDocument(QJsonObject{{QStringLiteral("hub_url"),
                                       QStringLiteral("wss://%1:%2/v1").arg(host).arg(m_hubPort)},
                                      {QStringLiteral("protocol"), 1}})));
    }
    return page(request.path.mid(1));
}

bool ConsoleServer::listen(const QHostAddress &address, quint16 port, const QSslConfiguration &tls,
                           QString *error)
{
    QString problem;
    if (!m_server->listen(address, port, tls, &problem)) {
        *error = QStringLiteral("the console cannot listen on %1 port %2 (%3)")
                     .arg(address.toString())
                     .arg(port)
                     .arg(problem);
        return false;
    }
    m_port = m_server->port();
    return true;
}

void ConsoleServer::setTlsConfiguration(const QSslConfiguration &tls)
{
    m_server->setTlsConfiguration(tls);
}

void ConsoleServer::shutdown()
{
    m_server->shutdown();
}

} // namespace relais::hub
