// SPDX-License-Identifier: EUPL-1.2
#include "printdesk.h"

#include "cupsprinting.h"
#include "kiosk.h"
#include "pdfpages.h"
#include "sanescanning.h"
#include "sessioncontroller.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcPrintDesk, "relais.print.desk")

namespace relais {

namespace {
PrintDesk *s_instance = nullptr;
constexpr int PollMs = 3000;

QString printerPeripheral(const PrinterStatus &status)
{
    switch (printerProblem(status)) {
    case PrinterProblem::None:
        return QStringLiteral("ok");
    case PrinterProblem::NoService:
    case PrinterProblem::NoPrinter:
        return QStringLiteral("missing");
    default:
        return QStringLiteral("error");
    }
}

} // namespace

PrintDesk::Devices PrintDesk::systemDevices()
{
    return {std::make_unique<CupsPrinting>(), std::make_unique<SaneScanning>(), {}, {}};
}

PrintDesk::PrintDesk(Devices devices, SessionController *session, QObject *parent)
    : QObject(parent), m_devices(std::move(devices)), m_session(session),
      m_folder(m_devices.folderRoot)
{
    s_instance = this;
    m_poll.setInterval(PollMs);
    connect(&m_poll, &QTimer::timeout, this, &PrintDesk::checkPrinter);
    if (session) {
        session->addWipeStep(QStringLiteral("print jobs, scans and documents"),
                             [desk = QPointer<PrintDesk>(this)] {
                                 if (desk)
                                     desk->wipe();
                             });
    }
}

void PrintDesk::reportPeripherals(PeripheralReport report, int intervalMs)
{
    m_peripheralReport = std::move(report);
    connect(&m_peripheralTimer, &QTimer::timeout, this, &PrintDesk::checkPeripherals,
            Qt::UniqueConnection);
    m_peripheralTimer.start(intervalMs);
    // The first heartbeat comes soon after the start: have an answer for it.
    QTimer::singleShot(2000, this, &PrintDesk::checkPeripherals);
}

void PrintDesk::fetchPrinterStatus(std::function<void(const PrinterStatus &)> done)
{
    const QString printer = m_devices.printer;
    run<PrinterStatus>(
        m_printWorker, [this, printer] { return m_devices.printing->printerStatus(printer); },
        std::move(done));
}

void PrintDesk::checkPeripherals()
{
    if (!m_peripheralReport || m_checkingPeripherals ||
        (m_session && m_session->state() != SessionController::Attract))
        return;
    m_checkingPeripherals = true;
    fetchPrinterStatus([this](const PrinterStatus &status) {
        const QString printerState = printerPeripheral(status);
        run<QString>(
            m_scanWorker,
            [this] {
                QString error;
                const QList<ScannerInfo> found = m_devices.scanning->scanners(&error);
                if (!found.isEmpty())
                    return QStringLiteral("ok");
                return error.isEmpty() ? QStringLiteral("missing") : QStringLiteral("error");
            },
            [this, printerState](const QString &scannerState) {
                m_checkingPeripherals = false;
                m_peripheralReport(printerState, scannerState);
            });
    });
}

PrintDesk::~PrintDesk()
{
    wipe();
    // SANE wants its end on the thread that used it; the queued work runs first.
    m_scanWorker.runAndWait([this] { m_devices.scanning.reset(); });
    m_printWorker.runAndWait([this] { m_devices.printing.reset(); });
    if (s_instance == this)
        s_instance = nullptr;
}

PrintDesk *PrintDesk::create(QQmlEngine *, QJSEngine *)
{
    if (s_instance) {
        QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
        return s_instance;
    }
    // Nobody made one: the real devices, owned by the engine. Nothing is probed until a
    // screen asks.
    Kiosk *kiosk = Kiosk::instance();
    return new PrintDesk(systemDevices(), kiosk ? kiosk->session() : nullptr);
}

PrintDesk *PrintDesk::instance()
{
    return s_instance;
}

PrintDesk *PrintDesk::forObject(QObject *object)
{
    if (s_instance)
        return s_instance;
    QQmlEngine *engine = qmlEngine(object);
    if (!engine)
        return nullptr;
    return engine->singletonInstance<PrintDesk *>(qmlTypeId("Relais.Print", 1, 0, "PrintDesk"));
}

template<typename Result>
void PrintDesk::run(SerialWorker &worker, std::function<Result()> work,
                    std::function<void(const Result &)> done)
{
    // The desk outlives its workers (they stop first when it goes), so `this` is safe here.
    worker.post([this, work = std::move(work), done = std::move(done)] {
        Result result = work();
        QMetaObject::invokeMethod(
            this, [done, result = std::move(result)] { done(result); }, Qt::QueuedConnection);
    });
}

QString PrintDesk::printerName() const
{
    return m_printer.info.isEmpty() ? m_printer.name : m_printer.info;
}

QStringList PrintDesk::scannerLabels() const
{
    QStringList labels;
    for (const ScannerInfo &scanner : m_scanners) {
        // Two scanners of the same model are told apart by their number.
        const qsizetype same =
            std::count_if(m_scanners.begin(), m_scanners.end(),
                          [&](const ScannerInfo &other) { return other.label == scanner.label; });
        labels << (same > 1 ? QStringLiteral("%1 (%2)").arg(scanner.label).arg(labels.size() + 1)
                            : scanner.label);
    }
    return labels;
}

void PrintDesk::setScanner(int index)
{
    if (index == m_scanner || index < 0)
        return;
    m_scanner = index;
    emit scannersChanged();
}

QString PrintDesk::scannerDevice(int index) const
{
    return index >= 0 && index < m_scanners.size() ? m_scanners.at(index).device : QString();
}

void PrintDesk::watchPrinter()
{
    if (m_watchers++ == 0) {
        checkPrinter();
        m_poll.start();
    }
}

void PrintDesk::unwatchPrinter()
{
    if (m_watchers > 0 && --m_watchers == 0)
        m_poll.stop();
}

void PrintDesk::checkPrinter()
{
    if (m_checkingPrinter)
        return;
    m_checkingPrinter = true;
    fetchPrinterStatus([this](const PrinterStatus &status) {
        m_checkingPrinter = false;
        const bool changed = !m_printerChecked || status.state != m_printer.state ||
                             status.reasons != m_printer.reasons ||
                             status.exists != m_printer.exists ||
                             status.serviceReachable != m_printer.serviceReachable ||
                             status.accepting != m_printer.accepting ||
                             status.name != m_printer.name || status.info != m_printer.info;
        m_printer = status;
        m_printerChecked = true;
        if (changed) {
            qCInfo(lcPrintDesk).noquote()
                << "printer" << status.name << "state" << int(status.state) << "reasons"
                << status.reasons.join(QLatin1Char(',')) << status.message;
            emit printerChanged();
        }
    });
}

void PrintDesk::findScanners()
{
    if (m_scannerSearch == Searching)
        return;
    m_scannerSearch = Searching;
    emit scannersChanged();
    run<QList<ScannerInfo>>(
        m_scanWorker,
        [this] {
            QString error;
            QList<ScannerInfo> found = m_devices.scanning->scanners(&error);
            if (!error.isEmpty())
                qCWarning(lcPrintDesk) << "scanners could not be listed:" << error;
            return found;
        },
        [this](const QList<ScannerInfo> &found) {
            m_scanners = found;
            m_scannerSearch = Searched;
            emit scannersChanged();
        });
}

void PrintDesk::addDocument(const QString &path, const QString &name)
{
    const QString local = localFilePath(path);
    if (!QFileInfo(local).isFile())
        return;
    for (const QVariant &document : std::as_const(m_documents)) {
        if (document.toMap().value(QStringLiteral("path")) == local)
            return;
    }
    m_documents.append(
        QVariantMap{{QStringLiteral("path"), local},
                    {QStringLiteral("name"), name.isEmpty() ? QFileInfo(local).fileName() : name}});
    emit documentsChanged();
}

void PrintDesk::presentDocument(const QString &path, const QString &name)
{
    addDocument(path, name);
    const QString local = localFilePath(path);
    if (QFileInfo(local).isFile())
        emit documentRequested(local);
}

void PrintDesk::submit(const QString &pdfPath, int copies,
                       std::function<void(const PrintBackend::Submission &)> done)
{
    const QString printer = m_devices.printer;
    const int generation = m_generation;
    run<PrintBackend::Submission>(
        m_printWorker,
        [this, printer, pdfPath, copies] {
            return m_devices.printing->submit(printer, pdfPath, copies);
        },
        [this, generation, done = std::move(done)](const PrintBackend::Submission &submission) {
            if (submission.job == 0) {
                qCWarning(lcPrintDesk) << "print job refused:" << submission.error;
            } else if (generation != m_generation) {
                // Accepted after its session ended: nobody is there to take the pages.
                purge({{submission.printer, submission.job}});
                return;
            } else {
                m_jobs.append({submission.printer, submission.job});
            }
            done(submission);
        });
}

void PrintDesk::jobStatus(int job, std::function<void(const JobStatus &)> done)
{
    run<JobStatus>(
        m_printWorker, [this, job] { return m_devices.printing->jobStatus(job); }, std::move(done));
}

void PrintDesk::renderPage(const QString &pdfPath, int page, QSize box,
                           std::function<void(const RenderedPage &)> done)
{
    run<RenderedPage>(
        m_pageWorker, [pdfPath, page, box] { return renderPdfPage(pdfPath, page, box); },
        std::move(done));
}

void PrintDesk::scan(const ScanRequest &request, std::function<void(const ScanResult &)> done)
{
    m_scansUnderWay.append(request.cancel);
    const int generation = m_generation;
    run<ScanResult>(
        m_scanWorker, [this, request] { return m_devices.scanning->scan(request); },
        [this, generation, cancel = request.cancel, done = std::move(done)](const ScanResult &r) {
            m_scansUnderWay.removeAll(cancel);
            if (generation == m_generation)
                done(r);
        });
}

void PrintDesk::process(std::function<void()> work, std::function<void()> done)
{
    const int generation = m_generation;
    run<bool>(
        m_pageWorker,
        [work = std::move(work)] {
            work();
            return true;
        },
        [this, generation, done = std::move(done)](bool) {
            if (generation == m_generation)
                done();
        });
}

void PrintDesk::purge(const QList<std::pair<QString, int>> &jobs)
{
    if (jobs.isEmpty())
        return;
    m_printWorker.post([this, jobs] {
        for (const auto &[printer, job] : jobs) {
            QString error;
            if (!m_devices.printing->purge(printer, job, &error))
                qCWarning(lcPrintDesk) << "print job" << job << "not purged:" << error;
        }
        QMetaObject::invokeMethod(this, &PrintDesk::jobsPurged, Qt::QueuedConnection);
    });
}

void PrintDesk::wipe()
{
    ++m_generation;
    purge(std::exchange(m_jobs, {}));
    for (const auto &cancel : std::as_const(m_scansUnderWay))
        cancel->store(true);
    m_scansUnderWay.clear();
    m_folder.wipe();
    if (m_scanner != 0) {
        m_scanner = 0;
        emit scannersChanged();
    }
    if (!m_documents.isEmpty()) {
        m_documents.clear();
        emit documentsChanged();
    }
    emit wiped();
}

} // namespace relais
