// SPDX-License-Identifier: EUPL-1.2
// TURN credentials against values computed independently (openssl dgst and a published
// vector), agent password hashing and verification, and the agent store.
#include "hubstore.h"
#include "passwordhash.h"
#include "turncredentials.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace relais;
using namespace relais::hub;
using namespace relais::provisioning;

class TestHubCrypto : public QObject
{
    Q_OBJECT

private slots:
    void turnCredentialMatchesOpensslDgst()
    {
        const QByteArray secret = "north-of-the-dordogne-secret";
        const QString call = QStringLiteral("6f1c1b9e-3f43-4a5e-9d61-2d7f0c5e8a11");
        const TurnCredential credential = turnCredential(secret, call, 1763812800);
        QCOMPARE(credential.username, QStringLiteral("1763812800:") + call);

        // openssl dgst -sha1 -hmac SECRET -binary | base64, as coturn's documentation does it.
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {"dgst", "-sha1", "-hmac", QString::fromLatin1(secret), "-binary"});
        QVERIFY(openssl.waitForStarted());
        openssl.write(credential.username.toUtf8());
        openssl.closeWriteChannel();
        QVERIFY(openssl.waitForFinished());
        QCOMPARE(openssl.exitCode(), 0);
        QCOMPARE(credential.credential,
                 QString::fromLatin1(openssl.readAllStandardOutput().toBase64()));
    }

    void turnCredentialKnownVector()
    {
        // Computed once outside this code base:
        // printf %s 1700000000:call | openssl dgst -sha1 -hmac coturn-secret-0123456789 -binary
        //   | base64
        const TurnCredential credential =
            turnCredential("coturn-secret-0123456789", QStringLiteral("call"), 1700000000);
        QCOMPARE(credential.username, QStringLiteral("1700000000:call"));
        QCOMPARE(credential.credential, QStringLiteral("Jw5rw8UrpecW8XZQdwfACZXWYUk="));
    }

    void iceServersFromSettings()
    {
        TurnSettings settings;
        settings.secret = "north-of-the-dordogne-secret";
        settings.stunUrls = {"stun:hub.example:3478"};
        settings.turnUrls = {"turn:hub.example:3478?transport=udp",
                             "turns:hub.example:443?transport=tcp"};
        settings.lifetimeS = 600;
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1763812200, Qt::UTC);
        const QJsonArray servers = iceServers(settings, "c", now);
        QCOMPARE(servers.size(), 2);
        QCOMPARE(servers[0].toObject(),
                 QJsonObject({{"urls", QJsonArray{"stun:hub.example:3478"}}}));
        const QJsonObject turn = servers[1].toObject();
        QCOMPARE(turn["urls"].toArray().size(), 2);
        QCOMPARE(turn["username"].toString(), QStringLiteral("1763812800:c"));
        QCOMPARE(turn["credential"].toString(),
                 turnCredential(settings.secret, "c", 1763812800).credential);
        QCOMPARE(iceTransportPolicy(settings), QStringLiteral("all"));
        settings.forceRelay = true;
        QCOMPARE(iceTransportPolicy(settings), QStringLiteral("relay"));
        settings.stunUrls.clear();
        QCOMPARE(iceServers(settings, "c", now).size(), 1);
    }

    void passwordHashing()
    {
        const QString hash = hashPassword("correct horse battery");
        const QStringList parts = hash.split('$');
        QCOMPARE(parts.size(), 4);
        QCOMPARE(parts[0], QStringLiteral("pbkdf2-sha256"));
        QVERIFY(parts[1].toInt() >= 200000);
        QCOMPARE(QByteArray::fromBase64(parts[2].toLatin1()).size(), 16);
        QCOMPARE(QByteArray::fromBase64(parts[3].toLatin1()).size(), 32);
        QVERIFY(verifyPassword("correct horse battery", hash));
        QVERIFY(!verifyPassword("correct horse batterY", hash));
        QVERIFY(!verifyPassword("", hash));
        // A fresh salt each time.
        const QString again = hashPassword("correct horse battery");
        QVERIFY(again != hash);
        QVERIFY(verifyPassword("correct horse battery", again));
        QVERIFY(!verifyPassword("", decoyPasswordHash()));
    }

    void passwordMatchesIndependentPbkdf2()
    {
        // Recompute the stored hash with openssl kdf (OpenSSL 3's command line).
        const QString hash = hashPassword("m.durand's password");
        const QStringList parts = hash.split('$');
        const QByteArray salt = QByteArray::fromBase64(parts[2].toLatin1());
        QProcess openssl;
        openssl.start("openssl", {"kdf", "-keylen", "32", "-kdfopt", "digest:SHA256", "-kdfopt",
                                  "pass:m.durand's password", "-kdfopt",
                                  "hexsalt:" + QString::fromLatin1(salt.toHex()), "-kdfopt",
                                  "iter:" + parts[1], "PBKDF2"});
        QVERIFY(openssl.waitForFinished(60000));
        QCOMPARE(openssl.exitCode(), 0);
        const QByteArray hex = openssl.readAllStandardOutput().trimmed().replace(":", "");
        QCOMPARE(QByteArray::fromHex(hex).toBase64(), parts[3].toLatin1());
    }

    void malformedOrWeakRecordsNeverMatch_data()
    {
        QTest::addColumn<QString>("record");
        const QString good = hashPassword("pw");
        const QStringList p = good.split('$');
        QTest::newRow("empty") << QString();
        QTest::newRow("other scheme") << QString(good).replace("pbkdf2-sha256", "pbkdf2-sha1");
        QTest::newRow("few iterations") << QStringList{p[0], "1000", p[2], p[3]}.join('$');
        QTest::newRow("absurd iterations")
            << QStringList{p[0], "99999999999", p[2], p[3]}.join('$');
        QTest::newRow("short salt") << QStringList{p[0], p[1], "AAAA", p[3]}.join('$');
        QTest::newRow("bad base64") << QStringList{p[0], p[1], p[2], "!!!"}.join('$');
        QTest::newRow("extra part") << good + "$x";
    }

    void malformedOrWeakRecordsNeverMatch()
    {
        QFETCH(QString, record);
        QVERIFY(!verifyPassword("pw", record));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, hashPassword("pw", 1000));
    }

    void agentStore()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("hub.sqlite");
        {
            QString problem;
            auto store = HubStore::open(path, &problem);
            QVERIFY2(store, qPrintable(problem));
            QVERIFY(store->putAccount(AccountKind::Agent,
                                      {"caf", "m.durand", "Conseillère CAF", hashPassword("one")}));
            QVERIFY(!store->putAccount(AccountKind::Agent,
                                       {"caf", "m.durand", "Conseiller CAF", hashPassword("two")}));
            QVERIFY(store->putAccount(AccountKind::Agent, {"cpam", "m.durand", "Conseiller CPAM",
                                                           hashPassword("three")}));
        }
        QString problem;
        auto store = HubStore::open(path, &problem);
        const auto caf = store->account(AccountKind::Agent, "caf", "m.durand");
        QVERIFY(caf);
        QCOMPARE(caf->displayName, QStringLiteral("Conseiller CAF"));
        QVERIFY(verifyPassword("two", caf->passwordHash));
        QVERIFY(!verifyPassword("one", caf->passwordHash));
        QVERIFY(!store->account(AccountKind::Agent, "caf", "j.dupont"));
        QVERIFY(verifyPassword(
            "three", store->account(AccountKind::Agent, "cpam", "m.durand")->passwordHash));
        // A mediator's login lives in its site's scope, apart from the agents'.
        QVERIFY(store->putAccount(AccountKind::Mediator, {"46-bretenoux", "m.durand", "Mme Durand",
                                                          hashPassword("four")}));
        QVERIFY(verifyPassword(
            "two", store->account(AccountKind::Agent, "caf", "m.durand")->passwordHash));
        QVERIFY(!store->account(AccountKind::Mediator, "caf", "m.durand"));
        QCOMPARE(store->account(AccountKind::Mediator, "46-bretenoux", "m.durand")->displayName,
                 QStringLiteral("Mme Durand"));
        QCOMPARE(store->integrityCheck(), QStringLiteral("ok"));
    }

    void callbackStore()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("hub.sqlite");
        QString first;
        {
            auto store = HubStore::open(path, nullptr);
            const QDateTime at = QDateTime::fromSecsSinceEpoch(1763802000, Qt::UTC);
            first = store->addCallback("46-bretenoux", "borne-1", "caf", at).id;
            store->addCallback("46-bretenoux", "borne-2", "caf", at.addSecs(60));
            store->addCallback("46-bretenoux", "borne-1", "cpam", at);
            QVERIFY(!store->closeCallback(first, "cpam", "x", at)); // another agency's
        }
        auto store = HubStore::open(path, nullptr);
        const QList<CallbackRecord> open = store->openCallbacks("caf");
        QCOMPARE(open.size(), 2);
        QCOMPARE(open[0].id, first);
        QCOMPARE(open[0].kiosk, QStringLiteral("borne-1"));
        QCOMPARE(open[0].requestedAt, QDateTime::fromSecsSinceEpoch(1763802000, Qt::UTC));
        QVERIFY(store->closeCallback(first, "caf", "m.durand", QDateTime::currentDateTimeUtc()));
        QVERIFY(!store->closeCallback(first, "caf", "m.durand", QDateTime::currentDateTimeUtc()));
        QCOMPARE(store->openCallbacks("caf").size(), 1);
        QCOMPARE(store->openCallbacks("cpam").size(), 1);
    }

    void unusableStoreIsRefused()
    {
        QString problem;
        QVERIFY(!HubStore::open("/proc/relais-hub-cannot-write/hub.sqlite", &problem));
        QVERIFY(!problem.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHubCrypto)
#include "tst_hub_crypto.moc"
