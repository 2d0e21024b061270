// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "printstatus.h"

#include <QString>

namespace relais {

// The print system as the kiosk uses it. Every call blocks (a network print server may take
// seconds to answer): callers run them on a worker thread, never on the interface's.
class PrintBackend
{
public:
    virtual ~PrintBackend() = default;

    // `printer` empty: the print system's default printer (or its only one).
    virtual PrinterStatus printerStatus(const QString &printer) = 0;

    struct Submission
    {
        int job = 0; // 0: refused
        QString printer;
        QString error;
    };
    // Sends a PDF for printing, `copies` times. The file may be deleted once this returns.
    virtual Submission submit(const QString &printer, const QString &pdfPath, int copies) = 0;
    virtual JobStatus jobStatus(int job) = 0;
    // Cancels the job if it is not finished and removes it and its files from the server.
    virtual bool purge(const QString &printer, int job, QString *error) = 0;
};

} // namespace relais
