// SPDX-License-Identifier: EUPL-1.2
// Backup and restore of the observatory's store against the real relais-observatory, while a
// kiosk's batches keep arriving: on SQLite `relais-observatory backup` and `restore`, on
// PostgreSQL (RELAIS_TEST_BACKEND=postgresql) the README's pg_dump / pg_restore procedure. The
// copy restored into an empty place passes its integrity check and holds whole batches only
// (at least every batch acknowledged before the backup began); a backup taken once the batches
// stop, restored and served, shows the partners' dashboard the same figures as the original.
#include "backend.h"
#include "observatoryprocess.h"
#include "partnersession.h"

#include <QProcess>
#include <QTest>

using namespace relais::observatory;
using namespace relais::observatory::test;

namespace {

const QString kSite = QStringLiteral("46-bretenoux");
constexpr int kBatch = 100;

QStringList kAgencies{QStringLiteral("caf"), QStringLiteral("cpam"), QStringLiteral("carsat")};

qint64 recordCount(const QString &database)
{
    return Store::open(database)
        ->scalar(QStringLiteral("SELECT COUNT(*) FROM records"))
        .toLongLong();
}

} // namespace

class TestObservatoryBackup : public QObject
{
    Q_OBJECT

private:
    Backend m_backend;
    std::unique_ptr<ObservatoryProcess> m_source;
    KioskIdentity m_kiosk;
    int m_batches = 0;
    QTemporaryDir m_dir;

    bool sendBatch()
    {
        QJsonArray records;
        for (int i = 0; i < kBatch; ++i)
            records.append(
                callEnded(kSite, kAgencies[(m_batches + i) % kAgencies.size()],
                          i % 4 ? QStringLiteral("answered") : QStringLiteral("abandoned")));
        ++m_batches;
        const Reply reply =
            m_source->client(m_kiosk).postJson(QStringLiteral("/v1/records"), batch(records));
        return reply.status == 200;
    }

    // Starts the backup of the source's store into `file` (the product's command on SQLite,
    // pg_dump on PostgreSQL).
    void startBackup(QProcess &process, const QString &file)
    {
        if (m_backend.isPostgres()) {
            m_backend.postgres()->startTool(process, QStringLiteral("pg_dump"),
                                            {QStringLiteral("--format=custom"),
                                             QStringLiteral("--file=") + file,
                                             QStringLiteral("postgres")});
            return;
        }
        process.setProcessChannelMode(QProcess::ForwardedChannels);
        process.start(QStringLiteral(RELAIS_OBSERVATORY_EXE),
                      {QStringLiteral("backup"), QStringLiteral("--config"), m_source->configPath(),
                       QStringLiteral("--out"), file});
    }

    QString backupPath(const QString &name) const
    {
        return (m_backend.isPostgres() ? m_backend.postgres()->directory() : m_dir.path()) + u'/' +
               name;
    }

    // A new observatory whose store is restored from `file`: into a new, empty database
    // (PostgreSQL) or a folder with no store yet (SQLite).
    std::unique_ptr<ObservatoryProcess> restored(const QString &file, const QString &database)
    {
        std::unique_ptr<ObservatoryProcess> server;
        if (m_backend.isPostgres()) {
            if (!m_backend.postgres()->tool(QStringLiteral("createdb"), {database}) ||
                !m_backend.postgres()->tool(
                    QStringLiteral("pg_restore"),
                    {QStringLiteral("--exit-on-error"), QStringLiteral("--single-transaction"),
                     QStringLiteral("--no-owner"), QStringLiteral("--dbname=") + database, file}))
                return nullptr;
            server = std::make_unique<ObservatoryProcess>(m_backend.postgres()->url(database));
        } else {
            server = std::make_unique<ObservatoryProcess>();
            if (QFile::exists(server->database()))
                return nullptr; // the place must be empty
            QProcess restore;
            restore.setProcessChannelMode(QProcess::ForwardedChannels);
            restore.start(QStringLiteral(RELAIS_OBSERVATORY_EXE),
                          {QStringLiteral("restore"), QStringLiteral("--config"),
                           server->configPath(), QStringLiteral("--from"), file});
            if (!restore.waitForFinished(60000) || restore.exitCode() != 0)
                return nullptr;
        }
        return server;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_source = std::make_unique<ObservatoryProcess>(m_backend.database());
        QVERIFY(m_source->start());
        m_kiosk = m_source->enrollNew(kSite, QStringLiteral("borne-1"));
        for (int i = 0; i < 5; ++i)
            QVERIFY(sendBatch());
    }

    void backupWhileIngestRuns()
    {
        const qint64 before = recordCount(m_source->database());
        QCOMPARE(before, 5 * kBatch);
        QProcess backup;
        const QString file = backupPath(QStringLiteral("during.backup"));
        startBackup(backup, file);
        QVERIFY(backup.waitForStarted());
        int during = 0;
        while (backup.state() != QProcess::NotRunning || during < 3) {
            QVERIFY(sendBatch());
            ++during;
            QCoreApplication::processEvents();
        }
        QCOMPARE(backup.exitStatus(), QProcess::NormalExit);
        QCOMPARE(backup.exitCode(), 0);
        const qint64 after = recordCount(m_source->database());
        QCOMPARE(after, qint64(m_batches) * kBatch);

        auto copy = restored(file, QStringLiteral("restored_during"));
        QVERIFY(copy);
        QCOMPARE(Store::open(copy->database())->integrityCheck(), QStringLiteral("ok"));
        const qint64 count = recordCount(copy->database());
        QVERIFY2(count >= before && count <= after,
                 qPrintable(QStringLiteral("%1 records restored, %2 before and %3 after")
                                .arg(count)
                                .arg(before)
                                .arg(after)));
        QCOMPARE(count % kBatch, 0); // a batch is in the copy whole, or not at all
        QVERIFY(copy->start());
    }

    void restoredServerShowsTheSameFigures()
    {
        PartnerSession original(*m_source, {QStringLiteral("lot"), QStringLiteral("Lot"), {}, {}});
        QVERIFY(original.loggedIn());
        QProcess backup;
        const QString file = backupPath(QStringLiteral("quiet.backup"));
        startBackup(backup, file);
        QVERIFY(backup.waitForFinished(60000));
        QCOMPARE(backup.exitCode(), 0);

        auto copy = restored(file, QStringLiteral("restored_quiet"));
        QVERIFY(copy);
        QCOMPARE(recordCount(copy->database()), recordCount(m_source->database()));
        QVERIFY(copy->start());
        PartnerSession again(*copy, {QStringLiteral("lot"), QStringLiteral("Lot"), {}, {}});
        QVERIFY(again.loggedIn());
        const Reply expected = original.get(QStringLiteral("/dashboard/api/tables"));
        const Reply actual = again.get(QStringLiteral("/dashboard/api/tables"));
        QCOMPARE(expected.status, 200);
        QCOMPARE(actual.status, 200);
        QVERIFY(expected.body.contains("cpam"));
        QCOMPARE(actual.json(), expected.json());
    }

    void badRestoresChangeNothing()
    {
        if (m_backend.isPostgres())
            QSKIP("the product's restore command is for SQLite stores");
        // Never over an existing store.
        QProcess restore;
        restore.start(QStringLiteral(RELAIS_OBSERVATORY_EXE),
                      {QStringLiteral("restore"), QStringLiteral("--config"),
                       m_source->configPath(), QStringLiteral("--from"),
                       backupPath(QStringLiteral("quiet.backup"))});
        QVERIFY(restore.waitForFinished(60000));
        QCOMPARE(restore.exitCode(), 1);
        QVERIFY(restore.readAllStandardError().contains("never overwritten"));
        // Not a database: nothing is left behind.
        const QString junk = backupPath(QStringLiteral("junk.backup"));
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
        file.close();
        ObservatoryProcess empty;
        QProcess refused;
        refused.start(QStringLiteral(RELAIS_OBSERVATORY_EXE),
                      {QStringLiteral("restore"), QStringLiteral("--config"), empty.configPath(),
                       QStringLiteral("--from"), junk});
        QVERIFY(refused.waitForFinished(60000));
        QCOMPARE(refused.exitCode(), 1);
        QVERIFY(!QFile::exists(empty.database()));
        QVERIFY(!QFile::exists(empty.database() + QStringLiteral(".partial")));
    }
};

QTEST_GUILESS_MAIN(TestObservatoryBackup)
#include "tst_observatory_backup.moc"
