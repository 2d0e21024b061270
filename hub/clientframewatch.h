// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArrayView>
#include <QObject>

#include <array>

class QTcpSocket;

namespace relais::hub {

// Follows the frame headers of what a client sends after the WebSocket upgrade and tells
// whether every frame is masked. RFC 6455 §5.1: a server must close the connection on an
// unmasked frame; Qt's QWebSocket (6.4) processes it like any other, so the hub has to look.
class FrameMaskParser
{
public:
    // Takes the next bytes of the stream; false from the first unmasked frame on.
    bool feed(QByteArrayView bytes);
    bool violated() const { return m_violated; }

private:
    std::array<quint8, 14> m_header{}; // 2 bytes, up to 8 of extended length, 4 of mask
    int m_have = 0;
    int m_need = 2;
    quint64 m_payloadLeft = 0;
    bool m_violated = false;
};

// Watches one server-side socket from its TCP accept, before Qt's WebSocket code reads it: its
// readyRead handler is connected first, so it peeks at what arrived before QWebSocketServer and
// QWebSocket consume it. Until the upgrade, a client may send nothing after its request (it
// must wait for the server's answer); after it, every frame must be masked. A violation empties
// the socket's buffer, so that Qt processes nothing of it, and emits violated() once.
class ClientFrameWatch : public QObject
{
    Q_OBJECT
public:
    // Must be made before anything else connects to the socket's readyRead.
    explicit ClientFrameWatch(QTcpSocket *socket);

    // The upgrade is done and QWebSocket reads the socket from now on: frames start here.
    void upgraded();
    bool isViolated() const { return m_violated; }

signals:
    void violated(const QString &reason);

private:
    void arrived();
    void afterConsumers();
    void violate(const QString &reason);

    QTcpSocket *m_socket;
    FrameMaskParser m_parser;
    bool m_upgraded = false;
    bool m_violated = false;
    // Bytes at the front of the socket's buffer that were parsed here but left unread by
    // QWebSocket (the start of a frame it waits to complete).
    qint64 m_parsedUnread = 0;
};

} // namespace relais::hub
