// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "connectionguard.h"
#include "hubconfig.h"
#include "refusallog.h"
#include "tlslistener.h"
#include "transport.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>
#include <QWebSocketServer>

#include <memory>
#include <optional>
#include <utility>

class QSslSocket;
class QWebSocket;

namespace relais::hub {

class ConnectionSlot;

// The Transport over wss://host:port/v1 (Qt WebSockets in SecureMode), on the kiosks' port and
// optionally a browsers' port that never asks for a client certificate. It also does the parts
// of PROTOCOL.md that belong to the link: the /v1 path, pings and their deadline, a hard cap on
// what a peer can make the hub hold in memory, masked frames only, connections counted from
// their TCP accept (per address and in total, with room kept for authenticated clients) and
// closed when no hello is accepted in time.
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

    explicit WebSocketTransport(const ConnectionLimits &limits = {}, QObject *parent = nullptr);
    ~WebSocketTransport() override;

    // The kiosks' port, with `tls` as configured (a client certificate asked for with device_ca).
    bool listen(const QHostAddress &address, quint16 port, const QSslConfiguration &tls,
                QString *error);
    // The browsers' port: the same, except that no client certificate is ever asked for.
    bool listenForBrowsers(const QHostAddress &address, quint16 port, const QSslConfiguration &tls,
                           QString *error);
    quint16 port() const;
    quint16 browserPort() const; // 0 without a browsers' port
    void setPingInterval(int milliseconds);
    qsizetype connectionCount() const { return m_sockets.size(); }
    // A renewed certificate for the connections from now on (on the browsers' port, still
    // without asking for a client certificate); established ones keep theirs.
    void setTlsConfiguration(const QSslConfiguration &tls);

    // The hub is stopping: both ports stop accepting, and every connection, open or still in
    // its handshake, is closed with `code` and `reason` once what was sent to it has left.
    // drained() once none is left.
    void closeAll(quint16 code, const QString &reason);

    void send(ConnectionId connection, const QByteArray &text) override;
    void close(ConnectionId connection, quint16 code, const QString &reason) override;
    QByteArray peerCertificate(ConnectionId connection) const override;
    QHostAddress peerAddress(ConnectionId connection) const override;
    void markAuthenticated(ConnectionId connection) override;
    void helloHeard(ConnectionId connection) override;

signals:
    void drained();

private:
    struct Peer
    {
        QWebSocket *socket = nullptr;
        QPointer<ConnectionSlot> slot;
        const ConnectionSlot *slotKey = nullptr; // m_connectionOfSlot's key, even once gone
        int unansweredPings = 0;
        bool closing = false;    // close() was called: frames in and out are dropped
        QElapsedTimer lastFrame; // while closing: since the peer last sent anything
    };
    net::TlsListener *addListener(const QHostAddress &address, quint16 port,
                                  const QSslConfiguration &tls, QString *error);
    void admitted(QSslSocket *socket);
    void encrypted(QSslSocket *socket);
    void expired(ConnectionSlot *slot);
    void violated(QSslSocket *socket, const QString &reason);
    void accept();
    void pingAll();
    void dropped(ConnectionId connection);
    bool isClosing(ConnectionId connection) const;
    void heardWhileClosing(ConnectionId connection);

    // Not listening: it upgrades the sockets the listeners hand it.
    QWebSocketServer m_upgrader;
    std::shared_ptr<net::ConnectionGuard> m_guard;
    int m_helloTimeoutMs;
    net::RefusalLog m_refusals{QStringLiteral("wss")};
    net::TlsListener *m_listener = nullptr;
    net::TlsListener *m_browserListener = nullptr;
    // Admitted sockets between their accept and their upgrade, by peer address and ports.
    QHash<QString, QPointer<ConnectionSlot>> m_upgrading;
    QHash<const ConnectionSlot *, ConnectionId> m_connectionOfSlot;
    QHash<ConnectionId, Peer> m_sockets;
    ConnectionId m_nextId = 1;
    QTimer m_pingTimer;
    std::optional<std::pair<quint16, QString>> m_stopping; // closeAll()'s code and reason
};

} // namespace relais::hub
