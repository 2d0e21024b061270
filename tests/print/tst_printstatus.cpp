// SPDX-License-Identifier: EUPL-1.2
#include "printstatus.h"

#include <QTest>

using namespace relais;

// IPP printer states and reasons to the problem the kiosk names.
class TestPrintStatus : public QObject
{
    Q_OBJECT

    static PrinterStatus ready()
    {
        PrinterStatus status;
        status.serviceReachable = true;
        status.exists = true;
        status.state = PrinterStatus::State::Idle;
        status.accepting = true;
        status.reasons = {QStringLiteral("none")};
        return status;
    }

private slots:
    void suffixes()
    {
        QCOMPARE(parseStateReason(QStringLiteral("media-empty-error")).keyword,
                 QStringLiteral("media-empty"));
        QCOMPARE(parseStateReason(QStringLiteral("toner-low-warning")).severity,
                 StateReason::Severity::Warning);
        QCOMPARE(parseStateReason(QStringLiteral("offline-report")).severity,
                 StateReason::Severity::Report);
        QCOMPARE(parseStateReason(QStringLiteral("media-jam")).severity,
                 StateReason::Severity::Error);
    }

    void problems_data()
    {
        QTest::addColumn<QStringList>("reasons");
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("problem");
        const int idle = int(PrinterStatus::State::Idle);
        const int stopped = int(PrinterStatus::State::Stopped);
        const int printing = int(PrinterStatus::State::Processing);
        QTest::newRow("ready") << QStringList{QStringLiteral("none")} << idle
                               << int(PrinterProblem::None);
        QTest::newRow("printing, connecting") << QStringList{QStringLiteral("connecting-to-device")}
                                              << printing << int(PrinterProblem::None);
        QTest::newRow("printing, CUPS waits")
            << QStringList{QStringLiteral("cups-waiting-for-job-completed")} << printing
            << int(PrinterProblem::None);
        QTest::newRow("toner low is no problem") << QStringList{QStringLiteral("toner-low-warning")}
                                                 << idle << int(PrinterProblem::None);
        QTest::newRow("media empty")
            << QStringList{QStringLiteral("media-empty-error"), QStringLiteral("paused")} << stopped
            << int(PrinterProblem::NoPaper);
        QTest::newRow("media needed") << QStringList{QStringLiteral("media-needed")} << printing
                                      << int(PrinterProblem::NoPaper);
        QTest::newRow("media empty, only a warning")
            << QStringList{QStringLiteral("media-empty-warning")} << idle
            << int(PrinterProblem::None);
        QTest::newRow("jam") << QStringList{QStringLiteral("media-jam-error")} << stopped
                             << int(PrinterProblem::PaperJam);
        QTest::newRow("toner empty") << QStringList{QStringLiteral("toner-empty-error")} << stopped
                                     << int(PrinterProblem::NoInk);
        QTest::newRow("cover open") << QStringList{QStringLiteral("cover-open-error")} << stopped
                                    << int(PrinterProblem::DoorOpen);
        QTest::newRow("offline report") << QStringList{QStringLiteral("offline-report")} << stopped
                                        << int(PrinterProblem::Offline);
        QTest::newRow("paper before offline")
            << QStringList{QStringLiteral("offline-report"), QStringLiteral("media-empty-error")}
            << stopped << int(PrinterProblem::NoPaper);
        QTest::newRow("paused") << QStringList{QStringLiteral("paused")} << stopped
                                << int(PrinterProblem::Paused);
        QTest::newRow("other error") << QStringList{QStringLiteral("fuser-over-temp-error")} << idle
                                     << int(PrinterProblem::Other);
    }

    void problems()
    {
        QFETCH(QStringList, reasons);
        QFETCH(int, state);
        QFETCH(int, problem);
        PrinterStatus status = ready();
        status.reasons = reasons;
        status.state = PrinterStatus::State(state);
        QCOMPARE(int(printerProblem(status)), problem);
    }

    void serviceAndPrinterFirst()
    {
        PrinterStatus status = ready();
        status.reasons = {QStringLiteral("media-empty-error")};
        status.exists = false;
        QCOMPARE(printerProblem(status), PrinterProblem::NoPrinter);
        status.serviceReachable = false;
        QCOMPARE(printerProblem(status), PrinterProblem::NoService);
    }

    void refusingJobs()
    {
        PrinterStatus status = ready();
        status.accepting = false;
        QCOMPARE(printerProblem(status), PrinterProblem::NotAccepting);
    }

    void finishedJobs()
    {
        JobStatus job;
        for (auto state : {JobStatus::State::Pending, JobStatus::State::Held,
                           JobStatus::State::Processing, JobStatus::State::Stopped}) {
            job.state = state;
            QVERIFY(!job.finished());
        }
        for (auto state :
             {JobStatus::State::Canceled, JobStatus::State::Aborted, JobStatus::State::Completed}) {
            job.state = state;
            QVERIFY(job.finished());
        }
    }
};

QTEST_APPLESS_MAIN(TestPrintStatus)
#include "tst_printstatus.moc"
