// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "printbackend.h"
#include "scanbackend.h"
#include "serialworker.h"
#include "sessionfolder.h"

#include <QObject>
#include <QQmlEngine>
#include <QTimer>
#include <QVariantList>

#include <functional>
#include <memory>

namespace relais {

class SessionController;
struct RenderedPage;

// The kiosk's printer and scanners for the screens: their state (polled only while a screen
// shows it), the work sent to them (on worker threads: libcups and SANE block), the session's
// documents and scans in the session's folder, and the wipe that forgets them and purges the
// session's print jobs. One for the kiosk; a test or the program may make it beforehand with
// its own backends.
class PrintDesk : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(bool printerChecked READ printerChecked NOTIFY printerChanged)
    Q_PROPERTY(Problem printerProblem READ printerProblem NOTIFY printerChanged)
    Q_PROPERTY(bool printerBusy READ printerBusy NOTIFY printerChanged)
    Q_PROPERTY(QString printerName READ printerName NOTIFY printerChanged)
    Q_PROPERTY(ScannerSearch scannerSearch READ scannerSearch NOTIFY scannersChanged)
    Q_PROPERTY(QStringList scanners READ scannerLabels NOTIFY scannersChanged)
    // The scanner the resident chose among several (an index into scanners), until the wipe.
    Q_PROPERTY(int scanner READ scanner WRITE setScanner NOTIFY scannersChanged)
    // The scanners' names joined for a sentence.
    Q_PROPERTY(QString scannerNames READ scannerNames NOTIFY scannersChanged)
    Q_PROPERTY(QVariantList documents READ documents NOTIFY documentsChanged)

public:
    enum Problem {
        NoProblem = int(PrinterProblem::None),
        NoService = int(PrinterProblem::NoService),
        NoPrinter = int(PrinterProblem::NoPrinter),
        Offline = int(PrinterProblem::Offline),
        NoPaper = int(PrinterProblem::NoPaper),
        PaperJam = int(PrinterProblem::PaperJam),
        NoInk = int(PrinterProblem::NoInk),
        DoorOpen = int(PrinterProblem::DoorOpen),
        Paused = int(PrinterProblem::Paused),
        NotAccepting = int(PrinterProblem::NotAccepting),
        OtherProblem = int(PrinterProblem::Other),
    };
    Q_ENUM(Problem)
    enum ScannerSearch { NotSearched, Searching, Searched };
    Q_ENUM(ScannerSearch)

    struct Devices
    {
        std::unique_ptr<PrintBackend> printing;
        std::unique_ptr<ScanBackend> scanning;
        QString printer;    // empty: the print system's default
        QString folderRoot; // empty: the runtime directory
    };
    // The real devices: CUPS and SANE.
    static Devices systemDevices();

    PrintDesk(Devices devices, SessionController *session, QObject *parent = nullptr);
    ~PrintDesk() override;

    static PrintDesk *create(QQmlEngine *engine, QJSEngine *);
    static PrintDesk *instance();
    // The desk for an object made by QML: the one made beforehand, or the engine's singleton.
    static PrintDesk *forObject(QObject *object);

    bool printerChecked() const { return m_printerChecked; }
    Problem printerProblem() const { return Problem(relais::printerProblem(m_printer)); }
    bool printerBusy() const { return m_printer.state == PrinterStatus::State::Processing; }
    QString printerName() const;
    ScannerSearch scannerSearch() const { return m_scannerSearch; }
    QStringList scannerLabels() const;
    QString scannerNames() const { return scannerLabels().join(QStringLiteral(", ")); }
    int scanner() const { return m_scanner; }
    void setScanner(int index);
    QVariantList documents() const { return m_documents; }

    // Screens that show the printer's state watch it while they are shown.
    Q_INVOKABLE void watchPrinter();
    Q_INVOKABLE void unwatchPrinter();
    Q_INVOKABLE void checkPrinter();
    Q_INVOKABLE void findScanners();
    // A PDF of this session the resident may print (a downloaded form, the adviser's
    // document): listed on the print screen until the session ends.
    Q_INVOKABLE void addDocument(const QString &path, const QString &name);
    // Asks the print screen to show this document's preview (adding it to the session's).
    Q_INVOKABLE void presentDocument(const QString &path, const QString &name);
    // Asks the print screen to open the scanner.
    Q_INVOKABLE void presentScanner() { emit scannerRequested(); }

    // For the screens' models; `done` runs on the interface's thread.
    void submit(const QString &pdfPath, int copies,
                std::function<void(const PrintBackend::Submission &)> done);
    void jobStatus(int job, std::function<void(const JobStatus &)> done);
    void renderPage(const QString &pdfPath, int page, QSize box,
                    std::function<void(const RenderedPage &)> done);
    void scan(const ScanRequest &request, std::function<void(const ScanResult &)> done);
    // Image work (rotation, PDF and JPEG writing) off the interface's thread.
    void process(std::function<void()> work, std::function<void()> done);
    QString scannerDevice(int index) const;
    SessionFolder &folder() { return m_folder; }
    // The session is over: its jobs are purged, its files deleted, scans stopped.
    void wipe();

    // The printer's and the scanner's state in the heartbeat's words ("ok", "missing",
    // "error"), checked soon and then every `intervalMs` while nobody uses the kiosk (listing
    // scanners probes the buses, which is not done under a resident's scan).
    using PeripheralReport = std::function<void(const QString &printer, const QString &scanner)>;
    void reportPeripherals(PeripheralReport report, int intervalMs);
    void checkPeripherals();

signals:
    void printerChanged();
    void scannersChanged();
    void documentsChanged();
    void wiped();
    void documentRequested(const QString &path);
    void scannerRequested();
    // The purge of an ended session's jobs is done (or failed, which the log says).
    void jobsPurged();

private:
    void purge(const QList<std::pair<QString, int>> &jobs);
    void fetchPrinterStatus(std::function<void(const PrinterStatus &)> done);
    template<typename Result>
    void run(SerialWorker &worker, std::function<Result()> work,
             std::function<void(const Result &)> done);

    Devices m_devices;
    SessionController *m_session = nullptr;
    PeripheralReport m_peripheralReport;
    QTimer m_peripheralTimer;
    bool m_checkingPeripherals = false;
    SessionFolder m_folder;
    PrinterStatus m_printer;
    bool m_printerChecked = false;
    bool m_checkingPrinter = false;
    int m_watchers = 0;
    QTimer m_poll;
    ScannerSearch m_scannerSearch = NotSearched;
    QList<ScannerInfo> m_scanners;
    int m_scanner = 0;
    QVariantList m_documents;
    QList<std::pair<QString, int>> m_jobs; // this session's, to purge at its end
    QList<std::shared_ptr<std::atomic_bool>> m_scansUnderWay;
    int m_generation = 0; // one per session: late answers of an ended session are not kept
    // Last, so that they stop (finishing their queued work) before the devices go.
    SerialWorker m_printWorker{QStringLiteral("relais-print")};
    SerialWorker m_scanWorker{QStringLiteral("relais-scan")};
    SerialWorker m_pageWorker{QStringLiteral("relais-pages")};
};

} // namespace relais
