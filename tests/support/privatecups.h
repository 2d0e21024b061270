// SPDX-License-Identifier: EUPL-1.2
#pragma once

// A CUPS scheduler of the test's own: its configuration, spool and printers in a temporary
// folder, listening on a free loopback port, run as the test's user (when that is root, CUPS
// runs its filters as "lp", so the folder is opened to others for reading).
//
// Printers:
//   relais-pdf      the default: a real CUPS-PDF virtual printer (printer-driver-cups-pdf) when
//                   the test is root, as in CI; otherwise a file: queue (below).
//   relais-nopaper  a backend that reports "media-empty-error" and stops the queue, as a
//                   printer out of paper does
//   relais-offline  a backend that reports "offline-report" and waits for the printer
// The last two, and the file: queue, have cups-filters' "Generic PDF Printer" driver; every
// queue has A4 paper by default.
//
// CUPS-PDF: device cups-pdf:/relaistest-<pid>, with its own PPD (CUPS-PDF_noopt.ppd, whose
// options do not override the instance's settings as CUPS-PDF_opt.ppd's defaults would).
// - CUPS-PDF reads its settings from /etc/cups only; a device URI cups-pdf:/NAME makes it read
//   /etc/cups/cups-pdf-NAME.conf. The test writes its own instance there and removes it when it
//   stops (an instance left by a test that crashed goes once its process is gone); the system's
//   cups-pdf.conf is never touched.
// - The backend is 0700 root: cupsd (root) runs it as root, and it runs ghostscript as the job's
//   user (root, the test's). `Out` names the test's folder without ${USER} or ${HOME}, so the
//   user adds no folder; the file is named after the job's title given to CUPS (`TitlePref 1`:
//   CUPS-PDF 3.0.1 reads the PostScript %%Title with what follows it), without the job's number
//   (`Label 0`): every job replaces outputPath(), <folder>/out/relais-kiosk.pdf (CupsPrinting
//   names every job relais-kiosk). `UserUMask 0022` leaves it readable by anyone; its spool,
//   ghostscript's temporary files and its log (in errorLog()) are in the folder; `Grp` is the
//   test's group (a group that does not exist would crash the backend).
// - CUPS-PDF is a PostScript printer to CUPS: CUPS's filters (pdftopdf, then pdftops) leave the
//   copies to the printer, passing their number to the backend, and CUPS-PDF (ghostscript's
//   pdfwrite) makes one copy of the document. So the PDF has the document's pages once
//   (landedPages()); CUPS's page log counts pages x copies (pagesLogged()).
//
// Without root CUPS-PDF cannot run (nor can /etc/cups be written): relais-pdf is then a file:
// device that receives the PDF the driver would send to a printer, into outputPath(), where
// pdftopdf has made the copies (pages x copies). The test says so with qInfo.

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cups/cups.h>

#include <grp.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <tuple>

class PrivateCups
{
public:
    PrivateCups() = default;
    ~PrivateCups() { stop(); }
    PrivateCups(const PrivateCups &) = delete;
    PrivateCups &operator=(const PrivateCups &) = delete;

    // Starts cupsd and waits until it answers; false (with `error`) when it cannot run.
    bool start(QString *error)
    {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("no temporary folder");
            return false;
        }
        const QString root = m_dir.path();
        QFile::setPermissions(root, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                        QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                        QFile::ExeOther);
        for (const char *sub :
             {"conf/ppd", "spool/tmp", "cache", "state", "log", "out", "bin", "cups-pdf/tmp"})
            QDir().mkpath(QDir(root).filePath(QString::fromLatin1(sub)));
        if (!makeServerBin(error) || !setUpCupsPdf(error) || !writeConfiguration(error))
            return false;
        resetOutput();

        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
        probe.close();
        rewrite(QStringLiteral("conf/cupsd.conf"),
                QStringLiteral("Listen 127.0.0.1:%1\n").arg(m_port) + cupsdConf());

        m_cupsd.setProgram(QStringLiteral("/usr/sbin/cupsd"));
        m_cupsd.setArguments({QStringLiteral("-f"), QStringLiteral("-c"), path("conf/cupsd.conf"),
                              QStringLiteral("-s"), path("conf/cups-files.conf")});
        m_cupsd.setProcessChannelMode(QProcess::MergedChannels);
        m_cupsd.start();
        if (!m_cupsd.waitForStarted(5000)) {
            *error = QStringLiteral("cupsd does not start: %1").arg(m_cupsd.errorString());
            return false;
        }
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 20000) {
            if (m_cupsd.state() != QProcess::Running) {
                *error = QStringLiteral("cupsd stopped: %1 %2")
                             .arg(QString::fromLocal8Bit(m_cupsd.readAll()), errorLog());
                return false;
            }
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            if (socket.waitForConnected(200))
                return true;
            QTest::qWait(100);
        }
        *error = QStringLiteral("cupsd does not answer on port %1").arg(m_port);
        return false;
    }

    void stop()
    {
        if (m_cupsd.state() != QProcess::NotRunning) {
            m_cupsd.terminate();
            if (!m_cupsd.waitForFinished(10000)) {
                m_cupsd.kill();
                m_cupsd.waitForFinished(5000);
            }
        }
        // No job runs any more: the instance's configuration goes.
        if (!m_cupsPdfConf.isEmpty()) {
            QFile::remove(m_cupsPdfConf);
            m_cupsPdfConf.clear();
        }
    }

    QString server() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    // True when relais-pdf is the CUPS-PDF virtual printer (as root), false for the file: queue.
    bool usesCupsPdf() const { return m_cupsPdf; }
    // The PDF relais-pdf made of the last job.
    QString outputPath() const
    {
        return m_cupsPdf ? path("out/relais-kiosk.pdf") : path("out/relais-pdf.pdf");
    }
    // Every file under the output folder, relative to it.
    QStringList outputFiles() const
    {
        QStringList files;
        const QDir out(path("out"));
        QDirIterator it(out.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            files.append(out.relativeFilePath(it.next()));
        files.sort();
        return files;
    }
    // How many pages land in outputPath() for a document of `pages` pages printed `copies`
    // times: CUPS-PDF makes one copy (see above), the file: queue gets every copy.
    int landedPages(int pages, int copies) const { return m_cupsPdf ? pages : pages * copies; }
    // The pages CUPS's page log counts (pages x copies) for relais-pdf's jobs logged since the
    // last resetOutput(); a job is logged once it has finished.
    int pagesLogged() const
    {
        QFile log(path("log/page_log"));
        if (!log.open(QIODevice::ReadOnly))
            return 0;
        int pages = 0;
        // "relais-pdf root 3 [02/Dec/2026:04:28:29 +0000] total 9 - localhost relais-kiosk - -"
        const QList<QByteArray> lines = log.readAll().mid(m_pageLogStart).split('\n');
        for (const QByteArray &line : lines) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            const qsizetype total = fields.indexOf("total");
            if (fields.value(0) == "relais-pdf" && total > 0)
                pages += fields.value(total + 1).toInt();
        }
        return pages;
    }
    QString errorLog() const
    {
        QString text;
        for (const char *name : {"log/error_log", "log/cups-pdf-relais-pdf_log"}) {
            QFile log(path(name));
            if (log.open(QIODevice::ReadOnly))
                text += QStringLiteral("%1:\n%2\n")
                            .arg(QString::fromLatin1(name),
                                 QString::fromUtf8(log.readAll().right(4000)));
        }
        return text;
    }

    // Before a job: CUPS-PDF replaces its file, but an old one must not pass for the job's;
    // CUPS's file: device writes into an existing file only (and does not truncate it).
    void resetOutput()
    {
        if (m_cupsPdf) {
            QDir out(path("out"));
            out.removeRecursively();
            out.mkpath(out.path());
        } else {
            QFile out(outputPath());
            out.open(QIODevice::WriteOnly | QIODevice::Truncate);
        }
        m_pageLogStart = QFileInfo(path("log/page_log")).size();
    }

    // An IPP operation on a printer as the desk staff would do it with cupsdisable/cupsenable.
    bool pause(const QString &printer) { return printerOperation(IPP_OP_PAUSE_PRINTER, printer); }
    bool resume(const QString &printer) { return printerOperation(IPP_OP_RESUME_PRINTER, printer); }

    // Every job the server still knows of on `printer`, finished ones included.
    int jobsKnown(const QString &printer)
    {
        http_t *http = connect();
        if (!http)
            return -1;
        ipp_t *request = ippNewRequest(IPP_OP_GET_JOBS);
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
                     uri(printer).constData());
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", nullptr, "all");
        ipp_t *response = cupsDoRequest(http, request, "/");
        int count = response ? 0 : -1;
        for (ipp_attribute_t *a = response ? ippFindAttribute(response, "job-id", IPP_TAG_INTEGER)
                                           : nullptr;
             a; a = ippFindNextAttribute(response, "job-id", IPP_TAG_INTEGER))
            ++count;
        ippDelete(response);
        httpClose(http);
        return count;
    }

private:
    QString path(const char *relative) const
    {
        return QDir(m_dir.path()).filePath(QString::fromLatin1(relative));
    }

    static void writeFile(const QString &file, const QString &text)
    {
        QFile f(file);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(text.toUtf8());
    }

    void rewrite(const QString &relative, const QString &text)
    {
        writeFile(QDir(m_dir.path()).filePath(relative), text);
    }

    static QString cupsdConf()
    {
        return QStringLiteral("LogLevel debug\nBrowsing No\nWebInterface No\nDefaultAuthType None\n"
                              "JobRetryLimit 0\nPreserveJobHistory Yes\n"
                              "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                              "<Policy default>\n  <Limit All>\n    Order deny,allow\n"
                              "  </Limit>\n</Policy>\n");
    }

    // CUPS's programs, plus the test's fault backend.
    bool makeServerBin(QString *error)
    {
        const QString bin = path("bin");
        for (const char *sub : {"cgi-bin", "daemon", "driver", "filter", "monitor", "notifier"})
            QFile::link(QStringLiteral("/usr/lib/cups/%1").arg(QLatin1String(sub)),
                        QDir(bin).filePath(QString::fromLatin1(sub)));
        QDir().mkpath(QDir(bin).filePath(QStringLiteral("backend")));
        const QDir system(QStringLiteral("/usr/lib/cups/backend"));
        for (const QString &backend : system.entryList(QDir::Files))
            QFile::link(system.filePath(backend),
                        QDir(bin).filePath(QStringLiteral("backend/") + backend));
        const QString fault = QDir(bin).filePath(QStringLiteral("backend/relaisfault"));
        writeFile(fault,
                  QStringLiteral(
                      "#!/bin/sh\n"
                      "# A printer with a fault, reported as real backends do: out of paper stops\n"
                      "# the queue; a printer that does not answer is waited for.\n"
                      "if [ $# -eq 0 ]; then echo 'direct relaisfault \"Unknown\" \"Fault\"'; exit "
                      "0; fi\n"
                      "cat > /dev/null\n"
                      "case \"$DEVICE_URI\" in\n"
                      "  *media-empty) echo 'STATE: +media-empty-error' >&2\n"
                      "    echo 'ERROR: Out of paper' >&2; exit 4 ;;\n"
                      "esac\n"
                      "echo 'STATE: +offline-report' >&2\n"
                      "echo 'INFO: The printer is not answering; will retry.' >&2\n"
                      "trap 'exit 0' TERM\n"
                      "while :; do sleep 1; done\n"));
        if (!QFile::setPermissions(fault, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                              QFile::ReadGroup | QFile::ExeGroup |
                                              QFile::ReadOther | QFile::ExeOther)) {
            *error = QStringLiteral("cannot make the fault backend executable");
            return false;
        }
        return true;
    }

    bool writeConfiguration(QString *error)
    {
        const QString root = m_dir.path();
        rewrite(QStringLiteral("conf/cups-files.conf"),
                QStringLiteral("ServerRoot %1/conf\nRequestRoot %1/spool\nTempDir %1/spool/tmp\n"
                               "CacheDir %1/cache\nStateDir %1/state\nServerBin %1/bin\n"
                               "ErrorLog %1/log/error_log\nAccessLog %1/log/access_log\n"
                               "PageLog %1/log/page_log\nFileDevice Yes\n")
                        .arg(root) +
                    (geteuid() == 0 ? QString() : QStringLiteral("SystemGroup %1\n").arg(group())));
        const QString genericPdf =
            QStringLiteral("/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd");
        QString printers;
        const std::tuple<const char *, QString, QString> queues[] = {
            {"relais-pdf",
             m_cupsPdf ? QStringLiteral("cups-pdf:/%1").arg(cupsPdfInstance())
                       : QStringLiteral("file://%1").arg(outputPath()),
             m_cupsPdf ? QStringLiteral("/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd") : genericPdf},
            {"relais-nopaper", QStringLiteral("relaisfault:/media-empty"), genericPdf},
            {"relais-offline", QStringLiteral("relaisfault:/offline"), genericPdf},
        };
        for (const auto &[name, device, ppd] : queues) {
            const QString queue = QString::fromLatin1(name);
            QFile driver(ppd);
            if (!driver.open(QIODevice::ReadOnly)) {
                *error = QStringLiteral("cannot read %1").arg(ppd);
                return false;
            }
            // A4 paper, as the kiosk's printers have (the generic driver's default is Letter).
            QString text = QString::fromLatin1(driver.readAll());
            text.replace(
                QRegularExpression(
                    QStringLiteral(
                        "^\\*Default(PageSize|PageRegion|ImageableArea|PaperDimension): .*$"),
                    QRegularExpression::MultilineOption),
                QStringLiteral("*Default\\1: A4"));
            rewrite(QStringLiteral("conf/ppd/%1.ppd").arg(queue), text);
            const bool isDefault = queue == QLatin1String("relais-pdf");
            printers +=
                QStringLiteral("<%1 %2>\nInfo %2\nDeviceURI %3\nState Idle\nAccepting Yes\n"
                               "ErrorPolicy stop-printer\n</%4>\n")
                    .arg(isDefault ? QStringLiteral("DefaultPrinter") : QStringLiteral("Printer"),
                         queue, device,
                         isDefault ? QStringLiteral("DefaultPrinter") : QStringLiteral("Printer"));
        }
        rewrite(QStringLiteral("conf/printers.conf"), printers);
        return true;
    }

    static QString cupsPdfInstance()
    {
        return QStringLiteral("relaistest-%1").arg(QCoreApplication::applicationPid());
    }

    // Makes relais-pdf a CUPS-PDF printer when the test can (as root): false only when it
    // should and cannot.
    bool setUpCupsPdf(QString *error)
    {
        const QString backend = QStringLiteral("/usr/lib/cups/backend/cups-pdf");
        if (geteuid() != 0) {
            qInfo("PrivateCups: not root: CUPS-PDF's backend runs as root and reads its settings "
                  "from /etc/cups only, so relais-pdf is a file: queue (cups-filters' PDF driver) "
                  "instead of CUPS-PDF");
            return true;
        }
        if (!QFile::exists(backend)) {
            *error = QStringLiteral("%1 is missing: install printer-driver-cups-pdf "
                                    "(deploy/install-deps.sh)")
                         .arg(backend);
            return false;
        }
        removeStaleCupsPdfInstances();
        const QString conf = QStringLiteral("/etc/cups/cups-pdf-%1.conf").arg(cupsPdfInstance());
        const struct group *ownGroup = getgrgid(getegid());
        QFile file(conf);
        if (!ownGroup || !file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            qInfo("PrivateCups: cannot write %s (%s): relais-pdf is a file: queue (cups-filters' "
                  "PDF driver) instead of CUPS-PDF",
                  qPrintable(conf), qPrintable(file.errorString()));
            return true;
        }
        // CUPS-PDF takes a line's key and the rest of it as the value: no trailing spaces.
        const QString settings =
            QStringLiteral("# A CUPS-PDF instance of a Relais test (PrivateCups, process %1), "
                           "removed when it stops.\n"
                           "Out %2/out\nAnonDirName %2/out\nSpool %2/cups-pdf/spool\n"
                           "GSTmp %2/cups-pdf/tmp\nLog %2/log\nLogType 3\nGrp %3\n"
                           "UserUMask 0022\nTitlePref 1\nLabel 0\n")
                .arg(QCoreApplication::applicationPid())
                .arg(m_dir.path(), QString::fromLocal8Bit(ownGroup->gr_name));
        if (file.write(settings.toUtf8()) < 0 || !file.flush()) {
            file.close();
            QFile::remove(conf);
            *error = QStringLiteral("cannot write %1").arg(conf);
            return false;
        }
        m_cupsPdfConf = conf;
        m_cupsPdf = true;
        return true;
    }

    // The instances of tests whose process is gone (killed before they could remove theirs).
    static void removeStaleCupsPdfInstances()
    {
        const QDir etc(QStringLiteral("/etc/cups"));
        for (const QString &name :
             etc.entryList({QStringLiteral("cups-pdf-relaistest-*.conf")}, QDir::Files)) {
            bool ok = false;
            const qint64 pid = name.mid(int(qstrlen("cups-pdf-relaistest-")))
                                   .chopped(int(qstrlen(".conf")))
                                   .toLongLong(&ok);
            if (ok && pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
                QFile::remove(etc.filePath(name));
        }
    }

    static QString group()
    {
        // Non-root: cupsd wants the admin group to be one the user is in.
        QProcess id;
        id.start(QStringLiteral("id"), {QStringLiteral("-gn")});
        id.waitForFinished(2000);
        return QString::fromLocal8Bit(id.readAllStandardOutput()).trimmed();
    }

    http_t *connect() const
    {
        return httpConnect2("127.0.0.1", m_port, nullptr, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED,
                            1, 5000, nullptr);
    }

    QByteArray uri(const QString &printer) const
    {
        return QStringLiteral("ipp://127.0.0.1:%1/printers/%2").arg(m_port).arg(printer).toUtf8();
    }

    bool printerOperation(ipp_op_t operation, const QString &printer)
    {
        http_t *http = connect();
        if (!http)
            return false;
        ipp_t *request = ippNewRequest(operation);
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
                     uri(printer).constData());
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
                     cupsUser());
        ippDelete(cupsDoRequest(http, request, "/admin/"));
        const bool ok = cupsLastError() <= IPP_STATUS_OK_CONFLICTING;
        httpClose(http);
        return ok;
    }

    QTemporaryDir m_dir;
    QProcess m_cupsd;
    quint16 m_port = 0;
    bool m_cupsPdf = false;
    QString m_cupsPdfConf; // this test's CUPS-PDF instance, to remove
    qint64 m_pageLogStart = 0;
};
