// SPDX-License-Identifier: EUPL-1.2
#include "database.h"
#include "journal.h"
#include "kioskschema.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace relais;

// kill -9 in the middle of journal writes, many times: the store must open clean, pass its
// integrity check, hold every event whose commit was reported, and no event may be partial.
class TestJournalCrash : public QObject
{
    Q_OBJECT

private slots:
    void killedWritersLoseNothingCommitted()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("kiosk.sqlite"));
        QRandomGenerator random(20261122);
        qint64 expectedTotal = 0;
        const int cycles = 40;
        for (int cycle = 0; cycle < cycles; ++cycle) {
            QProcess writer;
            writer.setProgram(QStringLiteral(RELAIS_JOURNALWRITER_EXE));
            writer.setArguments({file, QString::number(cycle)});
            writer.start();
            QVERIFY(writer.waitForStarted());
            // Let it commit a random number of events, then kill it mid-stream.
            const int target = 5 + static_cast<int>(random.bounded(120));
            qint64 lastCommitted = -1;
            QByteArray pending;
            while (lastCommitted < target) {
                QVERIFY2(writer.waitForReadyRead(20000), "the writer stopped writing");
                pending += writer.readAllStandardOutput();
                const qsizetype end = pending.lastIndexOf('\n');
                if (end >= 0) {
                    const QList<QByteArray> lines = pending.left(end).split('\n');
                    lastCommitted = lines.last().toLongLong();
                    pending = pending.mid(end + 1);
                }
            }
            QTest::qWait(static_cast<int>(random.bounded(15)));
            writer.kill(); // SIGKILL
            QVERIFY(writer.waitForFinished());
            pending += writer.readAllStandardOutput();
            for (const QByteArray &line : pending.split('\n')) {
                if (!line.isEmpty())
                    lastCommitted = std::max(lastCommitted, line.toLongLong());
            }

            Database::OpenReport report;
            auto db = Database::open(file, kioskMigrations(), &report);
            QVERIFY2(!report.recreatedAfterCorruption, qPrintable(report.problem));
            QVERIFY(!report.inMemoryFallback);
            QCOMPARE(db->integrityCheck(), QStringLiteral("ok"));

            Statement count =
                db->prepare("SELECT count(*), max(json_extract(payload, '$.n')) "
                            "FROM journal WHERE json_extract(payload, '$.writer') = ?");
            count.bind(1, QString::number(cycle));
            QVERIFY(count.step());
            const qint64 rows = count.integer(0);
            // Every reported commit is there; at most the one in flight beyond it.
            QVERIFY2(rows >= lastCommitted + 1,
                     qPrintable(QStringLiteral("cycle %1: %2 rows, %3 reported")
                                    .arg(cycle)
                                    .arg(rows)
                                    .arg(lastCommitted + 1)));
            QVERIFY(rows <= lastCommitted + 2);
            QCOMPARE(count.integer(1), rows - 1); // numbered 0..rows-1 without a gap
            expectedTotal += rows;
        }

        auto db = Database::open(file, kioskMigrations());
        Journal journal(*db, QStringLiteral("46-crash"));
        const auto events = journal.events();
        QCOMPARE(events.size(), expectedTotal);
        for (const JournalEvent &e : events) {
            QCOMPARE(e.id.size(), 36);
            QCOMPARE(e.type, QStringLiteral("crash_probe"));
            const QString body = e.payload.value(QStringLiteral("body")).toString();
            const QString digest = QString::fromLatin1(
                QCryptographicHash::hash(body.toUtf8(), QCryptographicHash::Sha256).toHex());
            QCOMPARE(digest, e.payload.value(QStringLiteral("sha256")).toString());
        }
    }
};

QTEST_GUILESS_MAIN(TestJournalCrash)
#include "tst_journalcrash.moc"
