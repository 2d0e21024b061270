// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "printbackend.h"

namespace relais {

// PrintBackend over libcups (IPP to cupsd). Jobs carry a neutral name, never the document's:
// CUPS keeps job names in its history and logs.
class CupsPrinting : public PrintBackend
{
public:
    // `server`: "host:port" or a socket path; empty: libcups's own choice (CUPS_SERVER,
    // client.conf, the local cupsd).
    explicit CupsPrinting(QString server = {});

    PrinterStatus printerStatus(const QString &printer) override;
    Submission submit(const QString &printer, const QString &pdfPath, int copies) override;
    JobStatus jobStatus(int job) override;
    bool purge(const QString &printer, int job, QString *error) override;

private:
    QString m_server;
};

} // namespace relais
