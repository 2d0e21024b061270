// SPDX-License-Identifier: EUPL-1.2
#include "cupsprinting.h"
#include "pdfpages.h"
#include "printdesk.h"
#include "printdocument.h"
#include "privatecups.h"
#include "sanescanning.h"
#include "sanetestdevices.h"
#include "scansession.h"
#include "testpdf.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QTest>

using namespace relais;

// The screens' models (PrintDocument, ScanSession) and the desk behind them, on the real
// devices: a CUPS scheduler of the test's own and SANE's test scanners. What lands, what the
// resident is told, and what is left after a session's end (nothing).
class TestPrintDesk : public QObject
{
    Q_OBJECT

    SaneTestDevices m_sane; // before any sane_init
    PrivateCups m_cups;
    QTemporaryDir m_files;
    QTemporaryDir m_sessions;
    std::unique_ptr<PrintDesk> m_desk;

    QString samplePdf(int pages)
    {
        const QString path = m_files.filePath(QStringLiteral("sample-%1.pdf").arg(pages));
        if (!QFile::exists(path))
            writeTestPdf(path, pages);
        return path;
    }

    static int filesUnder(const QString &dir)
    {
        int count = 0;
        QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++count;
        }
        return count;
    }

    bool previewScan(ScanSession &scan)
    {
        if (m_desk->scannerSearch() != PrintDesk::Searched) {
            m_desk->findScanners();
            if (!QTest::qWaitFor([&] { return m_desk->scannerSearch() == PrintDesk::Searched; },
                                 30000))
                return false;
        }
        scan.startPreview();
        return QTest::qWaitFor([&] { return scan.state() != ScanSession::Previewing; }, 30000) &&
               scan.state() == ScanSession::Previewed;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_cups.start(&error), qPrintable(error));
        PrintDesk::Devices devices{std::make_unique<CupsPrinting>(m_cups.server()),
                                   std::make_unique<SaneScanning>(),
                                   {},
                                   m_sessions.path()};
        m_desk = std::make_unique<PrintDesk>(std::move(devices), nullptr);
        QCOMPARE(PrintDesk::instance(), m_desk.get());
    }

    void cleanupTestCase()
    {
        m_desk.reset();
        QCOMPARE(filesUnder(m_sessions.path()), 0);
    }

    void nothingIsProbedUntilAsked()
    {
        QVERIFY(!m_desk->printerChecked());
        QCOMPARE(m_desk->scannerSearch(), PrintDesk::NotSearched);
    }

    void printerStateIsWatched()
    {
        QSignalSpy changed(m_desk.get(), &PrintDesk::printerChanged);
        m_desk->watchPrinter();
        QVERIFY(changed.wait(10000));
        QVERIFY(m_desk->printerChecked());
        QCOMPARE(m_desk->printerProblem(), PrintDesk::NoProblem);
        QCOMPARE(m_desk->printerName(), QStringLiteral("relais-pdf"));

        QVERIFY(m_cups.pause(QStringLiteral("relais-pdf")));
        QVERIFY(
            QTest::qWaitFor([&] { return m_desk->printerProblem() == PrintDesk::Paused; }, 15000));
        QVERIFY(m_cups.resume(QStringLiteral("relais-pdf")));
        QVERIFY(QTest::qWaitFor([&] { return m_desk->printerProblem() == PrintDesk::NoProblem; },
                                15000));
        m_desk->unwatchPrinter();
    }

    // What the heartbeat says of the devices: the printer and SANE's test scanners answer;
    // a paused printer is an error for the fleet view.
    void peripheralsAreReportedForTheHeartbeat()
    {
        QStringList reports;
        m_desk->reportPeripherals(
            [&](const QString &printer, const QString &scanner) {
                reports << printer + u'/' + scanner;
            },
            60 * 60 * 1000);
        QVERIFY(QTest::qWaitFor([&] { return !reports.isEmpty(); }, 30000));
        QCOMPARE(reports.constFirst(), QStringLiteral("ok/ok"));

        QVERIFY(m_cups.pause(QStringLiteral("relais-pdf")));
        m_desk->checkPeripherals();
        QVERIFY(QTest::qWaitFor([&] { return reports.size() == 2; }, 30000));
        QCOMPARE(reports.at(1), QStringLiteral("error/ok"));
        QVERIFY(m_cups.resume(QStringLiteral("relais-pdf")));
    }

    void documentPreviewAndPrint()
    {
        PrintDocument document;
        document.setViewSize(QSizeF(400, 400));
        document.setSource(QUrl::fromLocalFile(samplePdf(3)).toString());
        QVERIFY(QTest::qWaitFor([&] { return document.status() == PrintDocument::Ready; }, 10000));
        QCOMPARE(document.pageCount(), 3);
        QVERIFY(QTest::qWaitFor([&] { return !document.pageImage().isNull(); }, 10000));
        // An A4 page fitted in a 400 px square: 400 high, about 283 wide.
        QCOMPARE(document.pageImage().height(), 400);
        QVERIFY(qAbs(document.pageImage().width() - 283) <= 1);
        document.setPage(2);
        QCOMPARE(document.page(), 2);
        document.setPage(7);
        QCOMPARE(document.page(), 2);

        document.setCopies(0);
        QCOMPARE(document.copies(), 1);
        document.setCopies(2);
        m_cups.resetOutput();
        document.startPrinting();
        QCOMPARE(document.jobState(), PrintDocument::Sending);
        QVERIFY(QTest::qWaitFor([&] { return document.jobState() == PrintDocument::Done; }, 60000));
        // Three pages twice: CUPS-PDF holds them once, the copies are CUPS's (privatecups.h).
        QCOMPARE(renderPdfPage(m_cups.outputPath(), 0, QSize(10, 10)).pageCount,
                 m_cups.landedPages(3, 2));
        QTRY_COMPARE_WITH_TIMEOUT(m_cups.pagesLogged(), 6, 10000);
    }

    void unreadableDocumentIsRefused()
    {
        const QString broken = m_files.filePath(QStringLiteral("broken.pdf"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("%PDF-1.4\nthis is not a PDF at all\n");
        file.close();
        PrintDocument document;
        document.setSource(broken);
        QVERIFY(
            QTest::qWaitFor([&] { return document.status() == PrintDocument::Unreadable; }, 10000));
        const int jobsBefore = m_cups.jobsKnown(QStringLiteral("relais-pdf"));
        document.startPrinting();
        QCOMPARE(document.jobState(), PrintDocument::NotSent);
        QTest::qWait(300);
        QCOMPARE(m_cups.jobsKnown(QStringLiteral("relais-pdf")), jobsBefore);
    }

    void waitingJobSaysWhy()
    {
        QVERIFY(m_cups.pause(QStringLiteral("relais-pdf")));
        PrintDocument document;
        document.setSource(samplePdf(1));
        QVERIFY(QTest::qWaitFor([&] { return document.status() == PrintDocument::Ready; }, 10000));
        document.startPrinting();
        QVERIFY(
            QTest::qWaitFor([&] { return document.jobState() == PrintDocument::Waiting; }, 10000));
        QVERIFY(
            QTest::qWaitFor([&] { return m_desk->printerProblem() == PrintDesk::Paused; }, 10000));
        QVERIFY(m_cups.resume(QStringLiteral("relais-pdf")));
        QVERIFY(QTest::qWaitFor([&] { return document.jobState() == PrintDocument::Done; }, 60000));
    }

    void scannersAreListed()
    {
        QSignalSpy changed(m_desk.get(), &PrintDesk::scannersChanged);
        m_desk->findScanners();
        QCOMPARE(m_desk->scannerSearch(), PrintDesk::Searching);
        QVERIFY(
            QTest::qWaitFor([&] { return m_desk->scannerSearch() == PrintDesk::Searched; }, 30000));
        QCOMPARE(m_desk->scannerLabels().size(), 2);
        QCOMPARE(m_desk->scannerDevice(0), QStringLiteral("test:0"));
        QCOMPARE(m_desk->scannerDevice(1), QStringLiteral("test:1"));
        // Two of the same model are told apart.
        QVERIFY(m_desk->scannerLabels().at(0) != m_desk->scannerLabels().at(1));
    }

    void previewRotateCrop()
    {
        ScanSession scan;
        QVERIFY(previewScan(scan));
        const int side = SaneTestDevices::side(ScanSession::PreviewDpi);
        QCOMPARE(scan.preview().size(), QSize(side, side));

        // A picture that is not square shows the turn: crop it to its left half first.
        scan.setCrop(QRectF(0, 0, 0.5, 1));
        QCOMPARE(scan.crop(), QRectF(0, 0, 0.5, 1));
        scan.rotate();
        QCOMPARE(scan.quarterTurns(), 1);
        // Turned clockwise, the left half is now the top half.
        QCOMPARE(scan.crop(), QRectF(0, 0, 1, 0.5));

        QSignalSpy ready(&scan, &ScanSession::resultReady);
        scan.acquire(ScanSession::ToSend);
        QCOMPARE(scan.state(), ScanSession::Scanning);
        QVERIFY(ready.wait(30000));
        const int full = SaneTestDevices::side(ScanSession::PageDpi);
        QCOMPARE(scan.resultSize(), QSize(full, full / 2));
        const QString jpeg = ready.at(0).at(0).toString();
        QVERIFY(jpeg.startsWith(m_sessions.path()));
        QImage picture(jpeg);
        QCOMPARE(picture.size(), QSize(full, full / 2));

        scan.setCrop(QRectF(0, 0, 0.01, 0.01)); // too small: refused
        QCOMPARE(scan.crop(), QRectF(0, 0, 1, 0.5));
        scan.resetCrop();
        QCOMPARE(scan.crop(), QRectF(0, 0, 1, 1));
    }

    void scanThenPrint()
    {
        ScanSession scan;
        scan.setScanner(1);
        QVERIFY(previewScan(scan));
        QSignalSpy ready(&scan, &ScanSession::resultReady);
        scan.acquire(ScanSession::ToPrint);
        QVERIFY(ready.wait(30000));
        QCOMPARE(ready.at(0).at(1).value<ScanSession::Use>(), ScanSession::ToPrint);
        const QString pdf = ready.at(0).at(0).toString();
        QVERIFY(pdf.endsWith(QLatin1String(".pdf")));
        const RenderedPage page = renderPdfPage(pdf, 0, QSize(100, 100));
        QVERIFY(page.readable);
        QCOMPARE(page.pageCount, 1);

        PrintDocument document;
        document.setSource(pdf);
        QVERIFY(QTest::qWaitFor([&] { return document.status() == PrintDocument::Ready; }, 10000));
        m_cups.resetOutput();
        document.startPrinting();
        QVERIFY(QTest::qWaitFor([&] { return document.jobState() == PrintDocument::Done; }, 60000));
        QCOMPARE(renderPdfPage(m_cups.outputPath(), 0, QSize(10, 10)).pageCount, 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_cups.pagesLogged(), 1, 10000);
    }

    void noScannerIsSaid()
    {
        ScanSession scan;
        scan.setScanner(5);
        scan.startPreview();
        QCOMPARE(scan.state(), ScanSession::Failed);
        QCOMPARE(scan.problem(), ScanSession::NoScanner);
    }

    void wipeForgetsEverything()
    {
        // A scan and a document of the session, and a job waiting on a stopped printer.
        ScanSession scan;
        QVERIFY(previewScan(scan));
        QSignalSpy ready(&scan, &ScanSession::resultReady);
        scan.acquire(ScanSession::ToPrint);
        QVERIFY(ready.wait(30000));
        m_desk->addDocument(samplePdf(2), QStringLiteral("attestation.pdf"));
        QCOMPARE(m_desk->documents().size(), 1);
        QVERIFY(m_cups.pause(QStringLiteral("relais-pdf")));
        PrintDocument document;
        document.setSource(ready.at(0).at(0).toString());
        QVERIFY(QTest::qWaitFor([&] { return document.status() == PrintDocument::Ready; }, 10000));
        document.startPrinting();
        QVERIFY(
            QTest::qWaitFor([&] { return document.jobState() == PrintDocument::Waiting; }, 10000));
        QVERIFY(filesUnder(m_sessions.path()) > 0);
        const int job = document.job();
        QVERIFY(job > 0);

        QSignalSpy purged(m_desk.get(), &PrintDesk::jobsPurged);
        m_desk->wipe();
        QCOMPARE(filesUnder(m_sessions.path()), 0);
        QVERIFY(m_desk->documents().isEmpty());
        QCOMPARE(scan.state(), ScanSession::Idle);
        QVERIFY(scan.preview().isNull());
        QCOMPARE(document.status(), PrintDocument::NoDocument);
        QVERIFY(purged.wait(15000));
        QVERIFY(m_cups.resume(QStringLiteral("relais-pdf")));
        // The waiting job is gone from the server, not printed for the next resident.
        CupsPrinting cups(m_cups.server());
        QVERIFY(!cups.jobStatus(job).error.isEmpty());
    }
};

QTEST_MAIN(TestPrintDesk)
#include "tst_printdesk.moc"
