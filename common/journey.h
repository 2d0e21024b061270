// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QStringList>

// The words of a kiosk session's anonymous journey, as the kiosk sends them and the observatory
// reads them (observatory/API.md, "journal_event"). The kiosk sends nothing outside these lists
// and the observatory refuses anything outside them, so both sides read them from here.
namespace relais::journey {

// session_ended's "end": "finished" ("Terminer et effacer", or the end-of-session survey it
// led to), "idle" (the idle countdown ran out on the home screen), "abandoned" (it ran out in
// the middle of something: see screens()).
const QStringList &ends();

// Where an abandoned session was left: the session's activity when it ended ("agency": an
// agency's page; "online": the online procedures, their list or the guide; "other": an activity
// this list does not name yet).
const QStringList &screens();

// How the session got through, decided by the kiosk when it ends: a video call took place
// ("video_call"), else the mediator was called ("mediator"), else a guided procedure was
// opened ("guide_alone"), else none of these ("none").
const QStringList &autonomies();

// The most steps a guided procedure has: the catalog refuses more, the journal's step numbers
// (1-based) are never higher.
inline constexpr int kMaxSteps = 12;

} // namespace relais::journey
