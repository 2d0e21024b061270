// SPDX-License-Identifier: EUPL-1.2
#include "httpconnection.h"

#include <QPointer>
#include <QSslCertificate>
#include <QSslSocket>
#include <QUrl>

#include <sys/ioctl.h>
#include <sys/socket.h>

namespace relais::net {

namespace {

bool isDigits(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

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
    socket->setReadBufferSize(kReadBufferBytes);
    m_writeStall.setSingleShot(true);
    m_writeStall.setInterval(m_limits.writeStallTimeoutMs);
    connect(&m_writeStall, &QTimer::timeout, this, [this] {
        qWarning("https: dropping %s, which read nothing of %lld pending bytes for %d s",
                 qPrintable(m_socket->peerAddress().toString()), unsent(),
                 m_limits.writeStallTimeoutMs / 1000);
        m_closing = true;
        m_deadline.stop();
        // A reset, not a FIN queued behind megabytes the client will never read: the kernel
        // would keep those buffers for minutes.
        const linger reset{1, 0};
        ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &reset,
                     sizeof reset);
        m_socket->abort();
        deleteLater();
    });
    // A TLS socket tells of bytes on the wire with encryptedBytesWritten; a plain one (the
    // operations endpoint's, never encrypted) with bytesWritten only.
    connect(socket,
            socket->isEncrypted() ? &QSslSocket::encryptedBytesWritten : &QSslSocket::bytesWritten,
            this, &HttpConnection::onBytesWritten);
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

void HttpConnection::drain()
{
    m_draining = true;
    if (m_closing)
        return;
    if (m_awaiting || m_bodyLength >= 0 || !m_buffer.isEmpty())
        return; // dispatch() and answer() close after this request's answer
    // Requests not begun yet are not read: the client sends them again elsewhere or later.
    int unread = 0;
    ::ioctl(int(m_socket->socketDescriptor()), FIONREAD, &unread);
    if (unread > 0 || m_socket->bytesAvailable() > 0) {
        lingerThenClose();
        return;
    }
    // Nothing of the client's is waiting: a close now ends the connection cleanly (after what is
    // still being written), without keeping the server up for it.
    m_closing = true;
    m_deadline.stop();
    m_socket->disconnectFromHost();
}

void HttpConnection::onReadyRead()
{
    if (m_closing) {
        m_socket->readAll();
        return;
    }
    if (paused())
        return; // the socket keeps what came; onBytesWritten or answer() resume
    if (m_buffer.isEmpty() && m_bodyLength < 0)
        m_deadline.start(); // the first byte of a new request starts its clock
    else if (!m_deadline.isActive())
        m_deadline.start(); // resumed after a pause: the rest of the request has its time
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
        if (paused()) {
            m_deadline.stop(); // the write stall clock watches a client we wait for
            return;
        }
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
        // Digits only: toLongLong() alone takes "5\0…" or " 5" as 5, and two parsers that
        // disagree on a length are how requests get smuggled.
        const qint64 length = isDigits(text) ? text.toLongLong(&ok) : -1;
        if (!ok || length < 0) {
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
    m_head = m_request.method == "HEAD";
    m_closeAfter = !m_keepAlive || m_draining;
    const quint64 serial = ++m_serial;
    m_request.answer = [self = QPointer<HttpConnection>(this), serial](const HttpResponse &r) {
        if (self)
            self->answer(serial, r);
    };
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
    if (response.deferred) {
        m_awaiting = true;
        m_deadline.stop(); // the handler's work is bounded by its own queue
        return;
    }
    answer(serial, response);
}

void HttpConnection::answer(quint64 serial, const HttpResponse &response)
{
    if (serial != m_serial || m_closing)
        return;
    const bool resume = m_awaiting;
    m_awaiting = false;
    send(response, m_closeAfter || m_draining);
    if (m_closing)
        return;
    if (paused()) {
        m_deadline.stop();
        return;
    }
    m_deadline.start();
    if (resume)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

qint64 HttpConnection::unsent() const
{
    return m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite();
}

void HttpConnection::onBytesWritten()
{
    if (unsent() == 0) {
        m_writeStall.stop();
    } else {
        m_writeStall.start(); // the client reads: its clock starts again
    }
    if (!m_closing && !m_awaiting && unsent() <= m_limits.maxUnsentBytes / 2 &&
        (!m_buffer.isEmpty() || m_socket->bytesAvailable() > 0))
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

void HttpConnection::send(const HttpResponse &response, bool close)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                     reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n";
    // Browsers are told never to try plain HTTP for a host served over TLS. The plain
    // operations endpoint listens on its own address and port, for scrapers only.
    if (m_socket->isEncrypted())
        out += "Strict-Transport-Security: max-age=31536000\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!m_head)
        out += response.body; // HEAD: the same head as GET, with its Content-Length, no body
    m_head = false;
    m_socket->write(out);
    if (unsent() > 0 && !m_writeStall.isActive())
        m_writeStall.start();
    if (close)
        lingerThenClose();
}

void HttpConnection::lingerThenClose()
{
    m_closing = true;
    m_deadline.stop();
    // Closing while the client's bytes wait unread would reset the connection, and a reset
    // makes the client's side throw away the answers it has not read yet: drop what comes for
    // a moment, then close.
    m_socket->readAll();
    QTimer::singleShot(kLingerMs, m_socket, [socket = m_socket] { socket->disconnectFromHost(); });
}

void HttpConnection::refuse(int status, const QString &code, const QString &message)
{
    m_buffer.clear();
    m_bodyLength = -1;
    send(HttpResponse::error(status, code, message), true);
}

} // namespace relais::net
