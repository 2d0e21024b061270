// SPDX-License-Identifier: EUPL-1.2
#include "turntlstunnel.h"

#include <QLoggingCategory>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>

Q_LOGGING_CATEGORY(lcTurnTls, "relais.media.turntls")

namespace relais::media {

namespace {

// What each side may hold that the other has not taken yet. Beyond it the tunnel stops
// reading, so that a slow TLS path pushes back on libnice through TCP (its own queue then
// fills and it drops what it cannot send) instead of piling up seconds of media here.
constexpr qint64 kWindow = 64 * 1024;

QString serverName(const QString &host, quint16 port)
{
    return (host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host) +
           QLatin1Char(':') + QString::number(port);
}

// One connection from libnice, carried to the TURN server in TLS. Deletes itself once both
// sides are closed.
class Pipe : public QObject
{
public:
    Pipe(QTcpSocket *local, const QString &host, quint16 port, const QSslConfiguration &tls,
         const QList<QSslCertificate> &listed, TurnTlsTunnel *tunnel)
        : QObject(tunnel), m_local(local), m_remote(new QSslSocket(this)), m_tunnel(tunnel),
          m_server(serverName(host, port)), m_listed(listed)
    {
        m_local->setParent(this);
        m_local->setReadBufferSize(kWindow);
        m_remote->setReadBufferSize(kWindow);
        m_remote->setSslConfiguration(tls);
        for (QAbstractSocket *s :
             {static_cast<QAbstractSocket *>(m_local), static_cast<QAbstractSocket *>(m_remote)}) {
            connect(s, &QAbstractSocket::readyRead, this, &Pipe::pump);
            connect(s, &QAbstractSocket::bytesWritten, this, &Pipe::pump);
            connect(s, &QAbstractSocket::disconnected, this, &Pipe::pump);
        }
        connect(m_remote, &QSslSocket::encryptedBytesWritten, this, &Pipe::pump);
        connect(m_remote, &QSslSocket::encrypted, this, [this] {
            m_up = true;
            qCInfo(lcTurnTls).noquote()
                << "TLS to" << m_server
                << "up:" << (m_remote->sessionProtocol() == QSsl::TlsV1_3 ? "TLS 1.3" : "TLS 1.2")
                << m_remote->sessionCipher().name();
            pump();
        });
        connect(m_remote, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            if (listedSelfSigned(errors)) {
                m_remote->ignoreSslErrors(errors);
                return;
            }
            QStringList reasons;
            for (const QSslError &e : errors)
                reasons << e.errorString();
            m_reason = reasons.join(QStringLiteral("; "));
        });
        connect(m_remote, &QAbstractSocket::errorOccurred, this, &Pipe::remoteError);
        connect(m_local, &QAbstractSocket::errorOccurred, this, &Pipe::pump);
        // The host name is both the server name sent in the handshake and the name the
        // certificate must carry.
        m_remote->connectToHostEncrypted(host, port);
    }

private:
    // OpenSSL looks at only the first trusted certificate with a given subject: of two
    // self-signed certificates with the same name in a site's CA file (the hub's and coturn's,
    // both made by `relais-hub make-demo-cert`, say), the second is refused as untrusted. The
    // one the server shows, listed as such in the file, is trusted: only that error, for
    // exactly that certificate (a wrong host name is still refused).
    bool listedSelfSigned(const QList<QSslError> &errors) const
    {
        return !errors.isEmpty() &&
               std::all_of(errors.begin(), errors.end(), [this](const QSslError &e) {
                   return e.error() == QSslError::SelfSignedCertificate &&
                          m_listed.contains(e.certificate());
               });
    }

    void remoteError()
    {
        if (m_up || m_failed) {
            pump(); // the server closed or the path broke mid-call: close libnice's side
            return;
        }
        // Never up: the call goes on with its other servers, but an operator must be able
        // to tell a firewall from a certificate.
        m_failed = true;
        const QString reason = m_reason.isEmpty()
                                   ? m_remote->errorString()
                                   : QStringLiteral("certificate refused: ") + m_reason;
        qCWarning(lcTurnTls).noquote()
            << "no TLS connection to the TURN server" << m_server + QLatin1Char(':') << reason;
        emit m_tunnel->connectionFailed(m_server, reason);
        m_remote->abort();
        m_local->abort();
        deleteLater();
    }

    static bool closed(const QAbstractSocket *s)
    {
        return s->state() == QAbstractSocket::UnconnectedState;
    }

    static qint64 pending(const QAbstractSocket *s)
    {
        qint64 n = s->bytesToWrite();
        if (const auto *tls = qobject_cast<const QSslSocket *>(s))
            n += tls->encryptedBytesToWrite();
        return n;
    }

    static void carry(QAbstractSocket *from, QAbstractSocket *to)
    {
        while (from->bytesAvailable() > 0 && pending(to) < kWindow) {
            const QByteArray chunk = from->read(kWindow - pending(to));
            if (chunk.isEmpty() || to->write(chunk) != chunk.size())
                break;
        }
    }

    void pump()
    {
        if (m_failed || m_done)
            return;
        const bool up = m_up;
        if (up && !closed(m_remote))
            carry(m_local, m_remote);
        if (up && !closed(m_local))
            carry(m_remote, m_local);
        // libnice gave up before the server answered: nothing to tell it.
        if (closed(m_local) && !up) {
            qCDebug(lcTurnTls).noquote() << "libnice closed before TLS to" << m_server << "was up";
            finish();
            return;
        }
        // Each side closes once the other has closed and all it sent was passed on.
        if (closed(m_local) && m_local->bytesAvailable() == 0 && !closed(m_remote))
            m_remote->disconnectFromHost();
        if (up && closed(m_remote) && m_remote->bytesAvailable() == 0 && !closed(m_local))
            m_local->disconnectFromHost();
        if (closed(m_local) && closed(m_remote))
            finish();
    }

    void finish()
    {
        m_done = true;
        m_remote->abort();
        m_local->abort();
        deleteLater();
    }

    QTcpSocket *m_local;
    QSslSocket *m_remote;
    TurnTlsTunnel *m_tunnel;
    QString m_server;
    QList<QSslCertificate> m_listed; // the site's own, not the system's
    QString m_reason;                // the certificate errors, once known
    // Handshake over (isEncrypted() turns false again once the socket is closed).
    bool m_up = false;
    bool m_failed = false;
    bool m_done = false;
};

} // namespace

TurnTlsTunnel::TurnTlsTunnel(const QList<QSslCertificate> &caCertificates, QObject *parent)
    : QObject(parent), m_caCertificates(caCertificates)
{}

TurnTlsTunnel::~TurnTlsTunnel()
{
    close();
}

quint16 TurnTlsTunnel::listen(const QString &host, quint16 port)
{
    const auto key = std::make_pair(host, port);
    if (const auto it = m_servers.find(key); it != m_servers.end())
        return it->second->serverPort();
    auto *server = new QTcpServer(this);
    if (!server->listen(QHostAddress::LocalHost, 0)) {
        qCWarning(lcTurnTls).noquote() << "cannot listen on 127.0.0.1 for the TURN server"
                                       << serverName(host, port) << ":" << server->errorString();
        delete server;
        return 0;
    }
    connect(server, &QTcpServer::newConnection, this,
            [this, server, host, port] { accept(server, host, port); });
    m_servers.emplace(key, server);
    qCInfo(lcTurnTls).noquote() << "127.0.0.1:" + QString::number(server->serverPort())
                                << "leads to" << serverName(host, port) << "in TLS";
    return server->serverPort();
}

void TurnTlsTunnel::accept(QTcpServer *server, const QString &host, quint16 port)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    // Setting a list replaces the system's authorities, which Qt otherwise loads on demand:
    // name them too.
    if (!m_caCertificates.isEmpty())
        tls.setCaCertificates(QSslConfiguration::systemCaCertificates() + m_caCertificates);
    while (QTcpSocket *local = server->nextPendingConnection())
        new Pipe(local, host, port, tls, m_caCertificates, this);
}

void TurnTlsTunnel::close()
{
    for (auto &[key, server] : m_servers)
        delete server;
    m_servers.clear();
    // Pipes delete themselves later; here they go at once, sockets aborted.
    const QList<QObject *> pipes = children();
    for (QObject *pipe : pipes)
        delete pipe;
}

int TurnTlsTunnel::connections() const
{
    return int(children().size() - m_servers.size());
}

} // namespace relais::media
