// SPDX-License-Identifier: EUPL-1.2
// relais-observatory as systemd runs it (Type=notify), on SQLite and PostgreSQL, its key from
// the credentials folder: READY=1 once it listens and WATCHDOG=1 from its loop; SIGHUP taking a
// renewed certificate (new connections see it, an open one goes on) and a new site (a new limit
// waits for a restart), and refusing a broken configuration or key while it keeps serving;
// SIGTERM in the middle of an ingest of 10,000 records from four kiosks: it exits 0, and every
// record is on the store once exactly when the observatory said it stored it.
#include "backend.h"
#include "notifysocket.h"
#include "observatoryprocess.h"

#include <QSet>
#include <QSqlQuery>
#include <QTcpSocket>

#include <csignal>

using namespace relais::observatory;
using namespace relais::observatory::test;
using relais::test::NotifySocket;

namespace {

constexpr quint64 kWatchdogUsec = 400'000;
constexpr int kKiosks = 4;
constexpr int kBatchesPerKiosk = 5;
constexpr int kRecordsPerBatch = 500; // 4 × 5 × 500 = 10,000 records

QString recordId(int kiosk, int batch, int record)
{
    return QStringLiteral("00000000-0000-4000-8000-%1%2%3")
        .arg(kiosk, 2, 16, QLatin1Char('0'))
        .arg(batch, 4, 16, QLatin1Char('0'))
        .arg(record, 6, 16, QLatin1Char('0'));
}

QByteArray batchRequest(int kiosk, const QString &site, int batchIndex)
{
    QJsonArray records;
    for (int i = 0; i < kRecordsPerBatch; ++i) {
        QJsonObject r = callEnded(site, QStringLiteral("carsat"));
        r.insert(QStringLiteral("id"), recordId(kiosk, batchIndex, i));
        records.append(r);
    }
    const QByteArray body = QJsonDocument(batch(records)).toJson(QJsonDocument::Compact);
    return "POST /v1/records HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
           "Content-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

bool rewrite(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The process is gone, or goes within `ms` (it may have ended while the test waited for
// something else).
bool exitedWithin(QProcess &process, int ms)
{
    return process.state() == QProcess::NotRunning || process.waitForFinished(ms);
}

} // namespace

class TestObservatoryService : public QObject
{
    Q_OBJECT

private:
    // SIGHUP, and the server's RELOADING=1 then READY=1: the reload is over.
    static bool reload(ObservatoryProcess &server, NotifySocket &notify)
    {
        const int before = notify.received().size() - 1;
        ::kill(pid_t(server.pid()), SIGHUP);
        const int reloading = notify.waitFor(QStringLiteral("RELOADING=1"), before);
        return reloading >= 0 && notify.waitFor(QStringLiteral("READY=1"), reloading) >= 0;
    }

    // The certificate a new connection is shown, and whether its request is answered.
    static QSslCertificate presented(ObservatoryProcess &server)
    {
        HttpsClient client = server.client();
        if (!client.connect())
            return QSslCertificate();
        const QSslCertificate certificate = client.socket()->peerCertificate();
        return client.get(QStringLiteral("/v1/enroll/cacerts")).status == 200 ? certificate
                                                                              : QSslCertificate();
    }

private slots:
    void notifyAndReload()
    {
        Backend backend;
        ObservatoryProcess server(backend.database());
        NotifySocket notify;
        QTemporaryDir logDir;
        const QString log = logDir.filePath(QStringLiteral("stderr.log"));
        QVERIFY(rewrite(log, {}));
        server.process().setProcessChannelMode(QProcess::SeparateChannels);
        server.process().setStandardErrorFile(log);
        // The key as LoadCredential= hands it over (the credentials folder is the server's own
        // folder here).
        QJsonObject config = QJsonDocument::fromJson(contents(server.configPath())).object();
        QJsonObject tls = config.value(QStringLiteral("tls")).toObject();
        tls.insert(QStringLiteral("key_file"),
                   QStringLiteral("${CREDENTIALS_DIRECTORY}/server-key.pem"));
        config.insert(QStringLiteral("tls"), tls);
        QVERIFY(rewrite(server.configPath(), QJsonDocument(config).toJson()));
        QProcessEnvironment environment = notify.environment(kWatchdogUsec);
        environment.insert(QStringLiteral("JOURNAL_STREAM"), NotifySocket::journalStream(log));
        environment.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), server.path());
        QVERIFY(server.start(environment));

        // READY=1 once the port is open; the watchdog keeps being fed.
        QVERIFY(notify.waitFor(QStringLiteral("READY=1")) >= 0);
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(probe.waitForConnected(5000));
        int watchdog = notify.waitFor(QStringLiteral("WATCHDOG=1"));
        QVERIFY(watchdog >= 0);
        for (int i = 0; i < 3; ++i) {
            watchdog = notify.waitFor(QStringLiteral("WATCHDOG=1"), watchdog);
            QVERIFY(watchdog >= 0);
        }

        // A kiosk's connection opened before the renewal, kept alive across it.
        const KioskIdentity kiosk =
            server.enrollNew(QStringLiteral("46-bretenoux"), QStringLiteral("borne-1"));
        HttpsClient open = server.client(kiosk);
        QVERIFY(open.connect());
        QCOMPARE(open.raw(batchRequest(0, QStringLiteral("46-bretenoux"), 0)).status, 200);
        const QSslCertificate old = open.socket()->peerCertificate();
        QCOMPARE(presented(server), old);

        const QSslCertificate renewed = server.renewServerCertificate();
        QVERIFY(renewed.serialNumber() != old.serialNumber());
        QVERIFY(reload(server, notify));
        QCOMPARE(presented(server).serialNumber(), renewed.serialNumber());
        QCOMPARE(open.raw(batchRequest(0, QStringLiteral("46-bretenoux"), 1)).status, 200);
        QCOMPARE(open.socket()->peerCertificate(), old);

        // A new site takes effect (it is merged into the store); other limits wait for a
        // restart, and the log says so.
        auto siteKnown = [&](const char *site) {
            return Store::open(server.database())
                ->scalar(QStringLiteral("SELECT 1 FROM sites WHERE id = ?"), {QLatin1String(site)})
                .isValid();
        };
        QVERIFY(!siteKnown("46-souillac"));
        QJsonObject more = QJsonDocument::fromJson(contents(server.configPath())).object();
        QJsonArray sites = more.value(QStringLiteral("sites")).toArray();
        sites.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("46-souillac")},
                                 {QStringLiteral("name"), QStringLiteral("46-souillac")},
                                 {QStringLiteral("territory"), QStringLiteral("Causses")},
                                 {QStringLiteral("departement"), QStringLiteral("46")},
                                 {QStringLiteral("opened"), QStringLiteral("2025-03-03")}});
        more.insert(QStringLiteral("sites"), sites);
        more.insert(QStringLiteral("limits"),
                    QJsonObject{{QStringLiteral("max_records_per_batch"), 10}});
        QVERIFY(rewrite(server.configPath(), QJsonDocument(more).toJson()));
        QVERIFY(reload(server, notify));
        QVERIFY(siteKnown("46-souillac"));
        QCOMPARE(open.raw(batchRequest(0, QStringLiteral("46-bretenoux"), 2)).status, 200);

        // A broken configuration, then a broken key: refused, the server goes on as it was.
        const QByteArray valid = contents(server.configPath());
        QVERIFY(rewrite(server.configPath(), "{\"format\": \"relais-observatory-config/1\""));
        QVERIFY(reload(server, notify));
        QCOMPARE(presented(server).serialNumber(), renewed.serialNumber());
        QVERIFY(rewrite(server.configPath(), valid));
        const QString keyFile = server.path() + QStringLiteral("/server-key.pem");
        const QByteArray key = contents(keyFile);
        QVERIFY(rewrite(keyFile, "-----BEGIN PRIVATE KEY-----\nnot one\n"));
        QVERIFY(reload(server, notify));
        QCOMPARE(presented(server).serialNumber(), renewed.serialNumber());
        QCOMPARE(open.raw(batchRequest(0, QStringLiteral("46-bretenoux"), 3)).status, 200);
        QVERIFY(rewrite(keyFile, key));

        const QStringList lines = QString::fromUtf8(contents(log)).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("^<3>.*reload refused"))).size(),
                 2);
        QCOMPARE(lines
                     .filter(QRegularExpression(
                         QStringLiteral("^<4>.*change at the next restart: limits$")))
                     .size(),
                 1);
        for (const QString &line : lines)
            QVERIFY2(QRegularExpression(QStringLiteral("^<[0-7]>")).match(line).hasMatch(),
                     qPrintable(line));

        const int before = notify.received().size() - 1;
        server.process().terminate();
        QVERIFY(notify.waitFor(QStringLiteral("STOPPING=1"), before) >= 0);
        QVERIFY(exitedWithin(server.process(), 10000));
        QCOMPARE(server.process().exitCode(), 0);
    }

    void sigtermDuringIngestStoresWhatItAcknowledged()
    {
        Backend backend;
        ObservatoryProcess server(backend.database());
        QVERIFY(server.start());
        const QStringList sites{QStringLiteral("46-bretenoux"), QStringLiteral("46-gourdon")};
        std::vector<std::unique_ptr<HttpsClient>> clients;
        for (int k = 0; k < kKiosks; ++k) {
            const KioskIdentity identity =
                server.enrollNew(sites[k % 2], QStringLiteral("borne-%1").arg(k + 1));
            clients.push_back(std::make_unique<HttpsClient>(server.client(identity)));
            QVERIFY(clients.back()->connect());
        }
        // Every kiosk's batches pipelined at once: the server has them all in flight.
        for (int k = 0; k < kKiosks; ++k) {
            for (int b = 0; b < kBatchesPerKiosk; ++b)
                clients[k]->socket()->write(batchRequest(k, sites[k % 2], b));
            clients[k]->socket()->flush();
        }
        // The first answer, then SIGTERM while the rest are being received and stored.
        QSet<QString> acknowledged;
        QSet<QString> refused;
        auto take = [&](const Reply &reply) {
            if (reply.status != 200)
                return false;
            for (const QJsonValue &result :
                 reply.json().value(QStringLiteral("results")).toArray()) {
                const QJsonObject r = result.toObject();
                const QString outcome = r.value(QStringLiteral("result")).toString();
                (outcome == QLatin1String("stored") ? acknowledged : refused)
                    .insert(r.value(QStringLiteral("id")).toString());
            }
            return true;
        };
        QVERIFY(take(clients[0]->next()));
        server.process().terminate();
        int answered = 1;
        int unanswered = 0;
        for (int k = 0; k < kKiosks; ++k) {
            for (int b = k == 0 ? 1 : 0; b < kBatchesPerKiosk; ++b) {
                if (take(clients[k]->next())) {
                    ++answered;
                } else {
                    // The connection closed: nothing more comes on it.
                    unanswered += kBatchesPerKiosk - b;
                    break;
                }
            }
        }
        qInfo("%d batches answered, %d not answered when the observatory stopped", answered,
              unanswered);
        QVERIFY(exitedWithin(server.process(), 10000));
        QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.process().exitCode(), 0);
        QVERIFY(refused.isEmpty());

        auto store = Store::open(server.database());
        QCOMPARE(store->integrityCheck(), QStringLiteral("ok"));
        QSet<QString> stored;
        QMap<QString, int> perBatch;
        QSqlQuery q = store->prepare(QStringLiteral("SELECT id FROM records"));
        Store::run(q);
        while (q.next()) {
            const QString id = q.value(0).toString();
            QVERIFY2(!stored.contains(id), qPrintable(id));
            stored.insert(id);
            ++perBatch[id.left(30)];
        }
        // Whole batches only, and exactly those the observatory said it stored: nothing
        // acknowledged is missing, nothing stored went unacknowledged.
        for (auto it = perBatch.cbegin(); it != perBatch.cend(); ++it)
            QCOMPARE(it.value(), kRecordsPerBatch);
        QCOMPARE(stored.size(), acknowledged.size());
        QVERIFY(stored == acknowledged);
        QCOMPARE(answered * kRecordsPerBatch, int(stored.size()));
        QCOMPARE(store->scalar(QStringLiteral("SELECT COUNT(*) FROM call_events")).toInt(),
                 int(stored.size()));
    }
};

QTEST_GUILESS_MAIN(TestObservatoryService)
#include "tst_observatory_service.moc"
