// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>
#include <QStringList>

namespace relais {

// What the print system says of a printer, as IPP gives it (RFC 8011 printer-state,
// printer-state-reasons, printer-is-accepting-jobs).
struct PrinterStatus
{
    enum class State { Idle = 3, Processing = 4, Stopped = 5 };

    bool serviceReachable = false; // the print service (cupsd) answered
    bool exists = false;           // a printer of that name (or a default one) is set up
    QString name;
    QString info;
    State state = State::Stopped;
    QStringList reasons; // keywords with their -error/-warning/-report suffix
    QString message;     // printer-state-message, as the driver wrote it (logs, mediator)
    bool accepting = false;
};

// Why a printer cannot print now, in the order a person would fix it.
enum class PrinterProblem {
    None,
    NoService,    // the print service does not answer
    NoPrinter,    // no printer is set up
    Offline,      // switched off, unplugged, not answering
    NoPaper,      // media-empty, media-needed
    PaperJam,     // media-jam
    NoInk,        // toner, ink or another supply empty
    DoorOpen,     // door, cover or interlock open
    Paused,       // stopped by the desk (or by CUPS after a fault)
    NotAccepting, // refuses new jobs
    Other,        // another error-level reason
};

PrinterProblem printerProblem(const PrinterStatus &status);

// An IPP reason keyword split from its severity suffix: "media-empty-error" is
// {"media-empty", Error}; a keyword without a suffix is an error (RFC 8011 §5.4.12).
struct StateReason
{
    enum class Severity { Report, Warning, Error };
    QString keyword;
    Severity severity = Severity::Error;
};
StateReason parseStateReason(const QString &reason);

// One print job as IPP reports it (job-state, RFC 8011 §5.3.7).
struct JobStatus
{
    enum class State {
        Unknown = 0,
        Pending = 3,
        Held = 4,
        Processing = 5,
        Stopped = 6,
        Canceled = 7,
        Aborted = 8,
        Completed = 9
    };
    State state = State::Unknown;
    QStringList reasons;
    QString error; // why the state could not be read

    bool finished() const
    {
        return state == State::Canceled || state == State::Aborted || state == State::Completed;
    }
};

} // namespace relais
