// SPDX-License-Identifier: EUPL-1.2
// The hub's ICE server URLs as webrtcbin takes them, and the `turns:` ones put through the
// kiosk's TLS tunnel (callconfig.h).

#include "callconfig.h"

#include <QTest>

using namespace relais::media;

class TestCallConfig : public QObject
{
    Q_OBJECT
private slots:
    void parsesUrls_data();
    void parsesUrls();
    void webrtcbinUris();
    void turnsGoesThroughTheTunnel();
    void aTunnelThatCannotListenLeavesTheUrlOut();
};

void TestCallConfig::parsesUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("hostPort");
    QTest::newRow("turns") << "TURNS:relay.example:443?transport=tcp" << true << "turns"
                           << "relay.example" << 443 << "transport=tcp"
                           << "relay.example:443";
    QTest::newRow("turns, no port") << "turns:relay.example?transport=tcp" << true << "turns"
                                    << "relay.example" << 0 << "transport=tcp"
                                    << "relay.example:443";
    QTest::newRow("turn, no port") << "turn:10.0.0.1" << true << "turn"
                                   << "10.0.0.1" << 0 << ""
                                   << "10.0.0.1:3478";
    QTest::newRow("slashes") << "stun://stun.example:19302" << true << "stun"
                             << "stun.example" << 19302 << ""
                             << "stun.example:19302";
    QTest::newRow("ipv6") << "turns:[2001:db8::1]:5349?transport=tcp" << true << "turns"
                          << "2001:db8::1" << 5349 << "transport=tcp"
                          << "[2001:db8::1]:5349";
    QTest::newRow("no scheme") << "relay.example" << false << ""
                               << "" << 0 << ""
                               << "";
    QTest::newRow("no host") << "turn::3478" << false << ""
                             << "" << 0 << ""
                             << "";
    QTest::newRow("bad port") << "turn:relay.example:http" << false << ""
                              << "" << 0 << ""
                              << "";
    QTest::newRow("open bracket") << "turn:[::1:3478" << false << ""
                                  << "" << 0 << ""
                                  << "";
}

void TestCallConfig::parsesUrls()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    const std::optional<IceUrl> parsed = parseIceUrl(url);
    QCOMPARE(parsed.has_value(), valid);
    if (!valid)
        return;
    QTEST(parsed->scheme, "scheme");
    QTEST(parsed->host, "host");
    QTEST(int(parsed->port), "port");
    QTEST(parsed->query, "query");
    QTEST(parsed->hostPort(), "hostPort");
}

void TestCallConfig::webrtcbinUris()
{
    // The TURN username (<expiry>:<call>) and a base64 credential, escaped for webrtcbin.
    const IceServer turn{{QStringLiteral("turn:relay.example?transport=udp"),
                          QStringLiteral("turns:relay.example:443?transport=tcp")},
                         QStringLiteral("1700000000:call-1"),
                         QStringLiteral("a+b/c=")};
    const IceServer stun{
        {QStringLiteral("stun:stun1.example"), QStringLiteral("stun:stun2.example:3478")}, {}, {}};
    const WebRtcBinIceUris uris = toWebRtcBinUris({stun, turn});
    QCOMPARE(uris.stun, QStringLiteral("stun://stun1.example:3478"));
    QCOMPARE(uris.turn,
             QStringList({QStringLiteral("turn://1700000000%3Acall-1:a%2Bb%2Fc%3D@relay.example:"
                                         "3478?transport=udp"),
                          QStringLiteral("turns://1700000000%3Acall-1:a%2Bb%2Fc%3D@relay.example:"
                                         "443?transport=tcp")}));
}

void TestCallConfig::turnsGoesThroughTheTunnel()
{
    const IceServer server{{QStringLiteral("turn:relay.example:3478?transport=udp"),
                            QStringLiteral("turns:relay.example?transport=tcp"),
                            QStringLiteral("turns:relay2.example:5349")},
                           QStringLiteral("user"),
                           QStringLiteral("secret")};
    QStringList asked;
    const QList<IceServer> out =
        withTurnsTunnelled({server}, [&asked](const QString &host, quint16 port) {
            asked << QStringLiteral("%1:%2").arg(host).arg(port);
            return quint16(40000 + asked.size());
        });
    QCOMPARE(asked, QStringList({QStringLiteral("relay.example:443"),
                                 QStringLiteral("relay2.example:5349")}));
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).urls, QStringList({QStringLiteral("turn:relay.example:3478?transport=udp"),
                                          QStringLiteral("turn:127.0.0.1:40001?transport=tcp"),
                                          QStringLiteral("turn:127.0.0.1:40002?transport=tcp")}));
    // The credentials stay with the server: TURN authenticates through the tunnel.
    QCOMPARE(out.at(0).username, QStringLiteral("user"));
    QCOMPARE(out.at(0).credential, QStringLiteral("secret"));
    // What webrtcbin gets has no turns:// left.
    for (const QString &uri : toWebRtcBinUris(out).turn)
        QVERIFY2(uri.startsWith(QLatin1String("turn://user:secret@")), qPrintable(uri));
}

void TestCallConfig::aTunnelThatCannotListenLeavesTheUrlOut()
{
    const IceServer tlsOnly{
        {QStringLiteral("turns:relay.example:443?transport=tcp")}, QStringLiteral("u"), {}};
    const IceServer udp{
        {QStringLiteral("turn:relay.example:3478?transport=udp")}, QStringLiteral("u"), {}};
    const QList<IceServer> out =
        withTurnsTunnelled({tlsOnly, udp}, [](const QString &, quint16) { return quint16(0); });
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).urls, udp.urls);
}

QTEST_GUILESS_MAIN(TestCallConfig)
#include "tst_callconfig.moc"
