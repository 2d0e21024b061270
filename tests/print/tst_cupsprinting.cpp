// SPDX-License-Identifier: EUPL-1.2
#include "cupsprinting.h"
#include "pdfpages.h"
#include "privatecups.h"
#include "testpdf.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPdfDocument>
#include <QTest>

#include <unistd.h>

using namespace relais;

// CupsPrinting against a real CUPS scheduler started by the test, whose default printer is a
// CUPS-PDF virtual printer (as root; tests/support/privatecups.h): what lands on the printer (the
// document's pages, and its copies), the printer's state in every case the kiosk must explain,
// and the purge of a session's jobs.
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

    // The middles of the dark bands across a rendered page (transparent where nothing is
    // drawn), as shares of its height: runs of rows more than half dark.
    static QList<double> bandMiddles(const QImage &page)
    {
        QImage grey(page.size(), QImage::Format_RGB32);
        grey.fill(Qt::white);
        QPainter painter(&grey);
        painter.drawImage(0, 0, page);
        painter.end();
        grey = grey.convertToFormat(QImage::Format_Grayscale8);
        QList<double> middles;
        int first = -1;
        for (int y = 0; y <= grey.height(); ++y) {
            int dark = 0;
            if (y < grey.height()) {
                const uchar *line = grey.constScanLine(y);
                for (int x = 0; x < grey.width(); ++x)
                    dark += line[x] < 128;
            }
            const bool inBand = dark * 2 > grey.width();
            if (inBand && first < 0)
                first = y;
            if (!inBand && first >= 0) {
                middles.append((first + y) / 2.0 / grey.height());
                first = -1;
            }
        }
        return middles;
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
        // CI runs as root: there the default printer must be the real CUPS-PDF one.
        if (geteuid() == 0)
            QVERIFY2(m_cups.usesCupsPdf(), "as root, relais-pdf should be a CUPS-PDF printer");
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
        // One PDF, which CUPS-PDF names after the job: relais-kiosk.pdf.
        QCOMPARE(m_cups.outputFiles(), QStringList{QFileInfo(m_cups.outputPath()).fileName()});
        const RenderedPage landed = renderPdfPage(m_cups.outputPath(), 0, QSize(100, 100));
        QVERIFY2(landed.readable, "the printer's output is not a PDF");
        // CUPS-PDF is a PostScript printer to CUPS: the copies are left to the printer, and
        // ghostscript (which CUPS-PDF makes the PDF with) writes one copy of what it gets. So the
        // PDF holds the document's pages once, and the copies are what CUPS sent the printer:
        // its page log counts pages x copies. (The file: queue without root gets every copy.)
        QCOMPARE(landed.pageCount, m_cups.landedPages(pages, copies));
        QTRY_COMPARE_WITH_TIMEOUT(m_cups.pagesLogged(), pages * copies, 10000);
        // Each page is the document's, in its order: its size (A4 upright), and its one band
        // where the document's page has it. (Its text is no check: through PostScript and
        // ghostscript the fonts lose what their glyphs mean, and the glyphs move a little.)
        QPdfDocument source;
        QPdfDocument out;
        QCOMPARE(source.load(pdf), QPdfDocument::Error::None);
        QCOMPARE(out.load(m_cups.outputPath()), QPdfDocument::Error::None);
        for (int page = 0; page < out.pageCount(); ++page) {
            // Copies, where they land (the file: queue), are not collated: 1, 1, 2, 2…
            const int own = out.pageCount() == pages ? page : page / copies;
            const QSizeF size = out.pagePointSize(page);
            QVERIFY2(qAbs(size.width() - source.pagePointSize(own).width()) < 1 &&
                         qAbs(size.height() - source.pagePointSize(own).height()) < 1,
                     qPrintable(QStringLiteral("page %1 is %2 x %3 pt")
                                    .arg(page + 1)
                                    .arg(size.width())
                                    .arg(size.height())));
            const QList<double> bands =
                bandMiddles(renderPdfPage(m_cups.outputPath(), page, QSize(600, 600)).image);
            QCOMPARE(bands.size(), 1);
            QVERIFY2(qAbs(bands.constFirst() - testPageBandMiddle(own + 1)) < 0.02,
                     qPrintable(QStringLiteral("page %1: a band at %2 of its height")
                                    .arg(page + 1)
                                    .arg(bands.constFirst())));
        }
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
