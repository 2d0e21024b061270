#pragma once

// A CUPS scheduler of the test's own: its configuration, spool and printers in a temporary
// folder, listening on a free loopback port, run as the test's user (when that is root, CUPS
// runs its filters as "lp", so the folder is opened to others for reading).
//
// Printers (all with cups-filters' "Generic PDF Printer" driver, so that CUPS's own pdftopdf
// filter makes the copies):
//   relais-pdf      the default; a file: device writing the PDF it would send to a printer
//                   into outputPath() (CUPS-PDF itself reads its configuration from /etc/cups
//                   only, which a test must not change)
//   relais-nopaper  a backend that reports "media-empty-error" and stops the queue, as a
//                   printer out of paper does
//   relais-offline  a backend that reports "offline-report" and waits for the printer

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cups/cups.h>

#include <unistd.h>

class PrivateCups
{
public:
    PrivateCups() = default;
    ~PrivateCups() { stop(); }

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
        for (const char *sub : {"conf/ppd", "spool/tmp", "cache", "state", "log", "out", "bin"})
            QDir().mkpath(QDir(root).filePath(QString::fromLatin1(sub)));
        if (!makeServerBin(error) || !writeConfiguration(error))
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
        if (m_cupsd.state() == QProcess::NotRunning)
            return;
        m_cupsd.terminate();
        if (!m_cupsd.waitForFinished(10000)) {
            m_cupsd.kill();
            m_cupsd.waitForFinished(5000);
        }
    }

    QString server() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    QString outputPath() const { return path("out/relais-pdf.pdf"); }
    QString errorLog() const
    {
        QFile log(path("log/error_log"));
        return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll().right(4000))
                                             : QString();
    }

    // CUPS writes into an existing file only (and does not truncate it): empty it before a job.
    void resetOutput()
    {
        QFile out(outputPath());
        out.open(QIODevice::WriteOnly | QIODevice::Truncate);
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
        const QString ppd =
            QStringLiteral("/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd");
        QString printers;
        const std::pair<const char *, QString> queues[] = {
            {"relais-pdf", QStringLiteral("file://%1").arg(outputPath())},
            {"relais-nopaper", QStringLiteral("relaisfault:/media-empty")},
            {"relais-offline", QStringLiteral("relaisfault:/offline")},
        };
        for (const auto &[name, device] : queues) {
            const QString queue = QString::fromLatin1(name);
            if (!QFile::copy(ppd, path("conf/ppd") + QStringLiteral("/%1.ppd").arg(queue))) {
                *error = QStringLiteral("cannot copy %1").arg(ppd);
                return false;
            }
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
};
