// SPDX-License-Identifier: EUPL-1.2
#pragma once

// A private coturn on 127.0.0.1 for one test: generated configuration with the hub's
// use-auth-secret scheme, its own log file, and a free port. Loopback peers must be allowed
// explicitly (coturn 4.6 refuses to relay to 127.0.0.0/8 by default).

#include "callconfig.h"
#include "democert.h"

#include <QDateTime>
#include <QFile>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <csignal>
#include <sys/prctl.h>

namespace relais::media::test {

class TurnServer
{
public:
    // With tls, coturn also listens for TURN over TLS (the `turns:` URL kiosks behind
    // firewalls that only let HTTPS out use on port 443; here a free port), with a
    // certificate made for the test.
    enum class Tls { Off, On };

    explicit TurnServer(Tls tls = Tls::Off)
    {
        m_port = freePort();
        writeConfig(tls == Tls::On ? freePort() : 0);
    }
    // For peers in a network namespace: coturn listens on the host's end of their link
    // (`address`, which is the test's own, so that tests running together can each have port
    // 443) for TURN over UDP on port() and for TURN over TCP and over TLS both on `streamPort`
    // (coturn tells TLS from plain TCP by the first bytes), as on a site's 443.
    TurnServer(const QString &address, quint16 streamPort) : m_address(address)
    {
        m_port = freePort();
        writeConfig(streamPort);
    }
    ~TurnServer() { stop(); }

private:
    void writeConfig(quint16 tlsPort)
    {
        QString tlsLines = QStringLiteral("no-tls\n");
        if (tlsPort) {
            m_tlsPort = tlsPort;
            // Named for the address the test's peers reach it at.
            const provisioning::DemoCertificate cert = provisioning::makeDemoCertificate(
                m_dir.path(),
                m_address == QLatin1String("127.0.0.1") ? QStringList() : QStringList{m_address});
            m_certificatePath = cert.certPath;
            tlsLines = QStringLiteral("tls-listening-port=%1\ncert=%2\npkey=%3\n")
                           .arg(m_tlsPort)
                           .arg(cert.certPath, cert.keyPath);
        }
        m_config = m_dir.filePath(QStringLiteral("turnserver.conf"));
        QFile conf(m_config);
        if (conf.open(QIODevice::WriteOnly)) {
            conf.write(QStringLiteral("listening-ip=%8\n"
                                      "relay-ip=%8\n"
                                      "listening-port=%1\n"
                                      "min-port=%2\nmax-port=%3\n"
                                      "use-auth-secret\nstatic-auth-secret=%4\n"
                                      "realm=relais.test\n"
                                      "%7no-dtls\nno-tcp-relay\nno-cli\n"
                                      "allow-loopback-peers\nfingerprint\nverbose\n"
                                      "log-file=%5\nsimple-log\npidfile=%6\n")
                           .arg(m_port)
                           .arg(40000 + m_port % 20000)
                           .arg(40000 + m_port % 20000 + 200)
                           .arg(kSecret, m_dir.filePath(QStringLiteral("turn.log")),
                                m_dir.filePath(QStringLiteral("turn.pid")), tlsLines, m_address)
                           .toUtf8());
        }
    }

public:
    bool start()
    {
        m_process.setProgram(QStringLiteral("turnserver"));
        m_process.setArguments({QStringLiteral("-c"), m_config});
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        // coturn dies with the test even when ctest kills it on a timeout.
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_process.start();
        if (!m_process.waitForStarted(5000))
            return false;
        // Ready once its UDP listener is up: a STUN binding request gets an answer (within
        // 15 s: coturn starts slowly on a loaded machine).
        for (int i = 0; i < 150; ++i) {
            if (answersStun())
                return true;
            QTest::qWait(100);
        }
        return false;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill(); // the path disappears at once, as when a relay host dies
        m_process.waitForFinished(5000);
    }

    quint16 port() const { return m_port; }
    QString address() const { return m_address; }
    quint16 tlsPort() const { return m_tlsPort; }
    // The self-signed certificate of its TLS listener (PEM), for the peers to trust.
    QString certificatePath() const { return m_certificatePath; }
    QList<QSslCertificate> certificates() const
    {
        return QSslCertificate::fromPath(m_certificatePath);
    }
    // The coturn shared secret, for a hub that hands out credentials for this server.
    static QString secret() { return kSecret; }

    // What the hub would put in its `call` message, with the same HMAC-SHA1 scheme.
    QList<IceServer> iceServers(const QString &call = QStringLiteral("test-call")) const
    {
        return credentialsFor(
            {QStringLiteral("turn:%1:%2?transport=udp").arg(m_address).arg(m_port)}, call);
    }
    // Only the TLS listener, as a kiosk whose network lets nothing but TLS out would use it.
    QList<IceServer> tlsIceServers(const QString &call = QStringLiteral("test-call")) const
    {
        return credentialsFor(
            {QStringLiteral("turns:%1:%2?transport=tcp").arg(m_address).arg(m_tlsPort)}, call);
    }

private:
    static quint16 freePort()
    {
        QUdpSocket probe;
        probe.bind(QHostAddress::LocalHost, 0);
        return probe.localPort();
    }

    static QList<IceServer> credentialsFor(const QStringList &urls, const QString &call)
    {
        IceServer s;
        s.urls = urls;
        s.username =
            QStringLiteral("%1:%2").arg(QDateTime::currentSecsSinceEpoch() + 3600).arg(call);
        s.credential =
            QString::fromLatin1(QMessageAuthenticationCode::hash(
                                    s.username.toUtf8(), kSecret.toUtf8(), QCryptographicHash::Sha1)
                                    .toBase64());
        return {s};
    }

public:
    QString logPath() const { return m_dir.filePath(QStringLiteral("turn.log")); }
    QString log() const
    {
        QFile f(m_dir.filePath(QStringLiteral("turn.log")));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

private:
    bool answersStun()
    {
        QUdpSocket s;
        // STUN binding request: type 0x0001, length 0, magic cookie, 12-byte transaction id.
        QByteArray req = QByteArray::fromHex("000100002112a442") + QByteArray(12, '\x07');
        s.writeDatagram(req, QHostAddress(m_address), m_port);
        return s.waitForReadyRead(100) && s.hasPendingDatagrams();
    }

    inline static const QString kSecret = QStringLiteral("relais-test-secret");
    QTemporaryDir m_dir;
    QString m_config;
    QString m_certificatePath;
    QString m_address = QStringLiteral("127.0.0.1");
    quint16 m_port = 0;
    quint16 m_tlsPort = 0;
    QProcess m_process;
};

} // namespace relais::media::test
