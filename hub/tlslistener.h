#pragma once

#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>

#include <functional>

class QSslSocket;
class QWebSocketServer;

namespace relais::hub {

// One WSS port. It accepts TCP connections itself, so that each one is seen (and may be
// refused) from the accept on, before any TLS work, rather than after QSslServer has held it
// through a handshake; it does the TLS handshake with its own configuration (the kiosks' port
// asks for a client certificate, the browsers' never does) and hands the encrypted socket to
// the QWebSocketServer shared by every port for the WebSocket upgrade.
class TlsListener : public QTcpServer
{
    Q_OBJECT
public:
    // `admit` sees every new socket before anything is read from it; false closes it at once.
    using Admission = std::function<bool(QSslSocket *)>;

    TlsListener(const QSslConfiguration &tls, QWebSocketServer &upgrader, Admission admit,
                QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void resumeAfterResourceError(QAbstractSocket::SocketError error);

    QSslConfiguration m_tls;
    QWebSocketServer &m_upgrader;
    Admission m_admit;
    QTimer m_resume;
};

} // namespace relais::hub
