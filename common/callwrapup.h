// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QList>
#include <QString>

// How an adviser says a video call ended, once it is over (the console's wrap-up). The hub
// offers these in the agents' welcome and keeps only what is in this list; the observatory
// refuses anything else and names its columns from here, so both read it from one place.
// Anonymous: an outcome names an agency, a site and a day, never the resident or the adviser.
namespace relais::wrapup {

struct Outcome
{
    QString code; // as the protocol and the observatory's store carry it
    QString text; // in French, for advisers and partners
};

// In the order the console offers them and the dashboard shows them.
const QList<Outcome> &outcomes();
bool isOutcome(const QString &code);

} // namespace relais::wrapup
