// SPDX-License-Identifier: EUPL-1.2
// The lobby where accepted connections wait for their first bytes off the server's loop: a
// connection that speaks comes back to the server with its descriptor intact, one that stays
// silent is closed at its deadline (its peer sees the end of the stream), and neither is
// reported twice.
#include "silentlobby.h"

#include <QSignalSpy>
#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

using relais::net::SilentLobby;

class TestSilentLobby : public QObject
{
    Q_OBJECT

private slots:
    void aConnectionThatSpeaksComesBack()
    {
        int pair[2];
        QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0);
        SilentLobby lobby;
        QSignalSpy spoke(&lobby, &SilentLobby::spoke);
        QSignalSpy expired(&lobby, &SilentLobby::expired);
        const QHostAddress address(QStringLiteral("192.0.2.7"));
        lobby.park(pair[0], address, 60'000);
        QTRY_COMPARE(lobby.parked(), 1);
        QCOMPARE(spoke.count(), 0);
        QCOMPARE(::write(pair[1], "\x16", 1), ssize_t(1)); // a ClientHello's first byte
        QTRY_COMPARE(spoke.count(), 1);
        QCOMPARE(spoke.at(0).at(0).value<qintptr>(), qintptr(pair[0]));
        QCOMPARE(spoke.at(0).at(1).value<QHostAddress>(), address);
        QCOMPARE(lobby.parked(), 0);
        // The descriptor is the caller's again, open, with the byte still unread.
        char byte = 0;
        QCOMPARE(::read(pair[0], &byte, 1), ssize_t(1));
        QCOMPARE(byte, '\x16');
        QTest::qWait(100);
        QCOMPARE(spoke.count(), 1);
        QCOMPARE(expired.count(), 0);
        ::close(pair[0]);
        ::close(pair[1]);
    }

    void aSilentConnectionIsClosedAtItsDeadline()
    {
        int pair[2];
        QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0);
        SilentLobby lobby;
        QSignalSpy spoke(&lobby, &SilentLobby::spoke);
        QSignalSpy expired(&lobby, &SilentLobby::expired);
        lobby.park(pair[0], QHostAddress(QStringLiteral("192.0.2.8")), 200);
        QTRY_COMPARE(expired.count(), 1);
        QCOMPARE(spoke.count(), 0);
        QCOMPARE(lobby.parked(), 0);
        // The far end sees the end of the stream: the lobby closed its side.
        char byte = 0;
        QCOMPARE(::read(pair[1], &byte, 1), ssize_t(0));
        ::close(pair[1]);
    }

    void manyWaitAndEachIsReportedOnce()
    {
        SilentLobby lobby;
        QSignalSpy spoke(&lobby, &SilentLobby::spoke);
        QSignalSpy expired(&lobby, &SilentLobby::expired);
        QList<int> far;
        for (int i = 0; i < 200; ++i) {
            int pair[2];
            QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0);
            lobby.park(pair[0], QHostAddress(QStringLiteral("192.0.2.9")), i % 2 ? 300 : 60'000);
            far.append(pair[1]);
        }
        // The even ones speak; the odd ones stay silent past their deadline.
        for (int i = 0; i < far.size(); i += 2)
            QCOMPARE(::write(far[i], "x", 1), ssize_t(1));
        QTRY_COMPARE(spoke.count() + expired.count(), 200);
        QCOMPARE(spoke.count(), 100);
        QCOMPARE(expired.count(), 100);
        QCOMPARE(lobby.parked(), 0);
        for (const QList<QVariant> &arguments : std::as_const(spoke))
            ::close(int(arguments.at(0).value<qintptr>()));
        for (const int fd : std::as_const(far))
            ::close(fd);
    }
};

QTEST_GUILESS_MAIN(TestSilentLobby)
#include "tst_net_silentlobby.moc"
