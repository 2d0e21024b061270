// SPDX-License-Identifier: EUPL-1.2
#include "callphases.h"

#include <QLoggingCategory>

#include <chrono>

Q_LOGGING_CATEGORY(lcCallPhases, "relais.visio")

namespace relais {

CallPhases::CallPhases(QObject *parent)
    : QObject(parent), m_clock([] {
          using namespace std::chrono;
          return qint64(
              duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count());
      })
{
    m_connectTimeout.setSingleShot(true);
    m_connectTimeout.setInterval(kConnectTimeoutMs);
    connect(&m_connectTimeout, &QTimer::timeout, this, &CallPhases::connectTimedOut);
}

void CallPhases::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

bool CallPhases::startCheck()
{
    if (waiting() || talking())
        return false;
    setPhase(Checking);
    return true;
}

bool CallPhases::canRequestCall() const
{
    return m_phase == Checking || m_phase == Ended || m_phase == Failed || m_phase == Closed;
}

bool CallPhases::requestCall()
{
    if (!canRequestCall())
        return false;
    m_finished = false;
    m_leaveSent = false;
    m_callbackRecorded = false;
    emit callbackRecordedChanged();
    m_requestedAtMs = now();
    emit journalEvent(QStringLiteral("call_requested"), {});
    setPhase(Connecting);
    m_connectTimeout.start();
    return true;
}

void CallPhases::welcomed()
{
    // A welcome after a resumed connection is not a new request.
    if (m_phase == Connecting)
        emit sendRequestRequested();
}

void CallPhases::queued(const QString &request, int position, int estimatedWaitS)
{
    if (!waiting())
        return;
    m_connectTimeout.stop();
    m_request = request;
    m_position = position;
    m_waitMinutes = (estimatedWaitS + 59) / 60;
    emit queueChanged();
    if (m_phase == Connecting) {
        emit journalEvent(QStringLiteral("call_queued"), {});
        // When an adviser takes the call, the offer leaves at once.
        emit prepareSessionRequested();
    }
    setPhase(Queued);
}

void CallPhases::closed(const QDateTime &nextOpening, bool callbackAvailable)
{
    if (!waiting())
        return;
    m_connectTimeout.stop();
    m_nextOpening = nextOpening;
    m_callbackAvailable = callbackAvailable;
    // The hub has already taken the request out of its queue.
    m_closedWhileWaiting = m_phase == Queued;
    m_request.clear();
    emit dropSessionRequested(); // nobody will take the call: the camera is let go
    emit closedChanged();
    setPhase(Closed);
}

void CallPhases::callOffered(const QString &call, const QString &agentName)
{
    if (talking() && !m_call.isEmpty() && call == m_call) {
        // The same call again after our connection came back (resume).
        emit restartSessionRequested();
        setPhase(InCall);
        return;
    }
    if (!waiting()) {
        qCWarning(lcCallPhases) << "ignored a call offered while" << m_phase;
        return;
    }
    m_connectTimeout.stop();
    m_transferred = false;
    m_call = call;
    m_answeredAtMs = now();
    m_agentName = agentName;
    emit journalEvent(QStringLiteral("call_started"),
                      {{QStringLiteral("wait_s"), (m_answeredAtMs - m_requestedAtMs) / 1000}});
    setPhase(InCall);
    emit startSessionRequested();
}

void CallPhases::callEnded(const QString &reason)
{
    if (!talking())
        return;
    finish(m_answeredAtMs ? QStringLiteral("answered") : QStringLiteral("failed"),
           reason == QLatin1String("failed") ? Failed : Ended);
}

void CallPhases::transferred(const QString &request, int position, int estimatedWaitS)
{
    if (!talking())
        return;
    // The first adviser answered her: that call is journaled as answered (its reason says she
    // was passed on, so that no survey interrupts her wait), and the next one, with whoever
    // takes her, will be a call of its own, its wait counted from now.
    emit journalEvent(QStringLiteral("call_ended"),
                      {{QStringLiteral("outcome"), QStringLiteral("answered")},
                       {QStringLiteral("reason"), QStringLiteral("transferred")},
                       {QStringLiteral("duration_s"), (now() - m_answeredAtMs) / 1000}});
    emit callFinished();
    m_call.clear();
    m_agentName.clear();
    m_answeredAtMs = 0;
    m_requestedAtMs = now();
    m_transferred = true;
    m_request = request;
    m_position = position;
    m_waitMinutes = (estimatedWaitS + 59) / 60;
    emit queueChanged();
    emit prepareSessionRequested();
    setPhase(Queued);
}

void CallPhases::callbackWasRecorded()
{
    if (m_phase != Queued && m_phase != Closed)
        return;
    m_callbackRecorded = true;
    emit callbackRecordedChanged();
    finish(QStringLiteral("callback"), Ended);
}

void CallPhases::left()
{
    if (m_phase != Ended || !m_leaveSent)
        return;
    m_leaveSent = false;
    emit closeSignallingRequested();
}

void CallPhases::protocolError(bool fatal)
{
    // Before the queue, any refusal means there will be no call; later only a fatal one.
    const bool underWay = waiting() || talking() || m_phase == Closed;
    if (m_phase == Connecting || (fatal && underWay))
        finish(QStringLiteral("failed"), Failed);
}

void CallPhases::connectionLost()
{
    // The client says hello again with resume_call: the resident is told the call is coming
    // back rather than left with a frozen picture.
    if (m_phase == InCall)
        setPhase(Reconnecting);
}

void CallPhases::disconnected()
{
    if (waiting())
        finish(QStringLiteral("failed"), Failed);
}

void CallPhases::connectTimedOut()
{
    if (m_phase != Connecting)
        return;
    qCWarning(lcCallPhases) << "the hub did not answer in time";
    finish(QStringLiteral("failed"), Failed);
}

void CallPhases::sessionStartFailed()
{
    if (m_phase == InCall)
        finish(QStringLiteral("failed"), Failed);
}

void CallPhases::sessionConnected()
{
    if (talking())
        setPhase(InCall);
}

void CallPhases::sessionReconnecting()
{
    if (talking())
        setPhase(Reconnecting);
}

void CallPhases::sessionFailed()
{
    if (talking()) {
        emit hangUpRequested(m_call, QStringLiteral("failed"));
        finish(QStringLiteral("failed"), Failed);
    } else if (m_phase == Queued) {
        // The prepared camera or encoder broke while she waited: no call can be made.
        finish(QStringLiteral("failed"), Failed);
    }
}

void CallPhases::leaveQueue()
{
    if (!waiting())
        return;
    if (!m_request.isEmpty()) {
        m_leaveSent = true;
        emit sendLeaveRequested(m_request);
    }
    finish(QStringLiteral("abandoned"), Ended);
}

void CallPhases::askCallback()
{
    if ((m_phase == Queued || m_phase == Closed) && !m_callbackRecorded)
        emit sendCallbackRequested();
}

void CallPhases::hangUp()
{
    if (!talking())
        return;
    emit hangUpRequested(m_call, QStringLiteral("done"));
    finish(QStringLiteral("answered"), Ended);
}

void CallPhases::leaveScreen()
{
    if (waiting())
        leaveQueue();
    else if (talking())
        hangUp();
    else if (m_phase == Closed)
        finish(QStringLiteral("abandoned"), Ended);
    setIdleHeld(false);
}

void CallPhases::finish(const QString &outcome, Phase phase)
{
    m_connectTimeout.stop();
    if (!m_finished) {
        m_finished = true;
        // Leaving a closed counter is not the resident giving up: nobody could answer her.
        const bool unanswered = outcome == QLatin1String("abandoned") && m_phase == Closed;
        QJsonObject payload{
            {QStringLiteral("outcome"), unanswered ? QStringLiteral("unanswered") : outcome}};
        if (m_answeredAtMs)
            payload.insert(QStringLiteral("duration_s"), (now() - m_answeredAtMs) / 1000);
        emit journalEvent(QStringLiteral("call_ended"), payload);
    }
    emit callFinished();
    m_answeredAtMs = 0;
    m_call.clear();
    m_request.clear();
    // After a `leave` the hub's `left` closes the connection; otherwise nothing more is
    // expected from the hub.
    if (!m_leaveSent)
        emit closeSignallingRequested();
    setPhase(phase);
}

void CallPhases::setPhase(Phase phase)
{
    setIdleHeld(phase == Connecting || phase == Queued || phase == InCall || phase == Reconnecting);
    if (phase == m_phase)
        return;
    m_phase = phase;
    emit phaseChanged();
}

void CallPhases::setIdleHeld(bool held)
{
    if (held == m_idleHeld)
        return;
    m_idleHeld = held;
    emit idleHeldChanged(held);
}

} // namespace relais
