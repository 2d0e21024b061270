// SPDX-License-Identifier: EUPL-1.2
// The observatory's front door against hostile clients, on the real relais-observatory over
// real TLS: floods of silent sockets and unfinished requests from one address while kiosks and
// partners elsewhere are served, logins hashed off the event loop, login throttling that an
// attacker cannot turn into a partner's lockout, back-pressure on a client that never reads,
// strict HTTP (HEAD, Content-Length) and the security headers. 127.0.0.1 is the attacker;
// 127.0.0.2 and 127.0.0.3 (loopback answers them all) are the kiosk and the partner.

#include "observatoryprocess.h"
#include "processmemory.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <utility>

using namespace relais::observatory::test;

namespace {

const QHostAddress kAttacker(QStringLiteral("127.0.0.1"));
const QHostAddress kKioskAddress(QStringLiteral("127.0.0.2"));
const QHostAddress kPartnerAddress(QStringLiteral("127.0.0.3"));

// Whether the kernel still has the loopback connection from `localPort` established.
bool established(quint16 localPort)
{
    QFile table(QStringLiteral("/proc/net/tcp"));
    if (!table.open(QIODevice::ReadOnly))
        return false;
    const QByteArray local =
        ':' + QByteArray::number(localPort, 16).toUpper().rightJustified(4, '0');
    for (const QByteArray &line : table.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() > 3 && fields[1].endsWith(local) && fields[3] == "01")
            return true;
    }
    return false;
}

} // namespace

class TestObservatoryEdge : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ObservatoryProcess> m_server;

    // A TLS socket from `local`, connecting without waiting; the caller owns it.
    QSslSocket *tlsSocket(const QHostAddress &local = {}, QObject *parent = nullptr)
    {
        auto *socket = new QSslSocket(parent);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({m_server->ca()});
        socket->setSslConfiguration(tls);
        if (!local.isNull())
            socket->bind(local);
        socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port(),
                                       QStringLiteral("localhost"));
        return socket;
    }

    // Everything the server sends until it closes the connection.
    QByteArray untilClosed(QSslSocket *socket)
    {
        QByteArray all;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 60000 && socket->state() != QAbstractSocket::UnconnectedState) {
            socket->waitForReadyRead(200);
            all += socket->readAll();
        }
        return all + socket->readAll();
    }

    void addPartner(const QString &login, const QByteArray &password)
    {
        QProcess add;
        add.setProcessChannelMode(QProcess::ForwardedChannels);
        add.start(QStringLiteral(RELAIS_OBSERVATORY_EXE),
                  {QStringLiteral("add-partner"), QStringLiteral("--config"),
                   m_server->configPath(), QStringLiteral("--login"), login,
                   QStringLiteral("--name"), login});
        add.write(password + '\n');
        add.closeWriteChannel();
        QVERIFY(add.waitForFinished(30000));
        QCOMPARE(add.exitCode(), 0);
    }

    static QByteArray loginBody(const QString &login, const QString &password)
    {
        return QJsonDocument(QJsonObject{{QStringLiteral("login"), login},
                                         {QStringLiteral("password"), password}})
            .toJson(QJsonDocument::Compact);
    }

    static QByteArray loginRequest(const QString &login, const QString &password)
    {
        const QByteArray body = loginBody(login, password);
        return "POST /dashboard/api/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
               "application/json\r\nContent-Length: " +
               QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

private slots:
    void init()
    {
        m_server = std::make_unique<ObservatoryProcess>();
        QVERIFY(m_server->start());
    }

    void cleanup() { m_server.reset(); }

    // Items 5 and 8: 60 silent sockets and 100 unfinished requests from one address; a kiosk
    // and a partner elsewhere are answered while the flood is still held.
    void floodFromOneAddressKeepsNobodyElseOut()
    {
        const KioskIdentity identity =
            m_server->enrollNew(QStringLiteral("46-bretenoux"), QStringLiteral("borne-1"));
        QObject flood;
        QList<QTcpSocket *> silent;
        for (int i = 0; i < 60; ++i) {
            auto *socket = new QTcpSocket(&flood);
            socket->bind(kAttacker);
            socket->connectToHost(QStringLiteral("127.0.0.1"), m_server->port());
            silent << socket;
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(silent.cbegin(), silent.cend(),
                                             [](QTcpSocket *s) {
                                                 return s->state() !=
                                                        QAbstractSocket::ConnectingState;
                                             }),
                                 20000);
        // Then unfinished requests from the same address: once the server has taken on or
        // refused each of them, the flood is held.
        int settled = 0;
        for (int i = 0; i < 100; ++i) {
            QSslSocket *socket = tlsSocket(kAttacker, &flood);
            auto done = std::make_shared<bool>(false);
            auto settle = [done, &settled] {
                if (!std::exchange(*done, true))
                    ++settled;
            };
            connect(socket, &QSslSocket::encrypted, socket, [socket, settle] {
                socket->write("POST /v1/enroll/simpleenroll HTTP/1.1\r\nHost: localhost\r\n"
                              "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{");
                settle();
            });
            connect(socket, &QSslSocket::errorOccurred, socket, settle);
        }
        QTRY_COMPARE_WITH_TIMEOUT(settled, 100, 30000);
        auto held = [&silent] {
            return std::count_if(silent.cbegin(), silent.cend(), [](QTcpSocket *s) {
                return s->state() == QAbstractSocket::ConnectedState;
            });
        };

        HttpsClient kiosk = m_server->client(identity);
        kiosk.setLocalAddress(kKioskAddress);
        const Reply batch =
            kiosk.postJson(QStringLiteral("/v1/records"),
                           relais::observatory::test::batch(
                               {callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("caf"))}));
        QCOMPARE(batch.status, 200);
        // Answered while silent sockets of the flood were still open, not once the server had
        // dropped them for their silence.
        QVERIFY2(held() > 0, "the kiosk was only served once the flood had been dropped");
        HttpsClient partner = m_server->client();
        partner.setLocalAddress(kPartnerAddress);
        const Reply page = partner.get(QStringLiteral("/dashboard/"));
        QCOMPARE(page.status, 200);
    }

    // Item 7: while a partner's logins hash, a kiosk's batch is answered before they are
    // done. Eight logins are pipelined on one connection; the batch leaves once the first
    // login is answered: on one thread, the others would all be hashed by then.
    void ingestDoesNotWaitForLogins()
    {
        addPartner(QStringLiteral("lot"), "lot-secret-2026");
        const KioskIdentity identity =
            m_server->enrollNew(QStringLiteral("46-bretenoux"), QStringLiteral("borne-1"));
        constexpr int kLogins = 8;
        std::unique_ptr<QSslSocket> partner(tlsSocket(kPartnerAddress));
        QVERIFY(partner->waitForEncrypted(10000));
        auto kiosk = std::make_unique<QSslSocket>();
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({m_server->ca()});
        tls.setLocalCertificate(QSslCertificate(identity.certPem, QSsl::Pem));
        tls.setPrivateKey(QSslKey(identity.keyPem, QSsl::Ec));
        kiosk->setSslConfiguration(tls);
        QVERIFY(kiosk->bind(kKioskAddress));
        kiosk->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port(),
                                      QStringLiteral("localhost"));
        QVERIFY(kiosk->waitForEncrypted(10000));

        QByteArray loginAnswers;
        int answered = 0;
        connect(partner.get(), &QSslSocket::readyRead, partner.get(), [&] {
            loginAnswers += partner->readAll();
            answered = int(loginAnswers.count("HTTP/1.1 200"));
        });
        QByteArray batchAnswer;
        int answeredBeforeBatch = -1;
        connect(kiosk.get(), &QSslSocket::readyRead, kiosk.get(), [&] {
            batchAnswer += kiosk->readAll();
            if (answeredBeforeBatch < 0 && batchAnswer.contains("\r\n\r\n"))
                answeredBeforeBatch = answered;
        });
        QByteArray logins;
        for (int i = 0; i < kLogins; ++i)
            logins += loginRequest(QStringLiteral("lot"), QStringLiteral("lot-secret-2026"));
        partner->write(logins);
        QTRY_VERIFY_WITH_TIMEOUT(answered >= 1, 60000);
        const QByteArray body =
            QJsonDocument(relais::observatory::test::batch(
                              {callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("caf"))}))
                .toJson(QJsonDocument::Compact);
        kiosk->write("POST /v1/records HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                     "application/json\r\nContent-Length: " +
                     QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QTRY_VERIFY_WITH_TIMEOUT(answeredBeforeBatch >= 0, 60000);
        QVERIFY2(batchAnswer.startsWith("HTTP/1.1 200"), batchAnswer.left(80).constData());
        QTRY_COMPARE_WITH_TIMEOUT(answered, kLogins, 60000);
        QVERIFY2(answeredBeforeBatch < kLogins,
                 "the kiosk's batch waited until every login was hashed");
    }

    // Item 14: an attacker guessing a partner's password from one address does not keep the
    // partner out at another.
    void guessingElsewhereLocksNobodyOut()
    {
        addPartner(QStringLiteral("lot"), "lot-secret-2026");
        HttpsClient attacker = m_server->client();
        attacker.setLocalAddress(kAttacker);
        int throttled = 0;
        for (int i = 0; i < 15 && throttled == 0; ++i) {
            const Reply reply =
                attacker.post(QStringLiteral("/dashboard/api/login"),
                              loginBody(QStringLiteral("lot"), QStringLiteral("guess-%1").arg(i)));
            if (reply.status == 429) {
                ++throttled;
                QVERIFY(reply.header("retry-after").toInt() > 0);
            } else {
                QCOMPARE(reply.status, 401);
            }
        }
        QVERIFY(throttled > 0);
        // Even the right password waits from the guesser's address...
        QCOMPARE(attacker
                     .post(QStringLiteral("/dashboard/api/login"),
                           loginBody(QStringLiteral("lot"), QStringLiteral("lot-secret-2026")))
                     .status,
                 429);
        // ...but the partner at her desk logs in.
        HttpsClient partner = m_server->client();
        partner.setLocalAddress(kPartnerAddress);
        const Reply reply =
            partner.post(QStringLiteral("/dashboard/api/login"),
                         loginBody(QStringLiteral("lot"), QStringLiteral("lot-secret-2026")));
        QCOMPARE(reply.status, 200);
        QVERIFY(!reply.cookie.isEmpty());
    }

    // Item 17: a client that sends requests and never reads the answers is not buffered for
    // without bound: the server stops reading it, then drops it.
    void clientThatNeverReadsIsDropped()
    {
        QSslSocket socket;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({m_server->ca()});
        socket.setSslConfiguration(tls);
        QVERIFY(socket.bind(kAttacker));
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port(),
                                      QStringLiteral("localhost"));
        QVERIFY(socket.waitForEncrypted(10000));
        const quint16 local = socket.localPort();
        const qint64 before = relais::test::residentKiB(m_server->pid());
        QByteArray requests;
        for (int i = 0; i < 10000; ++i)
            requests += "GET /dashboard/app.js HTTP/1.1\r\nHost: localhost\r\n\r\n";
        socket.write(requests); // about 110 MB of answers
        socket.flush();
        // From here on the client reads nothing: no event loop, no waitFor*; the kernel tells
        // when the server has dropped the connection.
        qint64 peak = before;
        QDeadlineTimer deadline(120000);
        bool dropped = false;
        while (!deadline.hasExpired() && !dropped) {
            QThread::msleep(200);
            peak = std::max(peak, relais::test::residentKiB(m_server->pid()));
            dropped = !established(local);
        }
        qInfo("observatory RSS: %lld KiB before, %lld KiB at most while held", before, peak);
        QVERIFY2(dropped, "the server still holds a client that reads nothing");
        QVERIFY2(peak - before < 48 * 1024, "the server buffered the unread answers");
    }

    // Item 18: HEAD has GET's head and no body; a Content-Length that is not only digits is
    // refused.
    void headHasNoBody()
    {
        QSslSocket *socket = tlsSocket();
        QVERIFY(socket->waitForEncrypted(10000));
        socket->write("HEAD /dashboard/ HTTP/1.1\r\nHost: localhost\r\n\r\n"
                      "GET /v1/enroll/cacerts HTTP/1.1\r\nHost: localhost\r\nConnection: "
                      "close\r\n\r\n");
        const QByteArray all = untilClosed(socket);
        delete socket;
        const qsizetype headEnd = all.indexOf("\r\n\r\n");
        QVERIFY(headEnd > 0);
        const QByteArray head = all.left(headEnd);
        QVERIFY2(head.startsWith("HTTP/1.1 200"), head.constData());
        QVERIFY(head.contains("Content-Type: text/html"));
        QVERIFY(!head.contains("Content-Length: 0\r"));
        // What follows HEAD's head is the next answer, not a body.
        QVERIFY2(all.mid(headEnd + 4).startsWith("HTTP/1.1 200"),
                 all.mid(headEnd + 4, 60).constData());
        QVERIFY(all.contains("BEGIN CERTIFICATE"));
    }

    void contentLengthIsDigitsOnly_data()
    {
        QTest::addColumn<QByteArray>("length");
        QTest::newRow("NUL") << QByteArray("5\0", 2);
        QTest::newRow("NUL and more") << QByteArray("5\0"
                                                    "00",
                                                    4);
        QTest::newRow("hex") << QByteArray("0x5");
        QTest::newRow("exponent") << QByteArray("5e0");
        QTest::newRow("two numbers") << QByteArray("5 5");
        QTest::newRow("plus") << QByteArray("+5");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("huge") << QByteArray("99999999999999999999999");
    }

    void contentLengthIsDigitsOnly()
    {
        QFETCH(QByteArray, length);
        HttpsClient client = m_server->client();
        const Reply reply =
            client.raw("POST /v1/enroll/simpleenroll HTTP/1.1\r\nHost: localhost\r\n"
                       "Content-Type: application/json\r\nContent-Length: " +
                       length + "\r\n\r\nhello");
        // Refused by the HTTP layer, not read as a 5-byte body that the route then refuses.
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("bad_header"));
    }

    // Item 21: HSTS on every answer; the dashboard cannot be framed; a login comes as JSON
    // from the dashboard's own origin.
    void securityHeaders()
    {
        HttpsClient client = m_server->client();
        for (const char *path : {"/dashboard/", "/dashboard/app.js", "/v1/enroll/cacerts",
                                 "/no/such/thing", "/open-data/", "/dashboard/api/options"}) {
            const Reply reply = client.get(QLatin1String(path));
            QVERIFY2(reply.status != 0, path);
            QVERIFY2(reply.header("strict-transport-security").startsWith("max-age="), path);
            if (QByteArray(path).startsWith("/dashboard/")) {
                QCOMPARE(reply.header("x-frame-options"), QByteArray("DENY"));
                QVERIFY2(reply.header("content-security-policy").contains("frame-ancestors 'none'"),
                         path);
            }
        }
    }

    void loginRefusesCrossSiteRequests()
    {
        addPartner(QStringLiteral("lot"), "lot-secret-2026");
        const QByteArray body = loginBody(QStringLiteral("lot"), QStringLiteral("lot-secret-2026"));
        HttpsClient client = m_server->client();
        // What a cross-site HTML form can send: refused whatever its Origin.
        const QByteArray form = "login=lot&password=lot-secret-2026";
        QCOMPARE(client
                     .post(QStringLiteral("/dashboard/api/login"), form,
                           "application/x-www-form-urlencoded",
                           "Origin: https://evil.example\r\nSec-Fetch-Site: cross-site\r\n")
                     .status,
                 415);
        QCOMPARE(client.post(QStringLiteral("/dashboard/api/login"), body, "text/plain").status,
                 415);
        QCOMPARE(client
                     .post(QStringLiteral("/dashboard/api/login"), body, "application/json",
                           "Origin: https://evil.example\r\n")
                     .status,
                 403);
        QCOMPARE(client
                     .post(QStringLiteral("/dashboard/api/login"), body, "application/json",
                           "Origin: https://localhost\r\nSec-Fetch-Site: cross-site\r\n")
                     .status,
                 403);
        // The dashboard's own page, and a program that sends no Origin.
        QCOMPARE(client
                     .post(QStringLiteral("/dashboard/api/login"), body,
                           "application/json; charset=utf-8",
                           "Origin: https://localhost\r\nSec-Fetch-Site: same-origin\r\n")
                     .status,
                 200);
        QCOMPARE(client.post(QStringLiteral("/dashboard/api/login"), body).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestObservatoryEdge)
#include "tst_observatory_edge.moc"
