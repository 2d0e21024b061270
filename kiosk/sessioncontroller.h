// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "sessionjourney.h"
#include "sessionmachine.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QQmlEngine>
#include <QTimer>

#include <functional>

namespace relais {

class Journal;

// Drives SessionMachine with the idle and countdown timers, records the session's anonymous
// events in the journal, and runs the wipe steps when a session ends.
class SessionController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The kiosk owns the one session controller: use Kiosk.session")

    Q_PROPERTY(State state READ state NOTIFY changed)
    Q_PROPERTY(QString activity READ activity NOTIFY changed)
    Q_PROPERTY(QString agency READ agency NOTIFY changed)
    Q_PROPERTY(bool idleWarning READ idleWarning NOTIFY changed)
    Q_PROPERTY(bool idleSuspended READ idleSuspended NOTIFY changed)
    Q_PROPERTY(int secondsLeft READ secondsLeft NOTIFY secondsLeftChanged)
    Q_PROPERTY(int countdownSeconds READ countdownSeconds CONSTANT)

public:
    enum State {
        Attract = static_cast<int>(SessionMachine::State::Attract),
        Home = static_cast<int>(SessionMachine::State::Home),
        Activity = static_cast<int>(SessionMachine::State::Activity),
        Ending = static_cast<int>(SessionMachine::State::Ending),
        Wiped = static_cast<int>(SessionMachine::State::Wiped),
    };
    Q_ENUM(State)

    struct Timing
    {
        int idleMs = 120000;
        int countdownSeconds = 30;
        int goodbyeMs = 6000;
        int tickMs = 1000; // one countdown step; tests shorten it
    };

    SessionController(Journal *journal, Timing timing, QObject *parent = nullptr);

    State state() const { return static_cast<State>(m_machine.state()); }
    QString activity() const { return m_machine.activity(); }
    QString agency() const { return m_machine.agency(); }
    bool idleWarning() const { return m_machine.idleWarning(); }
    bool idleSuspended() const { return m_machine.idleSuspended(); }
    int secondsLeft() const { return m_secondsLeft; }
    int countdownSeconds() const { return m_timing.countdownSeconds; }

    // A new idle period, counted from now when the countdown to the warning runs (tests of the
    // idle warning shorten it; the others keep a period no slow step can reach).
    void setIdleMs(int ms);

    // Everything that holds a resident's data registers how to forget it.
    void addWipeStep(const QString &name, std::function<void()> step);

    Q_INVOKABLE void begin();
    Q_INVOKABLE void openAgency(const QString &agency);
    Q_INVOKABLE void openActivity(const QString &activity);
    Q_INVOKABLE void back();
    Q_INVOKABLE void home();
    Q_INVOKABLE void stillHere();
    Q_INVOKABLE void endSession();
    // The end-of-session survey is over (answered or "Terminer"): end and erase.
    Q_INVOKABLE void endAfterSurvey();
    Q_INVOKABLE void acknowledgeGoodbye();
    Q_INVOKABLE void suspendIdle();
    Q_INVOKABLE void resumeIdle();

    // Records an anonymous event of the current session (screens' own events: calls, …).
    void recordEvent(const QString &type, const QJsonObject &payload) { record(type, payload); }
    // "Terminer et effacer" brought the end-of-session survey instead of ending at once: a
    // resident who walks away from it has finished, not abandoned.
    void noteEndAsked() { m_journey.endAsked(); }

    // Any touch, click or key anywhere in the kiosk.
    void userActivity();
    // The idle timer's expiry, public so the screenshot tour can show the dialog at once.
    void idleElapsed();

signals:
    void changed();
    void secondsLeftChanged();
    // Emitted while Ending, before the goodbye screen: QML forgets what it holds.
    void wipeRequested();
    // Every event of the session once journalled (surveys and counts follow the session).
    void eventRecorded(const QString &type, const QJsonObject &payload);

private:
    void end(SessionMachine::EndReason reason);
    void tick();
    void afterTransition();
    void record(const QString &type, const QJsonObject &payload);

    SessionMachine m_machine;
    Journal *m_journal;
    Timing m_timing;
    QTimer m_idleTimer;
    QTimer m_countdownTimer;
    QTimer m_goodbyeTimer;
    int m_secondsLeft = 0;
    QString m_sessionId;
    qint64 m_sessionStartMs = 0;
    SessionJourney m_journey;
    QList<std::pair<QString, std::function<void()>>> m_wipeSteps;
};

} // namespace relais
