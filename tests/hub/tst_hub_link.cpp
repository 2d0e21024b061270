// SPDX-License-Identifier: EUPL-1.2
// The hub's WebSocket link against hostile clients, with the real relais-hub over TLS on
// loopback: a connection that says no hello is closed after the deadline (whether it stopped
// before TLS, before the upgrade or after it) while one that said hello stays; a flood of idle
// connections from one address is capped at accept while a kiosk from another address says
// hello and is served, the slots come back when the flood leaves, and authenticated clients
// keep working when every anonymous slot is taken; an unmasked frame (RFC 6455 5.1) or data
// sent before the upgrade's answer close the connection without being processed.
#include "hubprocess.h"
#include "websocketframe.h"

#include <QRandomGenerator>
#include <QSslSocket>
#include <QTcpSocket>
#include <QtEndian>
#include <QTest>

using namespace relais::hub::test;

namespace {

const QString kSite = QStringLiteral("19-allday");

QByteArray helloFrameText(const QString &kiosk)
{
    return QJsonDocument(QJsonObject{{"type", "hello"},
                                     {"protocol", 1},
                                     {"role", "kiosk"},
                                     {"site", kSite},
                                     {"kiosk", kiosk},
                                     {"token", kioskToken(kSite, kiosk)}})
        .toJson(QJsonDocument::Compact);
}

// A WebSocket client written by hand over QSslSocket, to send what QWebSocket never would.
class RawClient
{
public:
    explicit RawClient(const QSslCertificate &trusted)
    {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({trusted});
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        m_socket.setSslConfiguration(tls);
        QObject::connect(&m_socket, &QIODevice::readyRead, [this] { m_in += m_socket.readAll(); });
    }

    bool connectTls(quint16 port)
    {
        m_socket.connectToHostEncrypted(QStringLiteral("localhost"), port);
        return m_socket.waitForEncrypted(20000);
    }
    static QByteArray upgradeRequest(quint16 port)
    {
        return QStringLiteral(
                   "GET /v1 HTTP/1.1\r\nHost: localhost:%1\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n")
            .arg(port)
            .toLatin1();
    }
    // The request, then the hub's 101 answer.
    bool upgrade(quint16 port)
    {
        m_socket.write(upgradeRequest(port));
        if (!QTest::qWaitFor([&] { return m_in.contains("\r\n\r\n") || disconnected(); }, 20000))
            return false;
        if (!m_in.startsWith("HTTP/1.1 101"))
            return false;
        m_in.remove(0, m_in.indexOf("\r\n\r\n") + 4);
        return true;
    }
    void write(const QByteArray &bytes) { m_socket.write(bytes); }
    bool disconnected() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }
    bool waitDisconnected(int timeoutMs = 20000)
    {
        return QTest::qWaitFor([&] { return disconnected(); }, timeoutMs);
    }

    // The frames the hub sent after the upgrade, as (opcode, payload); servers never mask.
    QList<std::pair<int, QByteArray>> frames() const
    {
        QList<std::pair<int, QByteArray>> result;
        qsizetype at = 0;
        while (m_in.size() - at >= 2) {
            const int opcode = m_in[at] & 0x0f;
            qsizetype length = m_in[at + 1] & 0x7f;
            qsizetype header = 2;
            if (length == 126) {
                if (m_in.size() - at < 4)
                    break;
                length = qFromBigEndian<quint16>(m_in.constData() + at + 2);
                header = 4;
            }
            if (m_in.size() - at < header + length)
                break;
            result.append({opcode, m_in.mid(at + header, length)});
            at += header + length;
        }
        return result;
    }
    bool receivedText(const char *needle) const
    {
        for (const auto &[opcode, payload] : frames())
            if (opcode == 1 && payload.contains(needle))
                return true;
        return false;
    }
    // The close frame's status code, 0 if none came.
    int closeCode() const
    {
        for (const auto &[opcode, payload] : frames())
            if (opcode == 8 && payload.size() >= 2)
                return qFromBigEndian<quint16>(payload.constData());
        return 0;
    }

private:
    QSslSocket m_socket;
    QByteArray m_in;
};

// An idle TCP connection from a chosen loopback address: what a flood holds.
std::unique_ptr<QTcpSocket> idleFrom(const QString &address, quint16 port)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->bind(QHostAddress(address));
    socket->connectToHost(QHostAddress::LocalHost, port);
    return socket;
}

// A kiosk's request is answered: queued, or closed when no adviser is there (none is, here).
bool requestAnswered(Client &kiosk)
{
    kiosk.send({{"type", "request"}, {"agency", "caf"}});
    return QTest::qWaitFor(
        [&] { return !kiosk.last("queued").isEmpty() || !kiosk.last("closed").isEmpty(); }, 20000);
}

int inState(const std::vector<std::unique_ptr<QTcpSocket>> &sockets,
            QAbstractSocket::SocketState state)
{
    int count = 0;
    for (const auto &socket : sockets)
        count += socket->state() == state ? 1 : 0;
    return count;
}

int stillOpen(const std::vector<std::unique_ptr<QTcpSocket>> &sockets)
{
    return inState(sockets, QAbstractSocket::ConnectedState);
}

int closed(const std::vector<std::unique_ptr<QTcpSocket>> &sockets)
{
    return inState(sockets, QAbstractSocket::UnconnectedState);
}

// Opens idle connections one at a time, round the given addresses, keeping those the hub keeps,
// until it holds `count` of them (false if it never does). Slots the hub is still giving back
// from earlier connections only make this take longer.
bool holdIdle(std::vector<std::unique_ptr<QTcpSocket>> &held, const QStringList &addresses,
              quint16 port, int count)
{
    int next = 0;
    return QTest::qWaitFor(
        [&] {
            std::erase_if(held, [](const auto &socket) {
                return socket->state() == QAbstractSocket::UnconnectedState;
            });
            if (stillOpen(held) >= count)
                return true;
            held.push_back(idleFrom(addresses.at(next++ % addresses.size()), port));
            QTest::qWait(50);
            return false;
        },
        20000);
}

} // namespace

class TestHubLink : public QObject
{
    Q_OBJECT

private:
    // Deadline 1.5 s; no caps to speak of.
    std::unique_ptr<HubProcess> m_quick;
    // Deadline far away; 6 anonymous connections per address, 20 in all with 8 kept for
    // authenticated clients (so 12 anonymous at most).
    std::unique_ptr<HubProcess> m_capped;

    static constexpr int kPerAddress = 6;
    static constexpr int kTotal = 20;
    static constexpr int kReserved = 8;

    std::unique_ptr<Client> kiosk(HubProcess &hub, int number)
    {
        auto c = std::make_unique<Client>(hub.certificate());
        c->open(hub.port());
        c->helloKiosk(kSite, QStringLiteral("borne-%1").arg(number));
        return c;
    }

private slots:
    void initTestCase()
    {
        ConfigOptions quick;
        quick.connections = QJsonObject{{"hello_timeout_s", 1.5}};
        m_quick = std::make_unique<HubProcess>(quick);
        QVERIFY(m_quick->start());

        ConfigOptions capped;
        capped.kiosksPerSite = 6;
        capped.connections = QJsonObject{{"hello_timeout_s", 120},
                                         {"per_address", kPerAddress},
                                         {"total", kTotal},
                                         {"reserved_for_authenticated", kReserved}};
        m_capped = std::make_unique<HubProcess>(capped);
        QVERIFY(m_capped->start());
    }

    void aConnectionWithoutHelloIsClosed()
    {
        auto silent = std::make_unique<Client>(m_quick->certificate());
        silent->open(m_quick->port());
        QVERIFY(silent->waitConnected());
        auto welcomed = kiosk(*m_quick, 1);
        QVERIFY(!welcomed->next("welcome").isEmpty());

        QVERIFY(silent->waitDisconnected());
        QCOMPARE(silent->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QCOMPARE(silent->closeReason(), QStringLiteral("hello_timeout"));
        // A connection that never starts TLS, or stops before the upgrade, is closed as well.
        auto tcpOnly = idleFrom(QStringLiteral("127.0.0.1"), m_quick->port());
        RawClient tlsOnly(m_quick->certificate());
        QVERIFY(tlsOnly.connectTls(m_quick->port()));
        QVERIFY(QTest::qWaitFor(
            [&] { return tcpOnly->state() == QAbstractSocket::UnconnectedState; }, 20000));
        QVERIFY(tlsOnly.waitDisconnected());

        // The kiosk that said hello outlived all of them, and is still served.
        QVERIFY(welcomed->isConnected());
        QVERIFY(requestAnswered(*welcomed));
    }

    void anUnmaskedFrameClosesTheConnectionUnread()
    {
        // The same hello, masked, is welcomed: the hand-made client speaks WebSocket.
        RawClient masked(m_quick->certificate());
        QVERIFY(masked.connectTls(m_quick->port()));
        QVERIFY(masked.upgrade(m_quick->port()));
        masked.write(
            relais::test::clientTextFrame(helloFrameText(QStringLiteral("borne-2")), true));
        QVERIFY(QTest::qWaitFor([&] { return masked.receivedText("\"welcome\""); }, 20000));

        RawClient unmasked(m_quick->certificate());
        QVERIFY(unmasked.connectTls(m_quick->port()));
        QVERIFY(unmasked.upgrade(m_quick->port()));
        unmasked.write(
            relais::test::clientTextFrame(helloFrameText(QStringLiteral("borne-3")), false));
        QVERIFY(unmasked.waitDisconnected());
        QCOMPARE(unmasked.closeCode(), int(QWebSocketProtocol::CloseCodeProtocolError));
        QVERIFY(!unmasked.receivedText("\"welcome\""));
        QVERIFY(!unmasked.receivedText("\"error\""));
    }

    void dataBeforeTheUpgradeIsAnsweredClosesTheConnection()
    {
        RawClient eager(m_quick->certificate());
        QVERIFY(eager.connectTls(m_quick->port()));
        eager.write(RawClient::upgradeRequest(m_quick->port()) +
                    relais::test::clientTextFrame(helloFrameText(QStringLiteral("borne-3")), true));
        QVERIFY(eager.waitDisconnected());
        QVERIFY(!eager.receivedText("\"welcome\""));
    }

    void aFloodFromOneAddressIsCappedWhileAKioskIsServed()
    {
        const quint16 port = m_capped->port();
        std::vector<std::unique_ptr<QTcpSocket>> flood;
        for (int i = 0; i < 4 * kPerAddress; ++i)
            flood.push_back(idleFrom(QStringLiteral("127.0.0.2"), port));
        // Everything over the cap is closed by the hub at once; the rest stays (its deadline is
        // two minutes away).
        const int over = static_cast<int>(flood.size()) - kPerAddress;
        QTRY_COMPARE_WITH_TIMEOUT(closed(flood), over, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(stillOpen(flood), kPerAddress, 20000);

        // A kiosk from another address is let in, says hello and is served.
        auto k = kiosk(*m_capped, 1);
        QVERIFY(!k->next("welcome").isEmpty());
        QVERIFY(requestAnswered(*k));

        // The flood leaves; its slots come back.
        flood.clear();
        std::vector<std::unique_ptr<QTcpSocket>> again;
        QVERIFY(holdIdle(again, {QStringLiteral("127.0.0.2")}, port, kPerAddress));
    }

    void everyAnonymousSlotTakenLeavesAuthenticatedClientsServed()
    {
        const quint16 port = m_capped->port();
        auto first = kiosk(*m_capped, 2);
        auto second = kiosk(*m_capped, 3);
        QVERIFY(!first->next("welcome").isEmpty());
        QVERIFY(!second->next("welcome").isEmpty());

        // Anonymous connections from many addresses until the hub holds all it allows; more are
        // refused whatever their address.
        std::vector<std::unique_ptr<QTcpSocket>> flood;
        QStringList addresses;
        for (int a = 3; a < 3 + 2 * kTotal / kPerAddress; ++a)
            addresses << QStringLiteral("127.0.0.%1").arg(a);
        QVERIFY(holdIdle(flood, addresses, port, kTotal - kReserved));
        std::vector<std::unique_ptr<QTcpSocket>> refused;
        for (const QString &address : addresses)
            refused.push_back(idleFrom(address, port));
        QTRY_COMPARE_WITH_TIMEOUT(closed(refused), int(refused.size()), 20000);
        QCOMPARE(stillOpen(flood), kTotal - kReserved);

        // The kiosks already in are not among them, and both can still ask for a counter.
        QVERIFY(first->isConnected());
        QVERIFY(second->isConnected());
        QVERIFY(requestAnswered(*first));
        QVERIFY(requestAnswered(*second));
    }

    void cleanupTestCase()
    {
        m_quick->stop();
        m_capped->stop();
    }
};

QTEST_GUILESS_MAIN(TestHubLink)
#include "tst_hub_link.moc"
