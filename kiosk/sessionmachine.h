// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>

namespace relais {

// The resident's session as an explicit state machine, free of timers and of Qt objects so
// that every transition can be tested directly. SessionController drives it with real timers.
//
//   Attract --begin--> Home <--back/home--> Activity
//   Home|Activity --end(reason)--> Ending --wiped--> Wiped --reset--> Attract
//   Home|Activity --idleElapsed--> (warning) --stillHere--> back to where it was
//                                   (warning) --countdownElapsed--> Ending(idle)
//
// The idle warning is an overlay over Home or Activity, not a state of its own: the resident
// returns exactly where she was.
class SessionMachine
{
public:
    enum class State { Attract, Home, Activity, Ending, Wiped };
    enum class EndReason { None, Button, Idle, Survey };

    State state() const { return m_state; }
    bool idleWarning() const { return m_warning; }
    bool idleSuspended() const { return m_suspensions > 0; }
    EndReason endReason() const { return m_endReason; }
    const QString &activity() const { return m_activity; }
    const QString &agency() const { return m_agency; }

    // Each returns true when the event applies in the current state and changed something;
    // an event that does not apply leaves the machine exactly as it was.
    bool begin();
    bool openAgency(const QString &agency);
    bool openActivity(const QString &activity);
    bool back();
    bool home();
    bool idleElapsed();
    bool stillHere();
    bool countdownElapsed();
    bool end(EndReason reason);
    bool wiped();
    bool reset();
    bool suspendIdle();
    bool resumeIdle();

    // Idle counts only while a resident is in a session and no screen holds the timer.
    bool idleTimerShouldRun() const;

private:
    bool inSession() const { return m_state == State::Home || m_state == State::Activity; }

    State m_state = State::Attract;
    bool m_warning = false;
    int m_suspensions = 0;
    EndReason m_endReason = EndReason::None;
    QString m_activity;
    QString m_agency;
};

QString endReasonName(SessionMachine::EndReason reason);

} // namespace relais
