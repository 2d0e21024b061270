#pragma once

#include "transport.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QTimer>
#include <QWebSocketServer>

class QWebSocket;

namespace relais::hub {

// The Transport over wss://host:port/v1 (Qt WebSockets in SecureMode). It also does the parts
// of PROTOCOL.md that belong to the link: the /v1 path, pings and their deadline, and a hard
// cap on what a peer can make the hub hold in memory.
class WebSocketTransport : public Transport
{
    Q_OBJECT
public:
    // Above this the socket itself refuses the message and closes (1009); between 64 KiB and
    // this, the switchboard answers bad_message and the connection lives on.
    static constexpr quint64 kHardMessageLimit = 1024 * 1024;
    // A peer that does not read what it is sent is cut off rather than buffered for.
    static constexpr qint64 kMaxUnsentBytes = 8 * 1024 * 1024;
    // close() sends its close frame once everything before it has left and the peer has sent
    // nothing for kCloseQuietMs, or after kCloseDeadlineMs whatever the peer does.
    static constexpr int kCloseQuietMs = 200;
    static constexpr int kCloseDeadlineMs = 5000;

    explicit WebSocketTransport(QObject *parent = nullptr);
    ~WebSocketTransport() override;

    bool listen(const QHostAddress &address, quint16 port, const QSslConfiguration &tls,
                QString *error);
    quint16 port() const { return m_server.serverPort(); }
    void setPingInterval(int milliseconds);
    qsizetype connectionCount() const { return m_sockets.size(); }

    void send(ConnectionId connection, const QByteArray &text) override;
    void close(ConnectionId connection, quint16 code, const QString &reason) override;
    QByteArray peerCertificate(ConnectionId connection) const override;
    QHostAddress peerAddress(ConnectionId connection) const override;

private:
    struct Peer
    {
        QWebSocket *socket = nullptr;
        int unansweredPings = 0;
        bool closing = false;    // close() was called: frames in and out are dropped
        QElapsedTimer lastFrame; // while closing: since the peer last sent anything
    };
    void accept();
    void pingAll();
    void dropped(ConnectionId connection);
    bool isClosing(ConnectionId connection) const;
    void heardWhileClosing(ConnectionId connection);

    QWebSocketServer m_server;
    QHash<ConnectionId, Peer> m_sockets;
    ConnectionId m_nextId = 1;
    QTimer m_pingTimer;
};

} // namespace relais::hub
