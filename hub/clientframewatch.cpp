// SPDX-License-Identifier: EUPL-1.2
#include "clientframewatch.h"

#include <QSslSocket>

namespace relais::hub {

bool FrameMaskParser::feed(QByteArrayView bytes)
{
    qsizetype at = 0;
    while (!m_violated && at < bytes.size()) {
        if (m_payloadLeft > 0) {
            const quint64 skip =
                std::min<quint64>(m_payloadLeft, static_cast<quint64>(bytes.size() - at));
            m_payloadLeft -= skip;
            at += static_cast<qsizetype>(skip);
            continue;
        }
        m_header[static_cast<size_t>(m_have++)] = static_cast<quint8>(bytes[at++]);
        if (m_have < m_need)
            continue;
        if (m_have == 2) {
            if ((m_header[1] & 0x80) == 0) {
                m_violated = true;
                break;
            }
            const int length = m_header[1] & 0x7f;
            m_need = 2 + (length == 126 ? 2 : length == 127 ? 8 : 0) + 4;
            continue;
        }
        const int length = m_header[1] & 0x7f;
        quint64 payload = static_cast<quint64>(length);
        if (length >= 126) {
            const int extension = length == 126 ? 2 : 8;
            payload = 0;
            for (int i = 0; i < extension; ++i)
                payload = (payload << 8) | m_header[static_cast<size_t>(2 + i)];
        }
        m_payloadLeft = payload;
        m_have = 0;
        m_need = 2;
    }
    return !m_violated;
}

ClientFrameWatch::ClientFrameWatch(QTcpSocket *socket) : QObject(socket), m_socket(socket)
{
    connect(socket, &QIODevice::readyRead, this, &ClientFrameWatch::arrived);
}

void ClientFrameWatch::upgraded()
{
    m_upgraded = true;
    // Nothing may follow the request before the answer (arrived() refused it), so the frames
    // start at the front of the buffer.
    m_parsedUnread = 0;
    // Connected after QWebSocket's own handler: it runs once QWebSocket has read what it could.
    connect(m_socket, &QIODevice::readyRead, this, &ClientFrameWatch::afterConsumers);
}

void ClientFrameWatch::arrived()
{
    if (m_violated) {
        m_socket->skip(m_socket->bytesAvailable());
        return;
    }
    const QByteArray buffered = m_socket->peek(m_socket->bytesAvailable());
    if (!m_upgraded) {
        // Before the TLS handshake the bytes are the handshake's own.
        const auto *tls = qobject_cast<const QSslSocket *>(m_socket);
        if (tls && !tls->isEncrypted())
            return;
        // QWebSocketServer reads the request up to its blank line, later (queued).
        const qsizetype end = buffered.indexOf("\r\n\r\n");
        if (end >= 0 && buffered.size() > end + 4)
            violate(QStringLiteral("data sent before the WebSocket upgrade was answered"));
        return;
    }
    if (!m_parser.feed(QByteArrayView(buffered).sliced(m_parsedUnread)))
        violate(QStringLiteral("an unmasked frame (RFC 6455 5.1)"));
    m_parsedUnread = buffered.size();
}

void ClientFrameWatch::afterConsumers()
{
    m_parsedUnread = m_socket->bytesAvailable();
}

void ClientFrameWatch::violate(const QString &reason)
{
    m_violated = true;
    m_socket->skip(m_socket->bytesAvailable());
    m_parsedUnread = 0;
    emit violated(reason);
}

} // namespace relais::hub
