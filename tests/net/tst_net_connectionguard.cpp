// SPDX-License-Identifier: EUPL-1.2
// ConnectionGuard: the caps per address and in total, the slots kept for proven clients, and
// that every admitted connection gives its slot back.

#include "connectionguard.h"
#include "refusallog.h"

#include <QRegularExpression>
#include <QTest>

using relais::net::ConnectionGuard;
using relais::net::RefusalLog;

class TestConnectionGuard : public QObject
{
    Q_OBJECT

private slots:
    void capsEachAddress()
    {
        ConnectionGuard guard({3, 100, 10});
        const QHostAddress flood(QStringLiteral("192.0.2.1"));
        for (int i = 0; i < 3; ++i)
            QVERIFY(guard.admit(flood));
        QVERIFY(!guard.admit(flood));
        QCOMPARE(guard.untrustedFrom(flood), 3);
        // Another address is not held by the first one's flood.
        QVERIFY(guard.admit(QHostAddress(QStringLiteral("192.0.2.2"))));
        guard.release(flood, false);
        QVERIFY(guard.admit(flood));
    }

    void mappedIpv4IsTheSameClient()
    {
        ConnectionGuard guard({2, 100, 10});
        QVERIFY(guard.admit(QHostAddress(QStringLiteral("192.0.2.1"))));
        QVERIFY(guard.admit(QHostAddress(QStringLiteral("::ffff:192.0.2.1"))));
        QVERIFY(!guard.admit(QHostAddress(QStringLiteral("192.0.2.1"))));
        QCOMPARE(guard.untrustedFrom(QHostAddress(QStringLiteral("::ffff:192.0.2.1"))), 2);
    }

    void keepsSlotsForTrustedClients()
    {
        // 10 in all, 4 of them only for connections that proved who they are.
        ConnectionGuard guard({100, 10, 4});
        for (int i = 0; i < 6; ++i)
            QVERIFY(guard.admit(QHostAddress(QStringLiteral("198.51.100.%1").arg(i + 1))));
        QVERIFY(!guard.admit(QHostAddress(QStringLiteral("198.51.100.200"))));
        // A kiosk's connection proves itself: it leaves the untrusted share...
        guard.trust(QHostAddress(QStringLiteral("198.51.100.1")));
        QCOMPARE(guard.untrusted(), 5);
        QCOMPARE(guard.trusted(), 1);
        QCOMPARE(guard.untrustedFrom(QHostAddress(QStringLiteral("198.51.100.1"))), 0);
        // ...so one more anonymous one fits, and the total still holds.
        QVERIFY(guard.admit(QHostAddress(QStringLiteral("198.51.100.7"))));
        QVERIFY(!guard.admit(QHostAddress(QStringLiteral("198.51.100.8"))));
    }

    void trustedConnectionsAreNotCappedPerAddress()
    {
        // A site's kiosks behind one address.
        ConnectionGuard guard({2, 100, 10});
        const QHostAddress site(QStringLiteral("203.0.113.9"));
        for (int i = 0; i < 5; ++i) {
            QVERIFY(guard.admit(site));
            guard.trust(site);
        }
        QCOMPARE(guard.trusted(), 5);
        QCOMPARE(guard.untrustedFrom(site), 0);
        QVERIFY(guard.admit(site));
    }

    void everySlotComesBack()
    {
        ConnectionGuard guard({4, 8, 2});
        QList<std::pair<QHostAddress, bool>> open;
        for (int round = 0; round < 50; ++round) {
            const QHostAddress address(QStringLiteral("10.0.0.%1").arg(round % 3 + 1));
            if (guard.admit(address)) {
                const bool trusted = round % 4 == 0;
                if (trusted)
                    guard.trust(address);
                open.append({address, trusted});
            }
            if (round % 5 == 4 && !open.isEmpty()) {
                const auto [gone, trusted] = open.takeFirst();
                guard.release(gone, trusted);
            }
        }
        for (const auto &[address, trusted] : open)
            guard.release(address, trusted);
        QCOMPARE(guard.untrusted(), 0);
        QCOMPARE(guard.trusted(), 0);
        for (int i = 1; i <= 3; ++i)
            QCOMPARE(guard.untrustedFrom(QHostAddress(QStringLiteral("10.0.0.%1").arg(i))), 0);
    }

    void refusalsAreLoggedOncePerWindow()
    {
        RefusalLog log(QStringLiteral("test"), 60'000);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("test: connection from "
                                                               "192.0.2.1 refused: full")));
        for (int i = 0; i < 1000; ++i)
            log.refused(QHostAddress(QStringLiteral("192.0.2.1")), "full");
        QCOMPARE(log.logged(), 1);
    }
};

QTEST_GUILESS_MAIN(TestConnectionGuard)
#include "tst_net_connectionguard.moc"
