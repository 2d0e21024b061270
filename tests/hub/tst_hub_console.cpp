// SPDX-License-Identifier: EUPL-1.2
// The agents' console's HTTPS server on the real relais-hub: its pages as before, and a hostile
// client cannot grow the hub's memory with a body nor hold a connection with a slow head.

#include "hubprocess.h"
#include "processmemory.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QSslSocket>
#include <QTest>
#include <QTimer>
#include <QUrl>

using namespace relais::hub::test;

class TestHubConsole : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HubProcess> m_hub;
    quint16 m_port = 0;

    std::unique_ptr<QSslSocket> connected()
    {
        auto socket = std::make_unique<QSslSocket>();
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({m_hub->certificate()});
        socket->setSslConfiguration(tls);
        socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_port,
                                       QStringLiteral("localhost"));
        if (!socket->waitForEncrypted(10000))
            return nullptr;
        return socket;
    }

    // Everything until the hub closes the connection.
    static QByteArray untilClosed(QSslSocket *socket, int timeoutMs = 60000)
    {
        QByteArray all;
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired() && socket->state() != QAbstractSocket::UnconnectedState) {
            socket->waitForReadyRead(200);
            all += socket->readAll();
        }
        return all + socket->readAll();
    }

    static QByteArray headerOf(const QByteArray &head, const QByteArray &name)
    {
        for (const QByteArray &line : head.split('\n')) {
            if (line.toLower().startsWith(name.toLower() + ':'))
                return line.mid(name.size() + 1).trimmed();
        }
        return {};
    }

private slots:
    void init()
    {
        ConfigOptions options;
        options.consolePort = 0;
        m_hub = std::make_unique<HubProcess>(options);
        QVERIFY(m_hub->start());
        m_port = quint16(QUrl(m_hub->consoleUrl()).port());
        QVERIFY(m_port != 0);
    }

    void cleanup() { m_hub.reset(); }

    void pagesAreServedAsBefore()
    {
        auto socket = connected();
        QVERIFY(socket);
        socket->write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
                      "GET /config.json HTTP/1.1\r\nHost: hub.example:8445\r\n\r\n"
                      "GET /console.js HTTP/1.1\r\nHost: localhost\r\n\r\n"
                      "GET /nothing-here.js HTTP/1.1\r\nHost: localhost\r\n\r\n"
                      "GET /../secret HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        const QByteArray all = untilClosed(socket.get());
        QList<QByteArray> heads;
        qsizetype at = 0;
        while (at < all.size()) {
            const qsizetype end = all.indexOf("\r\n\r\n", at);
            QVERIFY(end > 0);
            const QByteArray head = all.mid(at, end - at);
            heads << head;
            at = end + 4 + headerOf(head, "Content-Length").toLongLong();
        }
        QCOMPARE(heads.size(), 5);
        QVERIFY(heads[0].startsWith("HTTP/1.1 200"));
        QVERIFY(headerOf(heads[0], "Content-Type").startsWith("text/html"));
        QVERIFY(all.contains(QByteArray("\"hub_url\":\"wss://hub.example:") +
                             QByteArray::number(m_hub->port()) + "/v1\""));
        QVERIFY(heads[2].startsWith("HTTP/1.1 200"));
        QVERIFY(headerOf(heads[2], "Content-Type").startsWith("text/javascript"));
        QVERIFY(heads[3].startsWith("HTTP/1.1 404"));
        QVERIFY(heads[4].startsWith("HTTP/1.1 404"));
        for (const QByteArray &head : heads) {
            QVERIFY(headerOf(head, "Content-Security-Policy").contains("frame-ancestors 'none'"));
            QCOMPARE(headerOf(head, "X-Content-Type-Options"), QByteArray("nosniff"));
            QCOMPARE(headerOf(head, "Referrer-Policy"), QByteArray("no-referrer"));
            QCOMPARE(headerOf(head, "Cache-Control"), QByteArray("no-store"));
            QVERIFY(headerOf(head, "Strict-Transport-Security").startsWith("max-age="));
        }
    }

    void headHasNoBody()
    {
        auto socket = connected();
        QVERIFY(socket);
        socket->write("HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n"
                      "GET /config.json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        const QByteArray all = untilClosed(socket.get());
        const qsizetype end = all.indexOf("\r\n\r\n");
        QVERIFY(end > 0);
        QVERIFY(all.startsWith("HTTP/1.1 200"));
        QVERIFY(headerOf(all.left(end), "Content-Length").toLongLong() > 0);
        QVERIFY2(all.mid(end + 4).startsWith("HTTP/1.1 200"), all.mid(end + 4, 80).constData());
    }

    // Item 2: a 64 MiB body is refused without being read into the hub's memory.
    void oversizedBodyIsRefusedUnread()
    {
        auto socket = connected();
        QVERIFY(socket);
        const qint64 pid = m_hub->process().processId();
        const qint64 before = relais::test::residentKiB(pid);
        const qint64 size = 64 * 1024 * 1024;
        socket->write("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                      "application/octet-stream\r\nContent-Length: " +
                      QByteArray::number(size) + "\r\n\r\n");
        const QByteArray chunk(1024 * 1024, 'x');
        for (int i = 0; i < 64; ++i)
            socket->write(chunk);
        // Until the hub has answered and closed, or has taken the whole body.
        qint64 peak = before;
        QByteArray answer;
        QDeadlineTimer deadline(120000);
        while (!deadline.hasExpired() && socket->state() == QAbstractSocket::ConnectedState &&
               (socket->bytesToWrite() > 0 || answer.isEmpty())) {
            socket->waitForBytesWritten(100);
            socket->waitForReadyRead(100);
            answer += socket->readAll();
            peak = std::max(peak, relais::test::residentKiB(pid));
        }
        answer += socket->readAll();
        peak = std::max(peak, relais::test::residentKiB(pid));
        qInfo("hub RSS: %lld KiB before, %lld KiB at most", before, peak);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(80).constData());
        QVERIFY2(peak - before < 32 * 1024, "the hub took the body into memory");
    }

    // Item 2: a head trickled byte by byte is cut off by the request timeout.
    void slowHeadIsClosed()
    {
        auto socket = connected();
        QVERIFY(socket);
        const QByteArray head =
            "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + QByteArray(4000, 'a') + "\r\n\r\n";
        int sent = 0;
        QTimer trickle;
        connect(&trickle, &QTimer::timeout, socket.get(), [&] {
            if (sent < head.size() && socket->state() == QAbstractSocket::ConnectedState)
                socket->write(head.mid(sent++, 1));
        });
        trickle.start(250);
        QByteArray answer;
        connect(socket.get(), &QSslSocket::readyRead, socket.get(),
                [&] { answer += socket->readAll(); });
        QTRY_VERIFY_WITH_TIMEOUT(socket->state() == QAbstractSocket::UnconnectedState, 120000);
        QVERIFY2(sent < head.size(), "the whole head went through");
        QVERIFY2(answer.startsWith("HTTP/1.1 408"), answer.left(80).constData());
    }

    void bodiesAndOtherMethodsAreRefused()
    {
        auto socket = connected();
        QVERIFY(socket);
        socket->write("DELETE / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        const QByteArray refused = untilClosed(socket.get());
        QVERIFY2(refused.startsWith("HTTP/1.1 405"), refused.left(80).constData());
        auto second = connected();
        QVERIFY(second);
        second->write("GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
        const QByteArray answer = untilClosed(second.get());
        QVERIFY2(answer.startsWith("HTTP/1.1 501"), answer.left(80).constData());
    }
};

QTEST_GUILESS_MAIN(TestHubConsole)
#include "tst_hub_console.moc"
