#include "tlslistener.h"

#include "hublog.h"

#include <QSslSocket>
#include <QWebSocketServer>

namespace relais::hub {

TlsListener::TlsListener(const QSslConfiguration &tls, QWebSocketServer &upgrader, Admission admit,
                         QObject *parent)
    : QTcpServer(parent), m_tls(tls), m_upgrader(upgrader), m_admit(std::move(admit))
{
    // Qt's default of 50 leaves a flood's connections in the kernel's queue, unseen and
    // uncounted, while a kiosk's waits behind them: the hub takes them and decides.
    setListenBacklogSize(1024);
    m_resume.setSingleShot(true);
    m_resume.setInterval(1000);
    connect(&m_resume, &QTimer::timeout, this, &QTcpServer::resumeAccepting);
    connect(this, &QTcpServer::acceptError, this, &TlsListener::resumeAfterResourceError);
}

void TlsListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (!m_admit(socket)) {
        socket->abort();
        delete socket;
        return;
    }
    // Signalling is small messages in quick succession (the `call`, then the offer, then its
    // candidates): under Nagle's algorithm each one waited for the acknowledgement of the one
    // before, which the far end delays by up to 40 ms.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSslConfiguration(m_tls);
    // Until the handoff this listener owns the socket; then QWebSocketServer does, and the
    // QWebSocket it makes.
    connect(socket, &QAbstractSocket::disconnected, this, [socket] { socket->deleteLater(); });
    connect(socket, &QAbstractSocket::errorOccurred, this, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    connect(socket, &QSslSocket::encrypted, this, [this, socket] {
        disconnect(socket, nullptr, this, nullptr);
        m_upgrader.handleConnection(socket);
    });
    // The TLS handshake starts with the client's first bytes: a socket that never sends any
    // costs no TLS session, only its place in the guard until the hello deadline.
    connect(
        socket, &QIODevice::readyRead, this,
        [socket] {
            if (socket->mode() == QSslSocket::UnencryptedMode)
                socket->startServerEncryption();
        },
        Qt::SingleShotConnection);
}

void TlsListener::resumeAfterResourceError(QAbstractSocket::SocketError error)
{
    // Out of descriptors, QTcpServer stops accepting for good. Connections close (the hello
    // deadline sees to anonymous ones), so accepting resumes a little later.
    qCWarning(lcHubServer) << "could not accept a connection:" << error
                           << "- accepting again in 1 s";
    if (!isListening())
        return;
    m_resume.start();
}

} // namespace relais::hub
