// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "sessionmachine.h"

#include <QJsonObject>
#include <QString>

namespace relais {

// What the observatory learns of one session as a whole (common/journey.h): how it ended and
// how the resident got through. It is decided here, when the session ends, from the session's
// own events, so that the observatory never needs a session id to put them back together and
// none ever leaves the kiosk.
class SessionJourney
{
public:
    // Every event of the session, as journalled.
    void note(const QString &type, const QJsonObject &payload);
    // The resident touched "Terminer et effacer" and the end-of-session survey is on screen:
    // if she walks away from it, she had finished all the same.
    void endAsked() { m_endAsked = true; }
    // She went on with something else instead.
    void endWithdrawn() { m_endAsked = false; }

    // session_ended's "end" and, for an abandoned session, its "screen": `state` and
    // `activity` are the session's just before it ended.
    QJsonObject ending(SessionMachine::EndReason reason, SessionMachine::State state,
                       const QString &activity) const;
    QString autonomy() const;

private:
    bool m_guided = false;
    bool m_mediator = false;
    bool m_videoCall = false;
    bool m_endAsked = false;
};

} // namespace relais
