// SPDX-License-Identifier: EUPL-1.2
#include "database.h"
#include "journal.h"
#include "kioskschema.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace relais;

// The local store: the journal's records, its durability settings, and what happens when the
// file is damaged or comes from a newer kiosk.
class TestJournal : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    static QStringList entries(const QString &directory)
    {
        return QDir(directory).entryList(QDir::Files | QDir::NoDotAndDotDot);
    }

private slots:
    void appendsWholeEvents()
    {
        auto db = Database::open(path("a.sqlite"), kioskMigrations());
        Journal journal(*db, QStringLiteral("46-test"));
        const JournalEvent written = journal.append(
            QStringLiteral("agency_chosen"), {{QStringLiteral("agency"), QStringLiteral("caf")}});
        static const QRegularExpression uuidV4(QStringLiteral(
            "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        QVERIFY2(uuidV4.match(written.id).hasMatch(), qPrintable(written.id));
        const auto events = journal.events();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].id, written.id);
        QCOMPARE(events[0].type, QStringLiteral("agency_chosen"));
        QCOMPARE(events[0].siteId, QStringLiteral("46-test"));
        QCOMPARE(events[0].payload.value(QStringLiteral("agency")).toString(),
                 QStringLiteral("caf"));
        QVERIFY(events[0].monotonicMs > 0);
        QVERIFY(!events[0].bootId.isEmpty());
        QVERIFY(QDateTime::fromString(events[0].wallUtc, Qt::ISODateWithMs).isValid());
        QVERIFY(events[0].wallUtc.endsWith(QLatin1Char('Z')));
    }

    void idsAreUniqueAndTimeIsMonotonic()
    {
        auto db = Database::open(path("b.sqlite"), kioskMigrations());
        Journal journal(*db, QStringLiteral("46-test"));
        QSet<QString> ids;
        qint64 last = 0;
        for (int i = 0; i < 200; ++i) {
            const auto e = journal.append(QStringLiteral("session_started"));
            QVERIFY(!ids.contains(e.id));
            ids.insert(e.id);
            QVERIFY(e.monotonicMs >= last);
            last = e.monotonicMs;
        }
        QCOMPARE(journal.count(), 200);
    }

    void isDurableAndAppendOnly()
    {
        auto db = Database::open(path("c.sqlite"), kioskMigrations());
        Journal journal(*db, QStringLiteral("46-test"));
        journal.append(QStringLiteral("session_started"));
        Statement mode = db->prepare("PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(mode.text(0), QStringLiteral("wal"));
        Statement sync = db->prepare("PRAGMA synchronous");
        QVERIFY(sync.step());
        QCOMPARE(sync.integer(0), 2); // FULL
        QCOMPARE(db->userVersion(), kioskMigrations().last().version);
        QVERIFY_THROWS_EXCEPTION(DatabaseError, db->exec("UPDATE journal SET type = 'x'"));
        QVERIFY_THROWS_EXCEPTION(DatabaseError, db->exec("DELETE FROM journal"));
        QCOMPARE(journal.count(), 1);
    }

    void survivesReopening()
    {
        {
            auto db = Database::open(path("d.sqlite"), kioskMigrations());
            Journal(*db, QStringLiteral("46-test")).append(QStringLiteral("session_started"));
        }
        Database::OpenReport report;
        auto db = Database::open(path("d.sqlite"), kioskMigrations(), &report);
        QVERIFY(!report.recreatedAfterCorruption);
        QVERIFY(!report.inMemoryFallback);
        QCOMPARE(Journal(*db, QStringLiteral("46-test")).count(), 1);
    }

    void garbageFileIsMovedAsideAndReplaced()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("kiosk.sqlite"));
        QFile garbage(file);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, '\x5a'));
        garbage.close();

        Database::OpenReport report;
        auto db = Database::open(file, kioskMigrations(), &report);
        QVERIFY(report.recreatedAfterCorruption);
        QVERIFY(!report.inMemoryFallback);
        QVERIFY(report.movedAsideTo.startsWith(file + QStringLiteral(".corrupt-")));
        QVERIFY(QFile::exists(report.movedAsideTo));
        QCOMPARE(QFile(report.movedAsideTo).size(), 8192); // kept for inspection, untouched
        Journal journal(*db, QStringLiteral("46-test"));
        journal.append(QStringLiteral("session_started"));
        QCOMPARE(journal.count(), 1);
        QCOMPARE(db->integrityCheck(), QStringLiteral("ok"));
    }

    void damagedPagesAreDetected()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("kiosk.sqlite"));
        {
            auto db = Database::open(file, kioskMigrations());
            Journal journal(*db, QStringLiteral("46-test"));
            for (int i = 0; i < 300; ++i)
                journal.append(QStringLiteral("session_started"),
                               {{QStringLiteral("pad"), QString(200, QLatin1Char('p'))}});
            db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        // Scribble over the middle of the file, as a failing disk or a torn write would.
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.size() > 16 * 4096);
        f.seek(f.size() / 2);
        f.write(QByteArray(3 * 4096, '\xff'));
        f.close();

        Database::OpenReport report;
        auto db = Database::open(file, kioskMigrations(), &report);
        QVERIFY2(report.recreatedAfterCorruption, qPrintable(report.problem));
        QCOMPARE(db->integrityCheck(), QStringLiteral("ok"));
        QCOMPARE(Journal(*db, QStringLiteral("46-test")).count(), 0);
        // And the next start is clean: no crash loop, no second move.
        db.reset();
        auto again = Database::open(file, kioskMigrations(), &report);
        QVERIFY(!report.recreatedAfterCorruption);
    }

    void newerSchemaIsLeftUntouched()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("kiosk.sqlite"));
        {
            auto db = Database::open(file, kioskMigrations());
            Journal(*db, QStringLiteral("46-test")).append(QStringLiteral("session_started"));
            db->exec("PRAGMA user_version=999");
            db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        QFile before(file);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray bytes = before.readAll();
        before.close();

        Database::OpenReport report;
        auto db = Database::open(file, kioskMigrations(), &report);
        QVERIFY(report.inMemoryFallback);
        QVERIFY(report.problem.contains(QStringLiteral("newer")));
        Journal(*db, QStringLiteral("46-test")).append(QStringLiteral("session_started"));
        db.reset();
        QFile after(file);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), bytes);
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("kiosk.sqlite")});
    }

    void unwritableLocationFallsBackToMemory()
    {
        // Not even root can create a directory under /proc.
        Database::OpenReport report;
        auto db =
            Database::open(QStringLiteral("/proc/relais/kiosk.sqlite"), kioskMigrations(), &report);
        QVERIFY(report.inMemoryFallback);
        Journal journal(*db, QStringLiteral("46-test"));
        journal.append(QStringLiteral("session_started"));
        QCOMPARE(journal.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
