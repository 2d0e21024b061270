#include "httpconnection.h"

#include <QSslCertificate>
#include <QSslSocket>
#include <QUrl>

namespace relais::net {

namespace {

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || QByteArray("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

HttpConnection::HttpConnection(QSslSocket *socket, const HttpLimits &limits,
                               const HttpHandler &handler, QObject *parent)
    : QObject(parent), m_socket(socket), m_limits(limits), m_handler(handler)
{
    socket->setParent(this);
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(m_limits.requestTimeoutMs);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        if (m_buffer.isEmpty() && m_bodyLength < 0)
            m_socket->disconnectFromHost(); // an idle keep-alive connection
        else
            refuse(408, QStringLiteral("timeout"), QStringLiteral("the request took too long"));
    });
    connect(socket, &QSslSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QSslSocket::disconnected, this, &QObject::deleteLater);
    connect(socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            deleteLater();
    });
    m_deadline.start();
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

void HttpConnection::onReadyRead()
{
    if (m_closing) {
        m_socket->readAll();
        return;
    }
    if (m_buffer.isEmpty() && m_bodyLength < 0)
        m_deadline.start(); // the first byte of a new request starts its clock
    m_buffer += m_socket->readAll();
    while (!m_closing) {
        if (m_bodyLength < 0) {
            if (!parseHead())
                return;
        }
        if (m_buffer.size() < m_bodyLength)
            return;
        m_request.body = m_buffer.left(m_bodyLength);
        m_buffer.remove(0, m_bodyLength);
        dispatch();
        if (m_buffer.isEmpty())
            return;
    }
}

bool HttpConnection::parseHead()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_buffer.size() > m_limits.maxHeaderBytes)
            refuse(431, QStringLiteral("headers_too_large"),
                   QStringLiteral("the request head is larger than %1 bytes")
                       .arg(m_limits.maxHeaderBytes));
        return false;
    }
    if (end > m_limits.maxHeaderBytes) {
        refuse(431, QStringLiteral("headers_too_large"),
               QStringLiteral("the request head is larger than %1 bytes")
                   .arg(m_limits.maxHeaderBytes));
        return false;
    }
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    m_buffer.remove(0, end + 4);
    m_request = HttpRequest();
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !isToken(requestLine[0]) || !requestLine[1].startsWith('/') ||
        (requestLine[2] != "HTTP/1.1" && requestLine[2] != "HTTP/1.0")) {
        refuse(400, QStringLiteral("bad_request_line"),
               QStringLiteral("the request line is not \"METHOD /path HTTP/1.1\""));
        return false;
    }
    m_request.method = requestLine[0];
    const QUrl url(QString::fromLatin1(requestLine[1]), QUrl::StrictMode);
    if (!url.isValid()) {
        refuse(400, QStringLiteral("bad_request_line"), QStringLiteral("the path is invalid"));
        return false;
    }
    m_request.path = url.path(QUrl::FullyDecoded);
    m_request.query = QUrlQuery(url.query(QUrl::FullyEncoded));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].endsWith('\r') ? lines[i].chopped(1) : lines[i];
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).toLower();
        if (colon <= 0 || !isToken(name)) {
            refuse(400, QStringLiteral("bad_header"),
                   QStringLiteral("header line %1 is malformed").arg(i));
            return false;
        }
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (m_request.headers.contains(name) && name == "content-length") {
            refuse(400, QStringLiteral("bad_header"),
                   QStringLiteral("Content-Length appears twice"));
            return false;
        }
        m_request.headers.insert(name, value);
    }
    if (m_request.headers.contains("transfer-encoding")) {
        refuse(501, QStringLiteral("chunked_not_supported"),
               QStringLiteral("send the body with a Content-Length"));
        return false;
    }
    m_bodyLength = 0;
    if (m_request.headers.contains("content-length")) {
        bool ok = false;
        const QByteArray text = m_request.header("content-length");
        const qint64 length = text.toLongLong(&ok);
        if (!ok || length < 0 || text.startsWith('+') || text.startsWith('-')) {
            refuse(400, QStringLiteral("bad_header"),
                   QStringLiteral("Content-Length is not a number"));
            return false;
        }
        if (length > m_limits.maxBodyBytes) {
            refuse(413, QStringLiteral("body_too_large"),
                   QStringLiteral("the body is larger than %1 bytes").arg(m_limits.maxBodyBytes));
            return false;
        }
        m_bodyLength = length;
    } else if (m_request.method == "POST" || m_request.method == "PUT") {
        refuse(411, QStringLiteral("length_required"),
               QStringLiteral("send the body with a Content-Length"));
        return false;
    }
    const QByteArray connection = m_request.header("connection").toLower();
    m_keepAlive = requestLine[2] == "HTTP/1.1" ? connection != "close" : connection == "keep-alive";
    return true;
}

void HttpConnection::dispatch()
{
    m_request.clientCertificateDer = m_socket->peerCertificate().toDer();
    m_request.peer = m_socket->peerAddress();
    m_bodyLength = -1;
    HttpResponse response;
    try {
        response = m_handler(m_request);
    } catch (const std::exception &e) {
        qWarning("request %s %s failed: %s", m_request.method.constData(),
                 qPrintable(m_request.path), e.what());
        response = HttpResponse::error(500, QStringLiteral("internal"),
                                       QStringLiteral("the server could not handle the request"));
    }
    m_request = HttpRequest();
    send(response, !m_keepAlive);
    m_deadline.start();
}

void HttpConnection::send(const HttpResponse &response, bool close)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                     reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    out += response.body;
    m_socket->write(out);
    if (close) {
        m_closing = true;
        m_deadline.stop();
        // Closing at once while the client may still be sending would reset the connection
        // and lose the answer on its side; drop what comes for a moment, then close.
        QTimer::singleShot(kLingerMs, m_socket,
                           [socket = m_socket] { socket->disconnectFromHost(); });
    }
}

void HttpConnection::refuse(int status, const QString &code, const QString &message)
{
    m_buffer.clear();
    m_bodyLength = -1;
    send(HttpResponse::error(status, code, message), true);
}

} // namespace relais::net
