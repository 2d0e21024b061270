// SPDX-License-Identifier: EUPL-1.2
// The TLS tunnel that carries libnice's TURN over TCP to a `turns:` server (TurnTlsTunnel):
// here the server is a TLS echo (QSslServer with a self-signed certificate, as coturn's in the
// tests) and libnice a plain TCP socket on the tunnel's loopback port. The call through a real
// coturn is tst_relaycall's relayOverTls and tests/line/tst_udpblocked.

#include "democert.h"
#include "turntlstunnel.h"

#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace relais;
using namespace relais::media;

namespace {

// Echoes what it receives, in TLS; "bye" makes it close the connection.
class TlsEcho : public QObject
{
public:
    explicit TlsEcho(const provisioning::DemoCertificate &cert)
    {
        QFile key(cert.keyPath);
        key.open(QIODevice::ReadOnly);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate::fromPath(cert.certPath).value(0));
        tls.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server.setSslConfiguration(tls);
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                protocol = static_cast<QSslSocket *>(s)->sessionProtocol();
                ++accepted;
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    const QByteArray data = s->readAll();
                    received += data.size();
                    if (data.endsWith("bye"))
                        s->disconnectFromHost();
                    else
                        s->write(data);
                });
                connect(s, &QTcpSocket::disconnected, this, [this] { ++closed; });
            }
        });
        connect(&m_server, &QSslServer::errorOccurred, this,
                [this](QSslSocket *, QAbstractSocket::SocketError) { ++handshakesFailed; });
        // Every address, so that the tunnel can reach it by a name its certificate lacks.
        m_server.listen(QHostAddress::AnyIPv4, 0);
    }
    quint16 port() const { return m_server.serverPort(); }

    int accepted = 0;
    int closed = 0;
    int handshakesFailed = 0;
    qint64 received = 0;
    QSsl::SslProtocol protocol = QSsl::UnknownProtocol;

private:
    QSslServer m_server;
};

} // namespace

class TestTurnTlsTunnel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cert = provisioning::makeDemoCertificate(m_dir.path());
        m_trusted = QSslCertificate::fromPath(m_cert.certPath);
        QCOMPARE(m_trusted.size(), 1);
    }

    void carriesBothWays_data();
    void carriesBothWays();
    void samePortForTheSameServer();
    void trustsOneCertificateOfSeveral();
    void serverCloses();
    void libniceCloses();
    void refusesAnUntrustedCertificate();
    void refusesACertificateForAnotherName();
    void garbageToAServerThatIsNotTls();
    void unreachableServer();
    void closeDropsEverything();

private:
    // libnice's side: a plain TCP connection to the tunnel's port.
    static std::unique_ptr<QTcpSocket> connectLocal(quint16 port)
    {
        auto s = std::make_unique<QTcpSocket>();
        s->connectToHost(QHostAddress::LocalHost, port);
        return s;
    }

    QTemporaryDir m_dir;
    provisioning::DemoCertificate m_cert;
    QList<QSslCertificate> m_trusted;
};

void TestTurnTlsTunnel::carriesBothWays_data()
{
    QTest::addColumn<QString>("host");
    QTest::newRow("address") << QStringLiteral("127.0.0.1");
    QTest::newRow("name") << QStringLiteral("localhost"); // sent as the server name
}

void TestTurnTlsTunnel::carriesBothWays()
{
    QFETCH(QString, host);
    TlsEcho echo(m_cert);
    TurnTlsTunnel tunnel(m_trusted);
    QSignalSpy failed(&tunnel, &TurnTlsTunnel::connectionFailed);
    const quint16 port = tunnel.listen(host, echo.port());
    QVERIFY(port != 0);
    QVERIFY(port != echo.port());

    auto local = connectLocal(port);
    // Written at once, before the handshake is over (libnice sends its Allocate at once), and
    // more than the tunnel's window of 64 KiB, so that its flow control is crossed.
    QByteArray sent;
    for (int i = 0; i < 300000; ++i)
        sent.append(char('a' + i % 26));
    QVERIFY(local->waitForConnected(5000));
    local->write(sent);
    QByteArray back;
    QTRY_VERIFY_WITH_TIMEOUT((back += local->readAll()).size() >= sent.size(), 10000);
    QCOMPARE(back, sent);
    QCOMPARE(echo.accepted, 1);
    QVERIFY(echo.protocol == QSsl::TlsV1_2 || echo.protocol == QSsl::TlsV1_3);
    QCOMPARE(echo.received, sent.size());
    QCOMPARE(tunnel.connections(), 1);
    QCOMPARE(failed.size(), 0);
}

void TestTurnTlsTunnel::samePortForTheSameServer()
{
    TlsEcho echo(m_cert);
    TurnTlsTunnel tunnel(m_trusted);
    const quint16 port = tunnel.listen(QStringLiteral("127.0.0.1"), echo.port());
    // A rebuilt call asks again: the same listener.
    QCOMPARE(tunnel.listen(QStringLiteral("127.0.0.1"), echo.port()), port);
    QVERIFY(tunnel.listen(QStringLiteral("localhost"), echo.port()) != port);

    // Two connections at once, each its own TLS connection.
    auto first = connectLocal(port);
    auto second = connectLocal(port);
    first->write("one");
    second->write("two");
    QTRY_COMPARE_WITH_TIMEOUT(first->bytesAvailable(), 3, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(second->bytesAvailable(), 3, 5000);
    QCOMPARE(first->readAll(), QByteArray("one"));
    QCOMPARE(second->readAll(), QByteArray("two"));
    QCOMPARE(echo.accepted, 2);
}

void TestTurnTlsTunnel::trustsOneCertificateOfSeveral()
{
    // A site's CA file listing the hub's self-signed certificate and coturn's: both name
    // "localhost", the first one listed is not the server's.
    QTemporaryDir other;
    const provisioning::DemoCertificate hub = provisioning::makeDemoCertificate(other.path());
    TlsEcho echo(m_cert);
    TurnTlsTunnel tunnel(QSslCertificate::fromPath(hub.certPath) + m_trusted);
    QSignalSpy failed(&tunnel, &TurnTlsTunnel::connectionFailed);
    auto local = connectLocal(tunnel.listen(QStringLiteral("127.0.0.1"), echo.port()));
    local->write("hello");
    QTRY_COMPARE_WITH_TIMEOUT(local->bytesAvailable() + failed.size(), 5, 5000);
    QCOMPARE(local->readAll(), QByteArray("hello"));
    // Listed, but reached by a name it does not carry: still refused.
    auto misnamed = connectLocal(tunnel.listen(QStringLiteral("127.0.0.2"), echo.port()));
    misnamed->write("secret");
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
    QVERIFY2(failed.at(0).at(1).toString().contains(QLatin1String("host name")),
             qPrintable(failed.at(0).at(1).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(misnamed->state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(echo.received, 5);
}

void TestTurnTlsTunnel::serverCloses()
{
    TlsEcho echo(m_cert);
    TurnTlsTunnel tunnel(m_trusted);
    auto local = connectLocal(tunnel.listen(QStringLiteral("127.0.0.1"), echo.port()));
    local->write("hello");
    QTRY_COMPARE_WITH_TIMEOUT(local->bytesAvailable(), 5, 5000);
    QCOMPARE(local->readAll(), QByteArray("hello"));
    local->write("bye");
    // libnice's connection is closed in turn, and nothing is left of it in the tunnel.
    QTRY_COMPARE_WITH_TIMEOUT(local->state(), QAbstractSocket::UnconnectedState, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(tunnel.connections(), 0, 5000);
}

void TestTurnTlsTunnel::libniceCloses()
{
    TlsEcho echo(m_cert);
    TurnTlsTunnel tunnel(m_trusted);
    auto local = connectLocal(tunnel.listen(QStringLiteral("127.0.0.1"), echo.port()));
    local->write("hello");
    QTRY_COMPARE_WITH_TIMEOUT(local->bytesAvailable(), 5, 5000);
    QCOMPARE(echo.closed, 0);
    local->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(echo.closed, 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(tunnel.connections(), 0, 5000);
}

void TestTurnTlsTunnel::refusesAnUntrustedCertificate()
{
    TlsEcho echo(m_cert);
    TurnTlsTunnel tunnel({}); // the system's authorities only
    QSignalSpy failed(&tunnel, &TurnTlsTunnel::connectionFailed);
    auto local = connectLocal(tunnel.listen(QStringLiteral("127.0.0.1"), echo.port()));
    local->write("secret");
    QTRY_COMPARE_WITH_TIMEOUT(local->state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(local->bytesAvailable(), 0);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("127.0.0.1:%1").arg(echo.port()));
    QVERIFY2(failed.at(0).at(1).toString().contains(QLatin1String("self-signed")),
             qPrintable(failed.at(0).at(1).toString()));
    // Nothing reached the server in clear or otherwise.
    QCOMPARE(echo.accepted, 0);
    QCOMPARE(echo.received, 0);
    QTRY_COMPARE_WITH_TIMEOUT(tunnel.connections(), 0, 5000);
}

void TestTurnTlsTunnel::refusesACertificateForAnotherName()
{
    // Trusted, but it names 127.0.0.1, not 127.0.0.2.
    TlsEcho echo(m_cert);
    TurnTlsTunnel tunnel(m_trusted);
    QSignalSpy failed(&tunnel, &TurnTlsTunnel::connectionFailed);
    auto local = connectLocal(tunnel.listen(QStringLiteral("127.0.0.2"), echo.port()));
    local->write("secret");
    QTRY_COMPARE_WITH_TIMEOUT(local->state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(failed.size(), 1);
    QVERIFY2(failed.at(0).at(1).toString().contains(QLatin1String("host name")),
             qPrintable(failed.at(0).at(1).toString()));
    QCOMPARE(echo.received, 0);
}

void TestTurnTlsTunnel::garbageToAServerThatIsNotTls()
{
    // A plain TCP server that answers the handshake with junk; libnice's side sends junk too.
    QTcpServer plain;
    QVERIFY(plain.listen(QHostAddress::LocalHost, 0));
    connect(&plain, &QTcpServer::newConnection, this, [&plain] {
        while (QTcpSocket *s = plain.nextPendingConnection())
            s->write(QByteArray(4096, '\xff'));
    });
    TurnTlsTunnel tunnel(m_trusted);
    QSignalSpy failed(&tunnel, &TurnTlsTunnel::connectionFailed);
    const quint16 port = tunnel.listen(QStringLiteral("127.0.0.1"), plain.serverPort());
    auto local = connectLocal(port);
    local->write(QByteArray(100000, '\0') + QByteArray(1000, '\x16'));
    QTRY_COMPARE_WITH_TIMEOUT(local->state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(failed.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(tunnel.connections(), 0, 5000);
    // The tunnel still serves the next connection.
    auto again = connectLocal(port);
    QVERIFY(again->waitForConnected(5000));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, 5000);
}

void TestTurnTlsTunnel::unreachableServer()
{
    quint16 nobody = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        nobody = probe.serverPort();
    }
    TurnTlsTunnel tunnel(m_trusted);
    QSignalSpy failed(&tunnel, &TurnTlsTunnel::connectionFailed);
    auto local = connectLocal(tunnel.listen(QStringLiteral("127.0.0.1"), nobody));
    QTRY_COMPARE_WITH_TIMEOUT(local->state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(failed.size(), 1);
    QVERIFY2(failed.at(0).at(1).toString().contains(QLatin1String("refused")),
             qPrintable(failed.at(0).at(1).toString()));
}

void TestTurnTlsTunnel::closeDropsEverything()
{
    TlsEcho echo(m_cert);
    TurnTlsTunnel tunnel(m_trusted);
    const quint16 port = tunnel.listen(QStringLiteral("127.0.0.1"), echo.port());
    auto local = connectLocal(port);
    local->write("hello");
    QTRY_COMPARE_WITH_TIMEOUT(local->bytesAvailable(), 5, 5000);
    // The call ends: the listener and the connection go at once.
    tunnel.close();
    QCOMPARE(tunnel.connections(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(local->state(), QAbstractSocket::UnconnectedState, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(echo.closed, 1, 5000);
    auto late = connectLocal(port);
    QVERIFY(!late->waitForConnected(2000));
}

QTEST_GUILESS_MAIN(TestTurnTlsTunnel)
#include "tst_turntlstunnel.moc"
