#include "cupsprinting.h"
#include "pdfpages.h"
#include "privatecups.h"
#include "testpdf.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QTest>

using namespace relais;

// CupsPrinting against a real CUPS scheduler started by the test: what lands on the printer
// (pages and copies), the printer's state in every case the kiosk must explain, and the purge
// of a session's jobs.
class TestCupsPrinting : public QObject
{
    Q_OBJECT

    PrivateCups m_cups;
    QTemporaryDir m_dir;
    std::unique_ptr<CupsPrinting> m_printing;

    JobStatus waitForJob(int job, int timeoutMs = 60000)
    {
        JobStatus status;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            status = m_printing->jobStatus(job);
            if (status.finished())
                return status;
            QTest::qWait(200);
        }
        return status;
    }

    PrinterStatus waitForProblem(const QString &printer, PrinterProblem problem)
    {
        PrinterStatus status;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 30000) {
            status = m_printing->printerStatus(printer);
            if (printerProblem(status) == problem)
                return status;
            QTest::qWait(200);
        }
        return status;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_cups.start(&error), qPrintable(error));
        m_printing = std::make_unique<CupsPrinting>(m_cups.server());
    }

    void defaultPrinterIsReady()
    {
        const PrinterStatus status = m_printing->printerStatus({});
        QVERIFY(status.serviceReachable);
        QVERIFY(status.exists);
        QCOMPARE(status.name, QStringLiteral("relais-pdf"));
        QCOMPARE(status.state, PrinterStatus::State::Idle);
        QVERIFY(status.accepting);
        QCOMPARE(printerProblem(status), PrinterProblem::None);
    }

    void everyPageAndCopyLands_data()
    {
        QTest::addColumn<int>("pages");
        QTest::addColumn<int>("copies");
        QTest::newRow("one page") << 1 << 1;
        QTest::newRow("three pages") << 3 << 1;
        QTest::newRow("three pages twice") << 3 << 2;
    }

    void everyPageAndCopyLands()
    {
        QFETCH(int, pages);
        QFETCH(int, copies);
        const QString pdf = m_dir.filePath(QStringLiteral("doc-%1.pdf").arg(pages));
        QVERIFY(writeTestPdf(pdf, pages));
        m_cups.resetOutput();
        const auto submission = m_printing->submit({}, pdf, copies);
        QVERIFY2(submission.job > 0, qPrintable(submission.error));
        QCOMPARE(submission.printer, QStringLiteral("relais-pdf"));
        const JobStatus status = waitForJob(submission.job);
        QVERIFY2(status.state == JobStatus::State::Completed, qPrintable(m_cups.errorLog()));
        const RenderedPage landed = renderPdfPage(m_cups.outputPath(), 0, QSize(100, 100));
        QVERIFY2(landed.readable, "the printer's output is not a PDF");
        QCOMPARE(landed.pageCount, pages * copies);
    }

    void stoppedPrinterSaysSoAndKeepsTheJob()
    {
        QVERIFY(m_cups.pause(QStringLiteral("relais-pdf")));
        const PrinterStatus status = m_printing->printerStatus({});
        QCOMPARE(status.state, PrinterStatus::State::Stopped);
        QCOMPARE(printerProblem(status), PrinterProblem::Paused);

        const QString pdf = m_dir.filePath(QStringLiteral("waiting.pdf"));
        QVERIFY(writeTestPdf(pdf, 2));
        m_cups.resetOutput();
        const auto submission = m_printing->submit({}, pdf, 1);
        QVERIFY2(submission.job > 0, qPrintable(submission.error));
        QTest::qWait(1500);
        QCOMPARE(m_printing->jobStatus(submission.job).state, JobStatus::State::Pending);

        QVERIFY(m_cups.resume(QStringLiteral("relais-pdf")));
        QCOMPARE(waitForJob(submission.job).state, JobStatus::State::Completed);
        QCOMPARE(renderPdfPage(m_cups.outputPath(), 0, QSize(10, 10)).pageCount, 2);
        QCOMPARE(printerProblem(m_printing->printerStatus({})), PrinterProblem::None);
    }

    void printerFaultsAreNamed_data()
    {
        QTest::addColumn<QString>("printer");
        QTest::addColumn<int>("problemValue");
        QTest::addColumn<QString>("reason");
        QTest::newRow("out of paper")
            << QStringLiteral("relais-nopaper") << int(PrinterProblem::NoPaper)
            << QStringLiteral("media-empty-error");
        QTest::newRow("offline") << QStringLiteral("relais-offline") << int(PrinterProblem::Offline)
                                 << QStringLiteral("offline-report");
    }

    void printerFaultsAreNamed()
    {
        QFETCH(QString, printer);
        QFETCH(int, problemValue);
        const auto problem = PrinterProblem(problemValue);
        QFETCH(QString, reason);
        const QString pdf = m_dir.filePath(QStringLiteral("fault.pdf"));
        QVERIFY(writeTestPdf(pdf, 1));
        const auto submission = m_printing->submit(printer, pdf, 1);
        QVERIFY2(submission.job > 0, qPrintable(submission.error));
        const PrinterStatus status = waitForProblem(printer, problem);
        QVERIFY2(printerProblem(status) == problem, qPrintable(status.reasons.join(u',')));
        QVERIFY(status.reasons.contains(reason));
        QVERIFY(!m_printing->jobStatus(submission.job).finished());
        QString error;
        QVERIFY2(m_printing->purge(printer, submission.job, &error), qPrintable(error));
        // A job under way ends once its backend has stopped.
        QTRY_COMPARE_WITH_TIMEOUT(m_cups.jobsKnown(printer), 0, 15000);
    }

    void purgeForgetsWaitingAndFinishedJobs()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("purge.pdf"));
        QVERIFY(writeTestPdf(pdf, 1));
        m_cups.resetOutput();
        const auto done = m_printing->submit({}, pdf, 1);
        QVERIFY(done.job > 0);
        QCOMPARE(waitForJob(done.job).state, JobStatus::State::Completed);
        QVERIFY(m_cups.pause(QStringLiteral("relais-pdf")));
        const auto waiting = m_printing->submit({}, pdf, 1);
        QVERIFY(waiting.job > 0);
        QVERIFY(m_cups.jobsKnown(QStringLiteral("relais-pdf")) >= 2);

        QString error;
        QVERIFY2(m_printing->purge(done.printer, done.job, &error), qPrintable(error));
        QVERIFY2(m_printing->purge(waiting.printer, waiting.job, &error), qPrintable(error));
        QVERIFY(m_cups.resume(QStringLiteral("relais-pdf")));
        // Neither the waiting job nor the history of the printed one is left on the server.
        QVERIFY(!m_printing->jobStatus(waiting.job).error.isEmpty());
        QVERIFY(!m_printing->jobStatus(done.job).error.isEmpty());
    }

    void unreachableServiceIsNamed()
    {
        CupsPrinting nowhere(QStringLiteral("127.0.0.1:9"));
        const PrinterStatus status = nowhere.printerStatus({});
        QVERIFY(!status.serviceReachable);
        QCOMPARE(printerProblem(status), PrinterProblem::NoService);
        const QString pdf = m_dir.filePath(QStringLiteral("nowhere.pdf"));
        QVERIFY(writeTestPdf(pdf, 1));
        const auto submission = nowhere.submit({}, pdf, 1);
        QCOMPARE(submission.job, 0);
        QVERIFY(!submission.error.isEmpty());
    }

    void unknownPrinterIsNamed()
    {
        const PrinterStatus status = m_printing->printerStatus(QStringLiteral("no-such-printer"));
        QVERIFY(status.serviceReachable);
        QVERIFY(!status.exists);
        QCOMPARE(printerProblem(status), PrinterProblem::NoPrinter);
    }
};

QTEST_MAIN(TestCupsPrinting)
#include "tst_cupsprinting.moc"
