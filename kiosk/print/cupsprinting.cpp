// SPDX-License-Identifier: EUPL-1.2
#include "cupsprinting.h"

#include <QByteArray>
#include <QLoggingCategory>
#include <QThread>

#include <cups/cups.h>

#include <iterator>
#include <memory>
#include <sys/socket.h>

Q_LOGGING_CATEGORY(lcPrint, "relais.print")

namespace relais {

namespace {

constexpr int ConnectTimeoutMs = 5000;
constexpr double ReplyTimeoutSeconds = 15;
const char JobName[] = "relais-kiosk";
constexpr int PurgeAttempts = 50;
constexpr int PurgePauseMs = 200;

struct HttpClose
{
    void operator()(http_t *http) const { httpClose(http); }
};
using Connection = std::unique_ptr<http_t, HttpClose>;

struct IppDelete
{
    void operator()(ipp_t *ipp) const { ippDelete(ipp); }
};
using Message = std::unique_ptr<ipp_t, IppDelete>;

// libcups keeps its server setting per thread: set it on the calling (worker) thread.
Connection connectTo(const QString &server)
{
    if (!server.isEmpty())
        cupsSetServer(server.toUtf8().constData());
    http_t *http = httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1,
                                ConnectTimeoutMs, nullptr);
    if (http)
        httpSetTimeout(http, ReplyTimeoutSeconds, nullptr, nullptr);
    return Connection(http);
}

QString lastError()
{
    return QString::fromUtf8(cupsLastErrorString());
}

QByteArray printerUri(const QString &printer)
{
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", 0,
                     "/printers/%s", printer.toUtf8().constData());
    return QByteArray(uri);
}

// The default printer, or the only (first) one when none is the default.
QString resolvePrinter(http_t *http, const QString &printer)
{
    if (!printer.isEmpty())
        return printer;
    if (const char *name = cupsGetDefault2(http))
        return QString::fromUtf8(name);
    cups_dest_t *dests = nullptr;
    const int count = cupsGetDests2(http, &dests);
    QString first = count > 0 ? QString::fromUtf8(dests[0].name) : QString();
    cupsFreeDests(count, dests);
    return first;
}

QStringList keywords(ipp_attribute_t *attribute)
{
    QStringList values;
    for (int i = 0; attribute && i < ippGetCount(attribute); ++i)
        values << QString::fromUtf8(ippGetString(attribute, i, nullptr));
    return values;
}

} // namespace

CupsPrinting::CupsPrinting(QString server) : m_server(std::move(server)) {}

PrinterStatus CupsPrinting::printerStatus(const QString &printer)
{
    PrinterStatus status;
    const Connection http = connectTo(m_server);
    if (!http) {
        qCWarning(lcPrint) << "print service unreachable:" << lastError();
        return status;
    }
    status.name = resolvePrinter(http.get(), printer);
    status.serviceReachable = true;
    if (status.name.isEmpty())
        return status;

    ipp_t *request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
                 printerUri(status.name).constData());
    static const char *const wanted[] = {"printer-state", "printer-state-reasons",
                                         "printer-state-message", "printer-is-accepting-jobs",
                                         "printer-info"};
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                  int(std::size(wanted)), nullptr, wanted);
    const Message response(cupsDoRequest(http.get(), request, "/"));
    const ipp_status_t result = cupsLastError();
    if (result == IPP_STATUS_ERROR_NOT_FOUND)
        return status;
    if (!response || result > IPP_STATUS_OK_CONFLICTING) {
        // A service that answers but cannot say anything of its printer is as good as absent.
        qCWarning(lcPrint) << "printer" << status.name << "status unreadable:" << lastError();
        status.serviceReachable = response != nullptr;
        return status;
    }
    status.exists = true;
    ipp_t *attrs = response.get();
    if (ipp_attribute_t *a = ippFindAttribute(attrs, "printer-state", IPP_TAG_ENUM))
        status.state = static_cast<PrinterStatus::State>(ippGetInteger(a, 0));
    status.reasons = keywords(ippFindAttribute(attrs, "printer-state-reasons", IPP_TAG_KEYWORD));
    if (ipp_attribute_t *a = ippFindAttribute(attrs, "printer-state-message", IPP_TAG_TEXT))
        status.message = QString::fromUtf8(ippGetString(a, 0, nullptr));
    if (ipp_attribute_t *a = ippFindAttribute(attrs, "printer-info", IPP_TAG_TEXT))
        status.info = QString::fromUtf8(ippGetString(a, 0, nullptr));
    if (ipp_attribute_t *a = ippFindAttribute(attrs, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN))
        status.accepting = ippGetBoolean(a, 0);
    return status;
}

PrintBackend::Submission CupsPrinting::submit(const QString &printer, const QString &pdfPath,
                                              int copies)
{
    Submission submission;
    const Connection http = connectTo(m_server);
    if (!http) {
        submission.error = lastError();
        return submission;
    }
    submission.printer = resolvePrinter(http.get(), printer);
    if (submission.printer.isEmpty()) {
        submission.error = QStringLiteral("no printer is set up");
        return submission;
    }
    cups_option_t *options = nullptr;
    int count = cupsAddOption("copies", QByteArray::number(copies).constData(), 0, &options);
    // Forms and scans come in every size: fit each page to the paper rather than cut it.
    count = cupsAddOption("fit-to-page", "true", count, &options);
    submission.job = cupsPrintFile2(http.get(), submission.printer.toUtf8().constData(),
                                    pdfPath.toLocal8Bit().constData(), JobName, count, options);
    cupsFreeOptions(count, options);
    if (submission.job == 0)
        submission.error = lastError();
    return submission;
}

JobStatus CupsPrinting::jobStatus(int job)
{
    JobStatus status;
    const Connection http = connectTo(m_server);
    if (!http) {
        status.error = lastError();
        return status;
    }
    ipp_t *request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", 0,
                     "/jobs/%d", job);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, uri);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
                 cupsUser());
    static const char *const wanted[] = {"job-state", "job-state-reasons"};
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                  int(std::size(wanted)), nullptr, wanted);
    const Message response(cupsDoRequest(http.get(), request, "/"));
    if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
        status.error = lastError();
        return status;
    }
    if (ipp_attribute_t *a = ippFindAttribute(response.get(), "job-state", IPP_TAG_ENUM))
        status.state = static_cast<JobStatus::State>(ippGetInteger(a, 0));
    status.reasons =
        keywords(ippFindAttribute(response.get(), "job-state-reasons", IPP_TAG_KEYWORD));
    return status;
}

bool CupsPrinting::purge(const QString &printer, int job, QString *error)
{
    const Connection http = connectTo(m_server);
    if (!http) {
        *error = lastError();
        return false;
    }
    const QByteArray name = printer.toUtf8();
    // A job under way is cancelled first and stays in the history until its filters and
    // backend have stopped: purge it again once it has finished.
    for (int attempt = 0; attempt < PurgeAttempts; ++attempt) {
        if (cupsCancelJob2(http.get(), name.constData(), job, 1) > IPP_STATUS_OK_CONFLICTING) {
            // Unknown to the server: nothing of it is left.
            if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND)
                return true;
            *error = lastError();
            return false;
        }
        const JobStatus status = jobStatus(job);
        if (!status.error.isEmpty())
            return true;
        QThread::msleep(PurgePauseMs);
    }
    *error = QStringLiteral("job %1 is still known to the server").arg(job);
    return false;
}

} // namespace relais
