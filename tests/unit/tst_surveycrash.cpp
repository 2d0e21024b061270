// SPDX-License-Identifier: EUPL-1.2
#include "counts/weeklygrid.h"
#include "database.h"
#include "kioskschema.h"
#include "survey/surveyresponses.h"

#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace relais;

// kill -9 in the middle of survey answers and grid changes, many times: the store passes its
// integrity check, every response is finished with its mark (partial or complete) and queued
// once with the same mark, and no closed week's report ever changes.
class TestSurveyCrash : public QObject
{
    Q_OBJECT

private slots:
    void killedWritersLeaveAConsistentStore()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("kiosk.sqlite"));
        QRandomGenerator random(20261118);
        QHash<QString, QString> reports; // id → body, as first seen
        for (int cycle = 0; cycle < 30; ++cycle) {
            QProcess writer;
            writer.setProgram(QStringLiteral(RELAIS_SURVEYWRITER_EXE));
            writer.setArguments({file, QString::number(cycle)});
            writer.start();
            QVERIFY(writer.waitForStarted());
            const int target = 3 + static_cast<int>(random.bounded(25));
            QByteArray seen;
            while (seen.count('\n') < target) {
                QVERIFY2(writer.waitForReadyRead(20000), "the writer stopped writing");
                seen += writer.readAllStandardOutput();
            }
            QTest::qWait(static_cast<int>(random.bounded(10)));
            writer.kill();
            QVERIFY(writer.waitForFinished());

            Database::OpenReport report;
            auto db = Database::open(file, kioskMigrations(), &report);
            QVERIFY2(!report.recreatedAfterCorruption, qPrintable(report.problem));
            QCOMPARE(db->integrityCheck(), QStringLiteral("ok"));
            // The kiosk's start finishes what the crash left open.
            SurveyResponses responses(*db, QStringLiteral("46-crash"), QTimeZone("Europe/Paris"));
            responses.finishAbandoned();

            Statement open =
                db->prepare("SELECT count(*) FROM survey_response WHERE state = 'open'");
            QVERIFY(open.step());
            QCOMPARE(open.integer(0), 0);
            Statement marks =
                db->prepare("SELECT r.id, r.state, json_extract(o.body, '$.partial'), "
                            "(SELECT count(*) FROM outbox WHERE id = r.id) FROM survey_response r "
                            "LEFT JOIN outbox o ON o.id = r.id");
            int responsesSeen = 0;
            while (marks.step()) {
                ++responsesSeen;
                QCOMPARE(marks.integer(3), 1);
                QCOMPARE(marks.integer(2), marks.text(1) == QLatin1String("partial") ? 1 : 0);
            }
            QVERIFY(responsesSeen > 0);

            Statement closed = db->prepare("SELECT id, body FROM weekly_report");
            while (closed.step()) {
                const auto known = reports.constFind(closed.text(0));
                if (known == reports.constEnd())
                    reports.insert(closed.text(0), closed.text(1));
                else
                    QCOMPARE(closed.text(1), *known);
            }
            // Every report is queued, with the very same body.
            Statement queued =
                db->prepare("SELECT count(*) FROM weekly_report w JOIN outbox o ON o.id = w.id "
                            "WHERE json(o.body) = json(w.body)");
            QVERIFY(queued.step());
            QCOMPARE(queued.integer(0), static_cast<qint64>(reports.size()));
        }
        QVERIFY(!reports.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSurveyCrash)
#include "tst_surveycrash.moc"
