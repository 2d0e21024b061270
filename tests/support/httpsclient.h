// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

#include <utility>

namespace relais::observatory::test {

struct Reply
{
    int status = 0; // 0 when the connection closed without an answer
    QByteArray body;
    QByteArray cookie;                     // the first Set-Cookie's name=value, if any
    QHash<QByteArray, QByteArray> headers; // names lower-cased; the last of a name
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
};

// A blocking HTTPS/1.1 client over one keep-alive connection, trusting only the device CA
// (which signed the observatory's certificate in the tests), optionally with a kiosk identity.
class HttpsClient
{
public:
    HttpsClient(quint16 port, const QSslCertificate &ca, const QByteArray &certPem = {},
                const QByteArray &keyPem = {})
        : m_port(port)
    {
        m_tls = QSslConfiguration::defaultConfiguration();
        m_tls.setCaCertificates({ca});
        if (!certPem.isEmpty()) {
            m_tls.setLocalCertificate(QSslCertificate(certPem, QSsl::Pem));
            m_tls.setPrivateKey(QSslKey(keyPem, QSsl::Ec));
        }
    }

    // Connect from this local address (127.0.0.2… on loopback: another client than the tests'
    // floods from 127.0.0.1). Before connect().
    void setLocalAddress(const QHostAddress &address) { m_local = address; }

    bool connect()
    {
        m_socket = std::make_unique<QSslSocket>();
        m_unread.clear();
        m_socket->setSslConfiguration(m_tls);
        if (!m_local.isNull() && !m_socket->bind(m_local))
            return false;
        m_socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_port,
                                         QStringLiteral("localhost"));
        return m_socket->waitForEncrypted(10000);
    }

    QSslSocket *socket() { return m_socket.get(); }
    // The next response on the connection, for requests written through socket() (pipelined).
    Reply next() { return read(); }

    // Sends bytes as they are (for malformed requests) and reads one response.
    Reply raw(const QByteArray &bytes)
    {
        if ((!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) && !connect())
            return {};
        m_socket->write(bytes);
        m_socket->flush();
        return read();
    }

    Reply post(const QString &path, const QByteArray &body,
               const QByteArray &contentType = "application/json",
               const QByteArray &extraHeaders = {})
    {
        return raw("POST " + path.toUtf8() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " +
                   contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" +
                   extraHeaders + "\r\n" + body);
    }

    Reply postJson(const QString &path, const QJsonObject &body)
    {
        return post(path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    Reply get(const QString &path, const QByteArray &extraHeaders = {})
    {
        return raw("GET " + path.toUtf8() + " HTTP/1.1\r\nHost: localhost\r\n" + extraHeaders +
                   "\r\n");
    }

private:
    Reply read()
    {
        // What came after the previous response (pipelined answers) is the start of this one.
        QByteArray buffer = std::exchange(m_unread, QByteArray());
        QElapsedTimer timer;
        timer.start();
        qsizetype headEnd = -1;
        qint64 length = -1;
        Reply reply;
        bool first = true;
        while (timer.elapsed() < 60000) {
            if (!(first && !buffer.isEmpty())) {
                if (m_socket->bytesAvailable() == 0 && !m_socket->waitForReadyRead(500) &&
                    m_socket->state() != QAbstractSocket::ConnectedState &&
                    m_socket->bytesAvailable() == 0)
                    break;
                buffer += m_socket->readAll();
            }
            first = false;
            if (headEnd < 0) {
                headEnd = buffer.indexOf("\r\n\r\n");
                if (headEnd < 0)
                    continue;
                const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
                reply.status = lines.value(0).split(' ').value(1).toInt();
                for (const QByteArray &line : lines.mid(1)) {
                    const qsizetype colon = line.indexOf(':');
                    if (colon > 0)
                        reply.headers.insert(line.left(colon).trimmed().toLower(),
                                             line.mid(colon + 1).trimmed());
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                    if (line.toLower().startsWith("set-cookie:") && reply.cookie.isEmpty())
                        reply.cookie = line.mid(11).trimmed().split(';').value(0);
                }
            }
            if (headEnd >= 0 && buffer.size() >= headEnd + 4 + length) {
                reply.body = buffer.mid(headEnd + 4, length);
                m_unread = length >= 0 ? buffer.mid(headEnd + 4 + length) : QByteArray();
                return reply;
            }
        }
        return reply.status != 0 && length < 0 ? reply : Reply{};
    }

    quint16 m_port;
    QSslConfiguration m_tls;
    QHostAddress m_local;
    std::unique_ptr<QSslSocket> m_socket;
    QByteArray m_unread;
};

} // namespace relais::observatory::test
