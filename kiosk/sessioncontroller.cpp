// SPDX-License-Identifier: EUPL-1.2
#include "sessioncontroller.h"

#include "database.h"
#include "journal.h"
#include "monotonicclock.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QUuid>

Q_LOGGING_CATEGORY(lcSession, "relais.session", QtInfoMsg)

namespace relais {

SessionController::SessionController(Journal *journal, Timing timing, QObject *parent)
    : QObject(parent), m_journal(journal), m_timing(timing)
{
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(m_timing.idleMs);
    connect(&m_idleTimer, &QTimer::timeout, this, &SessionController::idleElapsed);
    m_countdownTimer.setInterval(m_timing.tickMs);
    connect(&m_countdownTimer, &QTimer::timeout, this, &SessionController::tick);
    m_goodbyeTimer.setSingleShot(true);
    m_goodbyeTimer.setInterval(m_timing.goodbyeMs);
    connect(&m_goodbyeTimer, &QTimer::timeout, this, &SessionController::acknowledgeGoodbye);
}

void SessionController::setIdleMs(int ms)
{
    m_timing.idleMs = ms;
    m_idleTimer.setInterval(ms); // a running timer starts again
}

void SessionController::addWipeStep(const QString &name, std::function<void()> step)
{
    m_wipeSteps.append({name, std::move(step)});
}

void SessionController::begin()
{
    if (!m_machine.begin())
        return;
    m_sessionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_sessionStartMs = monotonicNow().milliseconds;
    m_journey = {};
    record(QStringLiteral("session_started"), {});
    afterTransition();
}

void SessionController::openAgency(const QString &agency)
{
    if (!m_machine.openAgency(agency))
        return;
    m_journey.endWithdrawn();
    record(QStringLiteral("agency_chosen"), {{QStringLiteral("agency"), agency}});
    afterTransition();
}

void SessionController::openActivity(const QString &activity)
{
    if (!m_machine.openActivity(activity))
        return;
    if (activity != QLatin1String("survey"))
        m_journey.endWithdrawn();
    QJsonObject payload{{QStringLiteral("activity"), activity}};
    if (!m_machine.agency().isEmpty())
        payload.insert(QStringLiteral("agency"), m_machine.agency());
    record(QStringLiteral("activity_chosen"), payload);
    afterTransition();
}

void SessionController::back()
{
    if (!m_machine.back())
        return;
    m_journey.endWithdrawn();
    afterTransition();
}

void SessionController::home()
{
    if (!m_machine.home())
        return;
    m_journey.endWithdrawn();
    afterTransition();
}

void SessionController::stillHere()
{
    if (m_machine.stillHere())
        afterTransition();
}

void SessionController::endSession()
{
    end(SessionMachine::EndReason::Button);
}

void SessionController::endAfterSurvey()
{
    end(SessionMachine::EndReason::Survey);
}

void SessionController::acknowledgeGoodbye()
{
    if (m_machine.reset())
        afterTransition();
}

void SessionController::suspendIdle()
{
    m_machine.suspendIdle();
    afterTransition();
}

void SessionController::resumeIdle()
{
    if (m_machine.resumeIdle())
        afterTransition();
}

void SessionController::userActivity()
{
    // During the warning only the dialog answers: dismissing it here, before the touch is
    // delivered, would let that touch fall through to whatever lies under the dialog.
    if (m_idleTimer.isActive())
        m_idleTimer.start();
}

void SessionController::idleElapsed()
{
    if (!m_machine.idleElapsed())
        return;
    m_secondsLeft = m_timing.countdownSeconds;
    emit secondsLeftChanged();
    afterTransition();
}

void SessionController::tick()
{
    if (!m_machine.idleWarning())
        return;
    m_secondsLeft = std::max(0, m_secondsLeft - 1);
    emit secondsLeftChanged();
    if (m_secondsLeft == 0)
        end(SessionMachine::EndReason::Idle);
}

void SessionController::end(SessionMachine::EndReason reason)
{
    const bool fromWarning = m_machine.idleWarning();
    QJsonObject payload = m_journey.ending(reason, m_machine.state(), m_machine.activity());
    if (!m_machine.end(reason))
        return;
    const qint64 seconds = (monotonicNow().milliseconds - m_sessionStartMs) / 1000;
    payload.insert(QStringLiteral("reason"), endReasonName(reason));
    payload.insert(QStringLiteral("duration_s"), seconds);
    payload.insert(QStringLiteral("after_idle_warning"), fromWarning);
    payload.insert(QStringLiteral("autonomy"), m_journey.autonomy());
    record(QStringLiteral("session_ended"), payload);
    emit changed();

    emit wipeRequested();
    for (const auto &[name, step] : std::as_const(m_wipeSteps)) {
        step();
        qCDebug(lcSession) << "wiped" << name;
    }
    m_sessionId.clear();
    m_sessionStartMs = 0;
    m_machine.wiped();
    afterTransition();
}

void SessionController::afterTransition()
{
    if (m_machine.idleTimerShouldRun())
        m_idleTimer.start();
    else
        m_idleTimer.stop();

    if (m_machine.idleWarning()) {
        if (!m_countdownTimer.isActive())
            m_countdownTimer.start();
    } else {
        m_countdownTimer.stop();
    }

    if (m_machine.state() == SessionMachine::State::Wiped) {
        if (!m_goodbyeTimer.isActive())
            m_goodbyeTimer.start();
    } else {
        m_goodbyeTimer.stop();
    }
    emit changed();
}

void SessionController::record(const QString &type, const QJsonObject &payload)
{
    QJsonObject withSession = payload;
    withSession.insert(QStringLiteral("session"), m_sessionId);
    m_journey.note(type, payload);
    if (m_journal) {
        try {
            m_journal->append(type, withSession);
        } catch (const DatabaseError &error) {
            // The resident is served even when the store fails; the operator sees why in the
            // log.
            qCCritical(lcSession) << "could not record" << type << ":" << error.what();
        }
    }
    emit eventRecorded(type, withSession);
}

} // namespace relais
