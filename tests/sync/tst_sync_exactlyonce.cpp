// Exactly once, whatever happens: the kiosk's sync (relais-syncdriver: the kiosk core's
// journal and sync worker in a process) writes records while the real relais-observatory is
// killed and restarted, the line is refused, black-holed or cut (a TCP relay the test
// controls: a network namespace would need root, CI may not have it), and the kiosk's own
// process is killed with SIGKILL at random points. At the end every record is on the
// observatory once and none is left in the kiosk's outbox.
#include "enrolledkiosk.h"
#include "kioskschema.h"
#include "tcpproxy.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace relais;
using namespace relais::observatory;
using namespace relais::observatory::test;
using relais::test::TcpProxy;

class TestSyncExactlyOnce : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ObservatoryProcess m_observatory;
    TcpProxy m_proxy;
    ClientIdentity m_identity;
    QSet<QString> m_printed; // ids the driver said were committed

    QStringList driverArguments(const QString &store) const
    {
        return {QStringLiteral("--store"),
                store,
                QStringLiteral("--url"),
                QStringLiteral("https://127.0.0.1:%1").arg(m_proxy.port()),
                QStringLiteral("--data"),
                m_dir.filePath(QStringLiteral("kiosk")),
                QStringLiteral("--site"),
                QStringLiteral("46-bretenoux"),
                QStringLiteral("--poll-ms"),
                QStringLiteral("50"),
                QStringLiteral("--backoff-ms"),
                QStringLiteral("150"),
                QStringLiteral("--stall-s"),
                QStringLiteral("2"),
                QStringLiteral("--heartbeat-s"),
                QStringLiteral("1")};
    }

    void collect(QProcess &driver)
    {
        const QList<QByteArray> lines = driver.readAllStandardOutput().split('\n');
        for (const QByteArray &line : lines)
            if (line.startsWith("written "))
                m_printed.insert(QString::fromLatin1(line.mid(8).trimmed()));
    }

    bool restartObservatory()
    {
        m_observatory.kill9();
        if (!m_observatory.start())
            return false;
        m_proxy.setTarget(m_observatory.port());
        return true;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_observatory.start());
        m_proxy.setTarget(m_observatory.port());
        m_identity =
            relais::test::enrollKiosk(m_observatory, m_dir.filePath(QStringLiteral("kiosk")),
                                      QStringLiteral("46-bretenoux"), QStringLiteral("borne-1"));
    }

    void everyRecordArrivesOnceThroughKillsAndCuts()
    {
        const QString store = m_dir.filePath(QStringLiteral("kiosk.sqlite"));
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo() << "seed" << seed;
        QRandomGenerator random(seed);
        const int cycles = 40;
        for (int cycle = 0; cycle < cycles; ++cycle) {
            QProcess driver;
            QStringList arguments = driverArguments(store);
            arguments << QStringLiteral("--write") << QString::number(random.bounded(10, 60))
                      << QStringLiteral("--write-ms") << QString::number(random.bounded(1, 15))
                      << QStringLiteral("--batch") << QString::number(random.bounded(1, 40));
            driver.setProcessChannelMode(QProcess::SeparateChannels);
            driver.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
            driver.start(QStringLiteral(RELAIS_SYNC_DRIVER), arguments);
            QVERIFY(driver.waitForStarted());
            // Something happens to the line or the observatory while the kiosk works...
            const int disturbance = random.bounded(5);
            QTest::qWait(random.bounded(20, 300));
            switch (disturbance) {
            case 0:
                QVERIFY(restartObservatory());
                break;
            case 1:
                m_proxy.setMode(TcpProxy::Mode::Refuse);
                break;
            case 2:
                m_proxy.setMode(TcpProxy::Mode::Blackhole);
                break;
            case 3:
                m_proxy.cut();
                break;
            default:
                break;
            }
            QTest::qWait(random.bounded(20, 600));
            m_proxy.setMode(TcpProxy::Mode::Forward);
            QTest::qWait(random.bounded(0, 400));
            // ...and the kiosk dies wherever it is.
            driver.kill();
            driver.waitForFinished();
            collect(driver);
        }
        QVERIFY(m_printed.size() > cycles * 5);

        // The line is back and stays up: the kiosk empties its outbox.
        m_proxy.setMode(TcpProxy::Mode::Forward);
        QProcess last;
        last.start(QStringLiteral(RELAIS_SYNC_DRIVER), driverArguments(store)
                                                           << QStringLiteral("--until-empty"));
        QVERIFY(last.waitForFinished(120000));
        QCOMPARE(last.exitCode(), 0);
        QVERIFY(last.readAllStandardOutput().contains("empty"));

        auto kiosk = Database::open(store, kioskMigrations());
        QCOMPARE(kiosk->integrityCheck(), QStringLiteral("ok"));
        Statement outbox = kiosk->prepare("SELECT count(*) FROM outbox");
        QVERIFY(outbox.step());
        QCOMPARE(outbox.integer(0), 0);
        Statement aside = kiosk->prepare("SELECT count(*) FROM outbox_aside");
        QVERIFY(aside.step());
        QCOMPARE(aside.integer(0), 0);
        QSet<QString> journal;
        Statement events = kiosk->prepare("SELECT id FROM journal");
        while (events.step())
            journal.insert(events.text(0));
        // Every record the kiosk committed (and said so) is in its journal...
        QVERIFY((m_printed - journal).isEmpty());

        // ...and on the observatory, once each, and nothing else.
        m_observatory.stop();
        auto observatory = Store::open(m_observatory.database());
        QSqlQuery stored = observatory->prepare(
            QStringLiteral("SELECT id, COUNT(*) FROM records WHERE kind = 'journal_event' "
                           "GROUP BY id"));
        Store::run(stored);
        QSet<QString> received;
        while (stored.next()) {
            QCOMPARE(stored.value(1).toInt(), 1);
            received.insert(stored.value(0).toString());
        }
        QCOMPARE(received.size(), journal.size());
        QVERIFY2(received == journal, qPrintable(QStringLiteral("missing %1, unexpected %2")
                                                     .arg((journal - received).size())
                                                     .arg((received - journal).size())));
        const qint64 heartbeats =
            observatory->scalar(QStringLiteral("SELECT COUNT(*) FROM heartbeats")).toLongLong();
        QVERIFY(heartbeats > 0);
        // The devices' state as the kiosk's print desk gave it.
        const QJsonObject peripherals =
            QJsonDocument::fromJson(
                observatory
                    ->scalar(QStringLiteral(
                        "SELECT peripherals FROM heartbeats ORDER BY created_at DESC LIMIT 1"))
                    .toString()
                    .toUtf8())
                .object();
        QCOMPARE(peripherals.value(QStringLiteral("printer")).toString(), QStringLiteral("ok"));
        QCOMPARE(peripherals.value(QStringLiteral("scanner")).toString(),
                 QStringLiteral("missing"));
        qInfo() << journal.size() << "records," << heartbeats << "heartbeats," << cycles << "kills";
    }
};

QTEST_GUILESS_MAIN(TestSyncExactlyOnce)
#include "tst_sync_exactlyonce.moc"
