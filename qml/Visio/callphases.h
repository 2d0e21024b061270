// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace relais {

// What a resident's video call is doing, decided from what the hub, the media session and the
// resident say, and what it asks of them in return (as ManageAudioPlayer does in KDE's
// Elisa): no socket, no GStreamer and no kiosk here, so that every phase and every journal
// event can be tested with plain method calls. VisioCall wires it to the hub's client and the
// call's media session.
//
// An input that makes no sense in the current phase (a late queue update after leaving, a
// call offered after the resident left) is ignored.
class CallPhases : public QObject
{
    Q_OBJECT

public:
    // The same values as VisioCall::Phase, which QML sees.
    enum Phase { Checking, Connecting, Queued, Closed, InCall, Reconnecting, Ended, Failed };
    Q_ENUM(Phase)

    // Milliseconds of a clock that never jumps (std::chrono::steady_clock unless set).
    using Clock = std::function<qint64()>;

    // The hub has this long to queue the request, say the counter is closed, or offer a call.
    static constexpr int kConnectTimeoutMs = 20000;

    explicit CallPhases(QObject *parent = nullptr);

    void setClock(Clock clock);
    void setConnectTimeout(int ms) { m_connectTimeout.setInterval(ms); }

    Phase phase() const { return m_phase; }
    int position() const { return m_position; }
    // Rounded up: "about 1 minute" rather than "0 minutes" while someone is waiting.
    int waitMinutes() const { return m_waitMinutes; }
    QDateTime nextOpening() const { return m_nextOpening; }
    bool callbackAvailable() const { return m_callbackAvailable; }
    bool closedWhileWaiting() const { return m_closedWhileWaiting; }
    bool callbackRecorded() const { return m_callbackRecorded; }
    QString agentName() const { return m_agentName; }
    // She waits again because her adviser passed her on ("On vous passe un autre conseiller").
    bool transferred() const { return m_transferred; }
    // The hub's ids of the queued request and of the call in progress (empty: none).
    QString request() const { return m_request; }
    QString call() const { return m_call; }
    // The resident is waiting or talking: the idle countdown must not cut her off.
    bool idleHeld() const { return m_idleHeld; }
    bool connectTimerRunning() const { return m_connectTimeout.isActive(); }

    // The screen's pre-call check (picture and sound); refused while a call is under way.
    bool startCheck();
    bool canRequestCall() const;
    // "Appeler un conseiller": false when a call is already under way.
    bool requestCall();

    // From the hub.
    void welcomed();
    void queued(const QString &request, int position, int estimatedWaitS);
    void closed(const QDateTime &nextOpening, bool callbackAvailable);
    void callOffered(const QString &call, const QString &agentName);
    void callEnded(const QString &reason);
    // The adviser passed her on: back to a queue's head, the first call over for the journal.
    void transferred(const QString &request, int position, int estimatedWaitS);
    void callbackWasRecorded();
    void left();
    void protocolError(bool fatal);
    void connectionLost();
    void disconnected();
    // The timer's end, also callable directly.
    void connectTimedOut();

    // From the media session.
    void sessionStartFailed();
    void sessionConnected();
    void sessionReconnecting();
    void sessionFailed();

    // From the resident.
    void leaveQueue();
    void askCallback();
    void hangUp();
    // She left the screen (or the session was wiped): whatever was under way ends.
    void leaveScreen();

signals:
    void phaseChanged();
    void queueChanged();
    void closedChanged();
    void callbackRecordedChanged();
    void idleHeldChanged(bool held);

    // What the outside world is asked to do.
    void sendRequestRequested();
    void sendLeaveRequested(const QString &request);
    void sendCallbackRequested();
    void hangUpRequested(const QString &call, const QString &reason);
    void closeSignallingRequested();
    // Camera, encoder and offer get ready while she waits.
    void prepareSessionRequested();
    // The call's servers are known: the offer leaves.
    void startSessionRequested();
    // The same call offered again after the hub link came back: rebuild and offer anew.
    void restartSessionRequested();
    void dropSessionRequested();
    // The call is over: the session goes, and with it its pictures, text and documents.
    void callFinished();
    // An anonymous journal event (the agency is the caller's to add).
    void journalEvent(const QString &type, const QJsonObject &payload);

private:
    bool waiting() const { return m_phase == Connecting || m_phase == Queued; }
    bool talking() const { return m_phase == InCall || m_phase == Reconnecting; }
    void finish(const QString &outcome, Phase phase);
    void setPhase(Phase phase);
    void setIdleHeld(bool held);
    qint64 now() const { return m_clock(); }

    Clock m_clock;
    QTimer m_connectTimeout;
    Phase m_phase = Checking;
    int m_position = 0;
    int m_waitMinutes = 0;
    QDateTime m_nextOpening;
    bool m_callbackAvailable = false;
    bool m_closedWhileWaiting = false;
    bool m_callbackRecorded = false;
    bool m_transferred = false;
    QString m_agentName;
    QString m_request;
    QString m_call;
    bool m_idleHeld = false;
    bool m_finished = false;
    // A `leave` went to the hub, whose `left` will close the connection.
    bool m_leaveSent = false;
    qint64 m_requestedAtMs = 0;
    qint64 m_answeredAtMs = 0;
};

} // namespace relais
