// SPDX-License-Identifier: EUPL-1.2
#include "websockettransport.h"

#include "clientframewatch.h"
#include "connectionslot.h"
#include "hublog.h"

#include <QAbstractSocket>
#include <QSslSocket>
#include <QWebSocket>

namespace relais::hub {

namespace {

QString socketKey(const QHostAddress &peer, quint16 peerPort, quint16 localPort)
{
    return QStringLiteral("%1|%2|%3").arg(peer.toString()).arg(peerPort).arg(localPort);
}

// An anonymous socket may take no part of the slots kept for authenticated clients.
net::ConnectionGuard::Limits guardLimits(const ConnectionLimits &limits)
{
    return {limits.perAddress, limits.total, limits.reservedForAuthenticated};
}

} // namespace

WebSocketTransport::WebSocketTransport(const ConnectionLimits &limits, QObject *parent)
    : Transport(parent),
      m_upgrader(QStringLiteral("relais-hub/" RELAIS_VERSION), QWebSocketServer::SecureMode),
      m_guard(std::make_shared<net::ConnectionGuard>(guardLimits(limits))),
      m_helloTimeoutMs(limits.helloTimeoutMs)
{
    // A morning's burst of kiosks must not be turned away while their handshakes complete.
    m_upgrader.setMaxPendingConnections(1024);
    connect(&m_upgrader, &QWebSocketServer::newConnection, this, &WebSocketTransport::accept);
    connect(&m_upgrader, &QWebSocketServer::serverError, this,
            [](QWebSocketProtocol::CloseCode code) {
                qCInfo(lcHubServer) << "a WebSocket handshake failed:" << code;
            });
    connect(&m_pingTimer, &QTimer::timeout, this, &WebSocketTransport::pingAll);
    setPingInterval(15000);
}

WebSocketTransport::~WebSocketTransport()
{
    for (const Peer &peer : std::as_const(m_sockets)) {
        peer.socket->disconnect(this);
        peer.socket->abort();
        delete peer.socket;
    }
    // Before the upgrader goes: sockets still in their handshakes are the listeners' children.
    delete m_listener;
    delete m_browserListener;
}

bool WebSocketTransport::listen(const QHostAddress &address, quint16 port,
                                const QSslConfiguration &tls, QString *error)
{
    m_listener = addListener(address, port, tls, error);
    return m_listener != nullptr;
}

bool WebSocketTransport::listenForBrowsers(const QHostAddress &address, quint16 port,
                                           const QSslConfiguration &tls, QString *error)
{
    QSslConfiguration pages = tls;
    pages.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_browserListener = addListener(address, port, pages, error);
    return m_browserListener != nullptr;
}

net::TlsListener *WebSocketTransport::addListener(const QHostAddress &address, quint16 port,
                                                  const QSslConfiguration &tls, QString *error)
{
    auto *listener = new net::TlsListener(*m_guard, m_refusals, this);
    listener->setTlsConfiguration(tls);
    // The hello deadline covers the handshake. A connection silent from its accept waits in the
    // listener's lobby for as long, then the deadline counts again from its first bytes.
    listener->setHandshakeTimeout(0);
    listener->setSilentTimeout(m_helloTimeoutMs);
    // Signalling is small messages in quick succession (the `call`, then the offer, then its
    // candidates): under Nagle's algorithm each one waited for the acknowledgement of the one
    // before, which the far end delays by up to 40 ms.
    listener->setLowDelay(true);
    connect(listener, &net::TlsListener::accepted, this, &WebSocketTransport::admitted);
    connect(listener, &net::TlsListener::encrypted, this, &WebSocketTransport::encrypted);
    if (!listener->listen(address, port)) {
        if (error)
            *error = listener->errorString();
        delete listener;
        return nullptr;
    }
    return listener;
}

quint16 WebSocketTransport::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

quint16 WebSocketTransport::browserPort() const
{
    return m_browserListener ? m_browserListener->serverPort() : 0;
}

void WebSocketTransport::setPingInterval(int milliseconds)
{
    m_pingTimer.start(milliseconds);
}

void WebSocketTransport::setTlsConfiguration(const QSslConfiguration &tls)
{
    if (m_listener)
        m_listener->setTlsConfiguration(tls);
    if (m_browserListener) {
        QSslConfiguration pages = tls;
        pages.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_browserListener->setTlsConfiguration(pages);
    }
}

void WebSocketTransport::closeAll(quint16 code, const QString &reason)
{
    m_stopping.emplace(code, reason);
    if (m_listener)
        m_listener->close();
    if (m_browserListener)
        m_browserListener->close();
    if (m_sockets.isEmpty()) {
        QMetaObject::invokeMethod(this, &WebSocketTransport::drained, Qt::QueuedConnection);
        return;
    }
    const QList<ConnectionId> open = m_sockets.keys();
    for (const ConnectionId connection : open)
        close(connection, code, reason);
}

void WebSocketTransport::admitted(QSslSocket *socket)
{
    // The watch first: it must see what arrives before Qt's WebSocket code reads it.
    auto *watch = new ClientFrameWatch(socket);
    connect(watch, &ClientFrameWatch::violated, this,
            [this, socket](const QString &reason) { violated(socket, reason); });
    auto *slot = new ConnectionSlot(socket, m_guard, m_helloTimeoutMs);
    connect(slot, &ConnectionSlot::expired, this, [this, slot] { expired(slot); });
    const QString key = socketKey(socket->peerAddress(), socket->peerPort(), socket->localPort());
    m_upgrading.insert(key, slot);
    connect(slot, &QObject::destroyed, this, [this, key, slot] {
        if (m_upgrading.value(key) == slot)
            m_upgrading.remove(key);
    });
}

void WebSocketTransport::encrypted(QSslSocket *socket)
{
    if (auto *slot = socket->findChild<ConnectionSlot *>())
        slot->holdPlace();
    m_upgrader.handleConnection(socket);
}

void WebSocketTransport::expired(ConnectionSlot *slot)
{
    const auto id = m_connectionOfSlot.constFind(slot);
    if (id == m_connectionOfSlot.constEnd()) {
        // Still in its TLS or WebSocket handshake.
        slot->socket()->abort();
        return;
    }
    const auto peer = m_sockets.constFind(*id);
    if (peer == m_sockets.constEnd() || peer->closing)
        return;
    qCInfo(lcHubServer) << "connection" << *id << "closed: no hello accepted within"
                        << m_helloTimeoutMs << "ms";
    QWebSocket *socket = peer->socket;
    socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("hello_timeout"));
    QTimer::singleShot(1000, socket, [socket] { socket->abort(); });
}

void WebSocketTransport::violated(QSslSocket *socket, const QString &reason)
{
    const auto slot = socket->findChild<ConnectionSlot *>();
    const auto id = slot ? m_connectionOfSlot.constFind(slot) : m_connectionOfSlot.constEnd();
    if (id == m_connectionOfSlot.constEnd()) {
        qCInfo(lcHubServer).noquote() << "a connection closed in its handshake:" << reason;
        socket->abort();
        return;
    }
    qCInfo(lcHubServer).noquote() << "connection" << *id << "closed:" << reason;
    const auto peer = m_sockets.find(*id);
    if (peer == m_sockets.end())
        return;
    // Whatever the hub was about to say is moot: the peer does not speak WebSocket.
    peer->closing = true;
    QWebSocket *webSocket = peer->socket;
    webSocket->close(QWebSocketProtocol::CloseCodeProtocolError,
                     QStringLiteral("frames from a client must be masked"));
    QTimer::singleShot(1000, webSocket, [webSocket] { webSocket->abort(); });
}

void WebSocketTransport::markAuthenticated(ConnectionId connection)
{
    const auto it = m_sockets.constFind(connection);
    if (it != m_sockets.constEnd() && it->slot)
        it->slot->trust();
}

void WebSocketTransport::helloHeard(ConnectionId connection)
{
    const auto it = m_sockets.constFind(connection);
    if (it != m_sockets.constEnd() && it->slot)
        it->slot->restartDeadline();
}

void WebSocketTransport::accept()
{
    while (m_upgrader.hasPendingConnections()) {
        QWebSocket *socket = m_upgrader.nextPendingConnection();
        const QPointer<ConnectionSlot> slot = m_upgrading.take(
            socketKey(socket->peerAddress(), socket->peerPort(), socket->localPort()));
        if (!slot) {
            // Every socket comes through admit(); one that did not is not the hub's.
            qCWarning(lcHubServer) << "an upgraded connection no listener admitted was closed";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        if (auto *watch = slot->socket()->findChild<ClientFrameWatch *>())
            watch->upgraded();
        if (socket->requestUrl().path() != QLatin1String("/v1")) {
            qCInfo(lcHubServer) << "refused a connection to an unknown path (protocol v1 is /v1)";
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                          QStringLiteral("unknown path; protocol v1 is at /v1"));
            QTimer::singleShot(5000, socket, [socket] { socket->abort(); });
            continue;
        }
        socket->setMaxAllowedIncomingFrameSize(kHardMessageLimit);
        socket->setMaxAllowedIncomingMessageSize(kHardMessageLimit);
        const ConnectionId id = m_nextId++;
        Peer peer;
        peer.socket = socket;
        peer.slot = slot;
        peer.slotKey = slot.data();
        m_sockets.insert(id, peer);
        m_connectionOfSlot.insert(slot.data(), id);
        connect(socket, &QWebSocket::textMessageReceived, this, [this, id](const QString &text) {
            if (!isClosing(id))
                emit messageReceived(id, text.toUtf8(), false);
        });
        connect(socket, &QWebSocket::binaryMessageReceived, this,
                [this, id](const QByteArray &data) {
                    if (!isClosing(id))
                        emit messageReceived(id, data, true);
                });
        // Every frame, even one part of a long message, shows the peer is still sending.
        connect(socket, &QWebSocket::textFrameReceived, this,
                [this, id] { heardWhileClosing(id); });
        connect(socket, &QWebSocket::binaryFrameReceived, this,
                [this, id] { heardWhileClosing(id); });
        connect(socket, &QWebSocket::pong, this, [this, id] {
            if (auto it = m_sockets.find(id); it != m_sockets.end())
                it->unansweredPings = 0;
        });
        // Queued so that connectionClosed never arrives from inside send() or close().
        connect(
            socket, &QWebSocket::disconnected, this, [this, id] { dropped(id); },
            Qt::QueuedConnection);
        emit connectionOpened(id);
        // Its handshake was under way when the hub began to stop.
        if (m_stopping)
            close(id, m_stopping->first, m_stopping->second);
    }
}

void WebSocketTransport::dropped(ConnectionId connection)
{
    const auto it = m_sockets.find(connection);
    if (it == m_sockets.end())
        return;
    it->socket->deleteLater();
    m_connectionOfSlot.remove(it->slotKey);
    m_sockets.erase(it);
    emit connectionClosed(connection);
    if (m_stopping && m_sockets.isEmpty())
        emit drained();
}

void WebSocketTransport::pingAll()
{
    for (auto it = m_sockets.begin(); it != m_sockets.end(); ++it) {
        if (it->unansweredPings >= 2) {
            qCInfo(lcHubServer) << "connection" << it.key() << "closed: two pings unanswered";
            it->socket->abort();
            continue;
        }
        ++it->unansweredPings;
        it->socket->ping();
    }
}

bool WebSocketTransport::isClosing(ConnectionId connection) const
{
    const auto it = m_sockets.constFind(connection);
    return it != m_sockets.constEnd() && it->closing;
}

void WebSocketTransport::heardWhileClosing(ConnectionId connection)
{
    const auto it = m_sockets.find(connection);
    if (it != m_sockets.end() && it->closing)
        it->lastFrame.restart();
}

void WebSocketTransport::send(ConnectionId connection, const QByteArray &text)
{
    const auto it = m_sockets.constFind(connection);
    // After close() the last thing the peer hears is what came before it (a fatal error).
    if (it == m_sockets.constEnd() || it->closing)
        return;
    QWebSocket *socket = it->socket;
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    socket->sendTextMessage(QString::fromUtf8(text));
    if (socket->bytesToWrite() > kMaxUnsentBytes) {
        qCWarning(lcHubServer) << "connection" << connection << "closed: it has not read"
                               << socket->bytesToWrite() << "bytes sent to it";
        socket->abort();
    }
}

void WebSocketTransport::close(ConnectionId connection, quint16 code, const QString &reason)
{
    const auto it = m_sockets.find(connection);
    if (it == m_sockets.end() || it->closing)
        return;
    it->closing = true;
    it->lastFrame.start();
    QWebSocket *socket = it->socket;
    // QWebSocket::close() shuts the TCP connection right after its close frame. With frames of
    // the peer still unread, the kernel then answers with a reset instead, and a reset makes
    // the peer (a browser above all) throw away what it had not read yet: the very error that
    // explains the close. So the peer's frames are read and dropped until it falls quiet and
    // all that was sent before has left; only a peer that never stops is cut off regardless.
    QElapsedTimer sinceClose;
    sinceClose.start();
    auto *poll = new QTimer(socket);
    connect(poll, &QTimer::timeout, socket,
            [this, connection, socket, poll, sinceClose, code, reason] {
                const auto peer = m_sockets.constFind(connection);
                if (peer == m_sockets.constEnd()) {
                    poll->deleteLater();
                    return;
                }
                const bool settled =
                    socket->bytesToWrite() == 0 && peer->lastFrame.elapsed() >= kCloseQuietMs;
                if (!settled && sinceClose.elapsed() < kCloseDeadlineMs)
                    return;
                poll->stop();
                poll->deleteLater();
                socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), reason);
                // A peer that never answers the closing handshake is not waited for.
                QTimer::singleShot(5000, socket, [socket] { socket->abort(); });
            });
    poll->start(20);
}

QByteArray WebSocketTransport::peerCertificate(ConnectionId connection) const
{
    const auto it = m_sockets.constFind(connection);
    return it == m_sockets.constEnd() ? QByteArray()
                                      : it->socket->sslConfiguration().peerCertificate().toDer();
}

QHostAddress WebSocketTransport::peerAddress(ConnectionId connection) const
{
    const auto it = m_sockets.constFind(connection);
    return it == m_sockets.constEnd() ? QHostAddress() : it->socket->peerAddress();
}

} // namespace relais::hub
