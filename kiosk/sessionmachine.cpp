// SPDX-License-Identifier: EUPL-1.2
#include "sessionmachine.h"

namespace relais {

bool SessionMachine::begin()
{
    if (m_state != State::Attract)
        return false;
    m_state = State::Home;
    m_endReason = EndReason::None;
    return true;
}

bool SessionMachine::openAgency(const QString &agency)
{
    if (!inSession() || m_warning || agency.isEmpty())
        return false;
    m_state = State::Activity;
    m_agency = agency;
    m_activity = QStringLiteral("agency");
    return true;
}

bool SessionMachine::openActivity(const QString &activity)
{
    if (!inSession() || m_warning || activity.isEmpty() || activity == QLatin1String("agency"))
        return false;
    m_state = State::Activity;
    m_activity = activity;
    return true;
}

bool SessionMachine::back()
{
    if (m_state != State::Activity || m_warning)
        return false;
    if (m_activity != QLatin1String("agency") && !m_agency.isEmpty()) {
        m_activity = QStringLiteral("agency");
        return true;
    }
    return home();
}

bool SessionMachine::home()
{
    if (m_state != State::Activity || m_warning)
        return false;
    m_state = State::Home;
    m_activity.clear();
    m_agency.clear();
    return true;
}

bool SessionMachine::idleElapsed()
{
    if (!idleTimerShouldRun())
        return false;
    m_warning = true;
    return true;
}

bool SessionMachine::stillHere()
{
    if (!m_warning)
        return false;
    m_warning = false;
    return true;
}

bool SessionMachine::countdownElapsed()
{
    if (!m_warning)
        return false;
    return end(EndReason::Idle);
}

bool SessionMachine::end(EndReason reason)
{
    if (!inSession() || reason == EndReason::None)
        return false;
    m_state = State::Ending;
    m_endReason = reason;
    m_warning = false;
    return true;
}

bool SessionMachine::wiped()
{
    if (m_state != State::Ending)
        return false;
    m_state = State::Wiped;
    m_activity.clear();
    m_agency.clear();
    // Screens that held the idle timer are gone with the session.
    m_suspensions = 0;
    return true;
}

bool SessionMachine::reset()
{
    if (m_state != State::Wiped)
        return false;
    m_state = State::Attract;
    m_endReason = EndReason::None;
    return true;
}

bool SessionMachine::suspendIdle()
{
    ++m_suspensions;
    // A screen that holds the timer (a video call) must never be interrupted by a countdown
    // that started just before it.
    m_warning = false;
    return true;
}

bool SessionMachine::resumeIdle()
{
    if (m_suspensions == 0)
        return false;
    --m_suspensions;
    return true;
}

bool SessionMachine::idleTimerShouldRun() const
{
    return inSession() && !m_warning && m_suspensions == 0;
}

QString endReasonName(SessionMachine::EndReason reason)
{
    switch (reason) {
    case SessionMachine::EndReason::Button:
        return QStringLiteral("button");
    case SessionMachine::EndReason::Idle:
        return QStringLiteral("idle");
    case SessionMachine::EndReason::Survey:
        return QStringLiteral("survey");
    case SessionMachine::EndReason::None:
        break;
    }
    return QStringLiteral("none");
}

} // namespace relais
