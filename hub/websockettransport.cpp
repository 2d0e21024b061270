#include "websockettransport.h"

#include "hublog.h"

#include <QAbstractSocket>
#include <QSslServer>
#include <QSslSocket>
#include <QWebSocket>

namespace relais::hub {

WebSocketTransport::WebSocketTransport(QObject *parent)
    : Transport(parent),
      m_server(QStringLiteral("relais-hub/" RELAIS_VERSION), QWebSocketServer::SecureMode)
{
    // A morning's burst of kiosks must not be turned away while their handshakes complete.
    m_server.setMaxPendingConnections(1024);
    connect(&m_server, &QWebSocketServer::newConnection, this, &WebSocketTransport::accept);
    connect(&m_server, &QWebSocketServer::acceptError, this, [](QAbstractSocket::SocketError e) {
        qCWarning(lcHubServer) << "could not accept a connection:" << e;
    });
    connect(&m_server, &QWebSocketServer::serverError, this,
            [](QWebSocketProtocol::CloseCode code) {
                qCInfo(lcHubServer) << "a WebSocket handshake failed:" << code;
            });
    connect(&m_server, &QWebSocketServer::sslErrors, this, [](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            qCInfo(lcHubServer) << "TLS error with a client:" << error.errorString();
    });
    // Signalling is small messages in quick succession (the `call`, then the offer, then its
    // candidates): under Nagle's algorithm each one waited for the acknowledgement of the one
    // before, which the far end delays by up to 40 ms. The server's sockets are QSslServer's,
    // seen only as their handshake starts.
    if (auto *tls = m_server.findChild<QSslServer *>()) {
        connect(tls, &QSslServer::startedEncryptionHandshake, this, [](QSslSocket *socket) {
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        });
    } else {
        qCWarning(lcHubServer) << "no TLS server to set low-delay sockets on";
    }
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
}

bool WebSocketTransport::listen(const QHostAddress &address, quint16 port,
                                const QSslConfiguration &tls, QString *error)
{
    m_server.setSslConfiguration(tls);
    if (!m_server.listen(address, port)) {
        if (error)
            *error = m_server.errorString();
        return false;
    }
    return true;
}

void WebSocketTransport::setPingInterval(int milliseconds)
{
    m_pingTimer.start(milliseconds);
}

void WebSocketTransport::accept()
{
    while (m_server.hasPendingConnections()) {
        QWebSocket *socket = m_server.nextPendingConnection();
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
        m_sockets.insert(id, peer);
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
    }
}

void WebSocketTransport::dropped(ConnectionId connection)
{
    const auto it = m_sockets.find(connection);
    if (it == m_sockets.end())
        return;
    it->socket->deleteLater();
    m_sockets.erase(it);
    emit connectionClosed(connection);
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
