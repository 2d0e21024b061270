// SPDX-License-Identifier: EUPL-1.2
#include "printstatus.h"

#include <array>
#include <utility>

namespace relais {

StateReason parseStateReason(const QString &reason)
{
    static const std::array<std::pair<QLatin1String, StateReason::Severity>, 3> suffixes{{
        {QLatin1String("-report"), StateReason::Severity::Report},
        {QLatin1String("-warning"), StateReason::Severity::Warning},
        {QLatin1String("-error"), StateReason::Severity::Error},
    }};
    for (const auto &[suffix, severity] : suffixes) {
        if (reason.endsWith(suffix))
            return {reason.chopped(suffix.size()), severity};
    }
    return {reason, StateReason::Severity::Error};
}

PrinterProblem printerProblem(const PrinterStatus &status)
{
    if (!status.serviceReachable)
        return PrinterProblem::NoService;
    if (!status.exists)
        return PrinterProblem::NoPrinter;

    // The most concrete reason first: "no paper" tells the desk what to do, "stopped" does not.
    static const std::array<std::pair<PrinterProblem, std::array<QLatin1String, 3>>, 5> kinds{{
        {PrinterProblem::NoPaper,
         {QLatin1String("media-empty"), QLatin1String("media-needed"),
          QLatin1String("input-tray-missing")}},
        {PrinterProblem::PaperJam,
         {QLatin1String("media-jam"), QLatin1String("output-area-full"), QLatin1String()}},
        {PrinterProblem::NoInk,
         {QLatin1String("toner-empty"), QLatin1String("marker-supply-empty"),
          QLatin1String("marker-waste-full")}},
        {PrinterProblem::DoorOpen,
         {QLatin1String("door-open"), QLatin1String("cover-open"),
          QLatin1String("interlock-open")}},
        {PrinterProblem::Offline,
         {QLatin1String("offline"), QLatin1String("shutdown"), QLatin1String("timed-out")}},
    }};
    QList<StateReason> errors;
    for (const QString &reason : status.reasons) {
        const StateReason parsed = parseStateReason(reason);
        // CUPS backends say a printer does not answer with "offline-report".
        if (parsed.severity == StateReason::Severity::Error ||
            parsed.keyword == QLatin1String("offline"))
            errors << parsed;
    }
    for (const auto &[problem, keywords] : kinds) {
        for (const StateReason &reason : std::as_const(errors)) {
            for (const QLatin1String &keyword : keywords) {
                if (!keyword.isEmpty() && reason.keyword == keyword)
                    return problem;
            }
        }
    }
    if (status.state == PrinterStatus::State::Stopped)
        return PrinterProblem::Paused;
    if (!status.accepting)
        return PrinterProblem::NotAccepting;
    // Keywords without a suffix also name passing states ("connecting-to-device", CUPS's own
    // "cups-waiting-for-job-completed" while a job prints): only an explicit error is one.
    for (const QString &reason : status.reasons) {
        if (reason.endsWith(QLatin1String("-error")))
            return PrinterProblem::Other;
    }
    return PrinterProblem::None;
}

} // namespace relais
