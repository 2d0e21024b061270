// SPDX-License-Identifier: EUPL-1.2
#pragma once

// TURN over real TLS for libnice. libnice 0.1.21, in the ICE mode webrtcbin uses, sends plain
// TURN over TCP to a `turns:` server, which a network that lets only TLS out on 443 refuses.
// For each `turns:` server of a call the tunnel listens on 127.0.0.1 (an ephemeral port, given
// to webrtcbin as a plain `turn:` server, see withTurnsTunnelled() in callconfig.h); each
// connection libnice opens there is carried to the real server inside TLS (1.2 or later, the
// server's name sent and its certificate checked against the system's authorities and the
// site's own), bytes both ways, each side closed when the other closes. A refused connection,
// a failed handshake or a certificate that does not check out is logged and closes libnice's
// connection: to libnice the TURN server is then unreachable, as any other.
//
// It runs on the thread it was made on, which needs an event loop (the call session's: the
// kiosk's and relais-peer's main thread); libnice only reaches it through the loopback.

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QString>

#include <map>
#include <utility>

class QTcpServer;

namespace relais::media {

class TurnTlsTunnel : public QObject
{
    Q_OBJECT
public:
    explicit TurnTlsTunnel(const QList<QSslCertificate> &caCertificates, QObject *parent = nullptr);
    ~TurnTlsTunnel() override;

    // The local port that leads to host:port in TLS, listening from the first call on (the
    // same port for the same server afterwards); 0 if nothing could listen.
    quint16 listen(const QString &host, quint16 port);
    // Stops listening and closes every connection, at once.
    void close();

    // Connections being carried or set up (tests).
    int connections() const;

signals:
    // A connection to a server could not be made safe: refused, unreachable, or its
    // certificate or handshake failed. Also logged (category relais.media.turntls).
    void connectionFailed(const QString &server, const QString &reason);

private:
    void accept(QTcpServer *server, const QString &host, quint16 port);

    QList<QSslCertificate> m_caCertificates;
    std::map<std::pair<QString, quint16>, QTcpServer *> m_servers;
};

} // namespace relais::media
