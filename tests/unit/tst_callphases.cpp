// SPDX-License-Identifier: EUPL-1.2
#include "callphases.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using relais::CallPhases;
using Phase = CallPhases::Phase;

namespace {

const QString kRequest = QStringLiteral("6f1c1b9e-3f43-4a5e-9d61-2d7f0c5e8a11");
const QString kCall = QStringLiteral("0b7e7c35-1f9e-4a43-9d55-2f1d9a6d4c11");
const QString kCall2 = QStringLiteral("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f");

// A machine on a clock the test moves, with a record of everything it asks for.
struct Rig
{
    qint64 nowMs = 1'000'000;
    CallPhases phases;
    QSignalSpy journal{&phases, &CallPhases::journalEvent};
    QSignalSpy requests{&phases, &CallPhases::sendRequestRequested};
    QSignalSpy leaves{&phases, &CallPhases::sendLeaveRequested};
    QSignalSpy callbacks{&phases, &CallPhases::sendCallbackRequested};
    QSignalSpy hangUps{&phases, &CallPhases::hangUpRequested};
    QSignalSpy closes{&phases, &CallPhases::closeSignallingRequested};
    QSignalSpy prepares{&phases, &CallPhases::prepareSessionRequested};
    QSignalSpy starts{&phases, &CallPhases::startSessionRequested};
    QSignalSpy restarts{&phases, &CallPhases::restartSessionRequested};
    QSignalSpy drops{&phases, &CallPhases::dropSessionRequested};
    QSignalSpy finishes{&phases, &CallPhases::callFinished};
    QSignalSpy idle{&phases, &CallPhases::idleHeldChanged};
    QSignalSpy phaseChanges{&phases, &CallPhases::phaseChanged};

    Rig()
    {
        phases.setClock([this] { return nowMs; });
    }

    void advance(qint64 ms) { nowMs += ms; }

    QStringList journalTypes() const
    {
        QStringList types;
        for (const QList<QVariant> &event : journal)
            types << event.at(0).toString();
        return types;
    }
    QJsonObject lastPayload(const QString &type) const
    {
        for (auto it = journal.crbegin(); it != journal.crend(); ++it)
            if (it->at(0).toString() == type)
                return it->at(1).toJsonObject();
        return {};
    }

    void toQueued(int position = 2, int waitS = 130)
    {
        QVERIFY(phases.requestCall());
        phases.welcomed();
        phases.queued(kRequest, position, waitS);
        QCOMPARE(phases.phase(), Phase::Queued);
    }
    void toInCall(qint64 waitMs = 0)
    {
        toQueued();
        advance(waitMs);
        phases.callOffered(kCall, QStringLiteral("Conseiller CAF"));
        QCOMPARE(phases.phase(), Phase::InCall);
    }
    void toClosed()
    {
        QVERIFY(phases.requestCall());
        phases.welcomed();
        phases.closed(QDateTime(QDate(2026, 11, 24), QTime(9, 0), Qt::OffsetFromUTC, 3600), true);
        QCOMPARE(phases.phase(), Phase::Closed);
    }
};

const QJsonObject kNoPayload;

} // namespace

class TestCallPhases : public QObject
{
    Q_OBJECT

private slots:
    void startsChecking()
    {
        Rig rig;
        QCOMPARE(rig.phases.phase(), Phase::Checking);
        QVERIFY(!rig.phases.idleHeld());
        QVERIFY(rig.phases.canRequestCall());
        QVERIFY(rig.phases.startCheck());
        QCOMPARE(rig.phaseChanges.size(), 0);
    }

    void queuedAnsweredAndHungUp()
    {
        Rig rig;
        QVERIFY(rig.phases.requestCall());
        QCOMPARE(rig.phases.phase(), Phase::Connecting);
        QVERIFY(rig.phases.idleHeld());
        QVERIFY(rig.phases.connectTimerRunning());
        QCOMPARE(rig.requests.size(), 0); // not before the hub's welcome
        rig.phases.welcomed();
        QCOMPARE(rig.requests.size(), 1);

        rig.phases.queued(kRequest, 3, 121);
        QCOMPARE(rig.phases.phase(), Phase::Queued);
        QVERIFY(!rig.phases.connectTimerRunning());
        QCOMPARE(rig.phases.position(), 3);
        QCOMPARE(rig.phases.waitMinutes(), 3); // 121 s is "about 3 minutes"
        QCOMPARE(rig.phases.request(), kRequest);
        QCOMPARE(rig.prepares.size(), 1);
        // A later `queue` update moves her up without journalling or preparing again.
        rig.phases.queued(kRequest, 1, 1);
        QCOMPARE(rig.phases.position(), 1);
        QCOMPARE(rig.phases.waitMinutes(), 1);
        rig.phases.queued(kRequest, 1, 0);
        QCOMPARE(rig.phases.waitMinutes(), 0);
        QCOMPARE(rig.prepares.size(), 1);

        rig.advance(65'400);
        rig.phases.callOffered(kCall, QStringLiteral("Conseiller CAF"));
        QCOMPARE(rig.phases.phase(), Phase::InCall);
        QCOMPARE(rig.phases.call(), kCall);
        QCOMPARE(rig.phases.agentName(), QStringLiteral("Conseiller CAF"));
        QCOMPARE(rig.starts.size(), 1);
        QVERIFY(rig.phases.idleHeld());
        QCOMPARE(rig.lastPayload(QStringLiteral("call_started")),
                 (QJsonObject{{QStringLiteral("wait_s"), 65}}));

        rig.advance(125'900);
        rig.phases.hangUp();
        QCOMPARE(rig.phases.phase(), Phase::Ended);
        QCOMPARE(rig.hangUps.size(), 1);
        QCOMPARE(rig.hangUps.at(0), (QList<QVariant>{kCall, QStringLiteral("done")}));
        QCOMPARE(rig.finishes.size(), 1);
        QCOMPARE(rig.closes.size(), 1);
        QVERIFY(!rig.phases.idleHeld());
        QVERIFY(rig.phases.call().isEmpty());
        QCOMPARE(rig.journalTypes(),
                 (QStringList{QStringLiteral("call_requested"), QStringLiteral("call_queued"),
                              QStringLiteral("call_started"), QStringLiteral("call_ended")}));
        QCOMPARE(rig.journal.at(0).at(1).toJsonObject(), kNoPayload);
        QCOMPARE(rig.journal.at(1).at(1).toJsonObject(), kNoPayload);
        QCOMPARE(rig.lastPayload(QStringLiteral("call_ended")),
                 (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("answered")},
                              {QStringLiteral("duration_s"), 125}}));
        // Once ended, nothing more is asked or journalled.
        rig.phases.hangUp();
        rig.phases.callEnded(QStringLiteral("done"));
        QCOMPARE(rig.journal.size(), 4);
        QCOMPARE(rig.hangUps.size(), 1);
        QVERIFY(rig.phases.canRequestCall());
    }

    // Passed on by her adviser: the first call is journaled as answered with its length, she
    // waits at the head of a queue without a new request, the media goes and the next offer is
    // made ready; the next call is a call of its own, and hanging up journals it once.
    void passedOnToAnotherAdviser()
    {
        Rig rig;
        rig.phases.requestCall();
        rig.phases.welcomed();
        rig.phases.queued(kRequest, 1, 60);
        rig.phases.callOffered(kCall, QStringLiteral("Conseiller CAF"));
        rig.advance(42'000);
        const QString next = QStringLiteral("5b2f4c8e-1d3a-4e6b-9f70-2a1b3c4d5e6f");
        rig.phases.transferred(next, 1, 30);
        QCOMPARE(rig.phases.phase(), Phase::Queued);
        QVERIFY(rig.phases.transferred());
        QCOMPARE(rig.phases.request(), next);
        QVERIFY(rig.phases.call().isEmpty());
        QVERIFY(rig.phases.agentName().isEmpty());
        QCOMPARE(rig.phases.position(), 1);
        QCOMPARE(rig.phases.waitMinutes(), 1);
        QVERIFY(rig.phases.idleHeld());
        QCOMPARE(rig.finishes.size(), 1); // the first call's pictures and texts go
        QCOMPARE(rig.prepares.size(), 2); // and the next offer is made ready
        QCOMPARE(rig.requests.size(), 1); // with no new request: the hub moved her
        QCOMPARE(rig.closes.size(), 0);   // nor a new connection
        QCOMPARE(rig.hangUps.size(), 0);
        QCOMPARE(rig.lastPayload(QStringLiteral("call_ended")),
                 (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("answered")},
                              {QStringLiteral("reason"), QStringLiteral("transferred")},
                              {QStringLiteral("duration_s"), 42}}));

        rig.advance(20'000);
        rig.phases.callOffered(kCall2, QStringLiteral("Conseiller CPAM"));
        QCOMPARE(rig.phases.phase(), Phase::InCall);
        QVERIFY(!rig.phases.transferred());
        QCOMPARE(rig.lastPayload(QStringLiteral("call_started")),
                 (QJsonObject{{QStringLiteral("wait_s"), 20}}));
        rig.advance(10'000);
        rig.phases.hangUp();
        QCOMPARE(rig.journalTypes(),
                 (QStringList{QStringLiteral("call_requested"), QStringLiteral("call_queued"),
                              QStringLiteral("call_started"), QStringLiteral("call_ended"),
                              QStringLiteral("call_started"), QStringLiteral("call_ended")}));
        QCOMPARE(rig.lastPayload(QStringLiteral("call_ended")),
                 (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("answered")},
                              {QStringLiteral("duration_s"), 10}}));
        // Out of a call, a transfer means nothing.
        rig.phases.transferred(next, 1, 30);
        QCOMPARE(rig.phases.phase(), Phase::Ended);
    }

    void callEndedByTheAdviser()
    {
        Rig rig;
        rig.toInCall();
        rig.advance(30'000);
        rig.phases.callEnded(QStringLiteral("done"));
        QCOMPARE(rig.phases.phase(), Phase::Ended);
        QCOMPARE(rig.hangUps.size(), 0); // the hub already knows
        QCOMPARE(rig.lastPayload(QStringLiteral("call_ended")),
                 (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("answered")},
                              {QStringLiteral("duration_s"), 30}}));

        Rig failed;
        failed.toInCall();
        failed.phases.callEnded(QStringLiteral("failed"));
        QCOMPARE(failed.phases.phase(), Phase::Failed);
        QCOMPARE(failed.lastPayload(QStringLiteral("call_ended"))
                     .value(QStringLiteral("outcome"))
                     .toString(),
                 QStringLiteral("answered"));
    }

    void leavingTheQueue()
    {
        Rig rig;
        rig.toQueued();
        rig.phases.leaveQueue();
        QCOMPARE(rig.phases.phase(), Phase::Ended);
        QCOMPARE(rig.leaves.size(), 1);
        QCOMPARE(rig.leaves.at(0).at(0).toString(), kRequest);
        QVERIFY(!rig.phases.idleHeld());
        QCOMPARE(rig.lastPayload(QStringLiteral("call_ended")),
                 (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("abandoned")}}));
        // The hub's `left` closes the connection, not the leaving itself.
        QCOMPARE(rig.closes.size(), 0);
        // A queue update that crossed the `leave` changes nothing.
        rig.phases.queued(kRequest, 1, 60);
        QCOMPARE(rig.phases.phase(), Phase::Ended);
        rig.phases.left();
        QCOMPARE(rig.closes.size(), 1);
        rig.phases.left();
        QCOMPARE(rig.closes.size(), 1);
    }

    void leavingBeforeTheQueue()
    {
        Rig rig;
        QVERIFY(rig.phases.requestCall());
        rig.phases.leaveQueue();
        QCOMPARE(rig.phases.phase(), Phase::Ended);
        // No request to leave: nothing will come back, the connection closes at once.
        QCOMPARE(rig.leaves.size(), 0);
        QCOMPARE(rig.closes.size(), 1);
        QVERIFY(!rig.phases.connectTimerRunning());
        rig.phases.welcomed();
        QCOMPARE(rig.requests.size(), 0);
    }

    void closedCounterAndCallback()
    {
        Rig rig;
        rig.toClosed();
        QVERIFY(!rig.phases.idleHeld());
        QVERIFY(!rig.phases.connectTimerRunning());
        QVERIFY(rig.phases.callbackAvailable());
        QVERIFY(!rig.phases.closedWhileWaiting());
        QCOMPARE(rig.phases.nextOpening(),
                 QDateTime(QDate(2026, 11, 24), QTime(9, 0), Qt::OffsetFromUTC, 3600));
        QCOMPARE(rig.drops.size(), 1);
        QCOMPARE(rig.closes.size(), 0); // still there to ask for the callback
        QCOMPARE(rig.journalTypes(), (QStringList{QStringLiteral("call_requested")}));

        QSignalSpy recorded(&rig.phases, &CallPhases::callbackRecordedChanged);
        rig.phases.askCallback();
        QCOMPARE(rig.callbacks.size(), 1);
        rig.phases.callbackWasRecorded();
        QVERIFY(rig.phases.callbackRecorded());
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(rig.phases.phase(), Phase::Ended);
        QCOMPARE(rig.closes.size(), 1);
        QCOMPARE(rig.lastPayload(QStringLiteral("call_ended")),
                 (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("callback")}}));
        // Asked once only.
        rig.phases.askCallback();
        QCOMPARE(rig.callbacks.size(), 1);
        // A new call starts without the old callback.
        QVERIFY(rig.phases.requestCall());
        QVERIFY(!rig.phases.callbackRecorded());
    }

    void callbackFromTheQueue()
    {
        Rig rig;
        rig.toQueued();
        rig.phases.askCallback();
        QCOMPARE(rig.callbacks.size(), 1);
        rig.phases.callbackWasRecorded();
        QCOMPARE(rig.phases.phase(), Phase::Ended);
        QCOMPARE(rig.lastPayload(QStringLiteral("call_ended")),
                 (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("callback")}}));
    }

    void leavingAClosedCounterIsUnanswered()
    {
        Rig rig;
        rig.toClosed();
        rig.phases.leaveScreen();
        QCOMPARE(rig.phases.phase(), Phase::Ended);
        QCOMPARE(rig.lastPayload(QStringLiteral("call_ended")),
                 (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("unanswered")}}));
    }

    void closedWhileWaiting()
    {
        Rig rig;
        rig.toQueued();
        QVERIFY(rig.phases.idleHeld());
        rig.phases.closed(QDateTime(), true);
        QCOMPARE(rig.phases.phase(), Phase::Closed);
        QVERIFY(rig.phases.closedWhileWaiting());
        QVERIFY(!rig.phases.nextOpening().isValid());
        QVERIFY(rig.phases.request().isEmpty()); // the hub took it out of its queue
        QVERIFY(!rig.phases.idleHeld());
        QCOMPARE(rig.drops.size(), 1);
        rig.phases.leaveScreen();
        QCOMPARE(rig.leaves.size(), 0);
        QCOMPARE(rig.journalTypes(),
                 (QStringList{QStringLiteral("call_requested"), QStringLiteral("call_queued"),
                              QStringLiteral("call_ended")}));
        QCOMPARE(rig.lastPayload(QStringLiteral("call_ended")),
                 (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("unanswered")}}));
    }

    void reconnectingThroughTheHubLink()
    {
        Rig rig;
        rig.toInCall();
        rig.phases.connectionLost();
        QCOMPARE(rig.phases.phase(), Phase::Reconnecting);
        QVERIFY(rig.phases.idleHeld());
        // The hello of the resumed connection asks for no new place in the queue.
        rig.phases.welcomed();
        QCOMPARE(rig.requests.size(), 1);
        // The hub hands the same call back: rebuilt and offered anew.
        rig.phases.callOffered(kCall, QStringLiteral("Conseiller CAF"));
        QCOMPARE(rig.phases.phase(), Phase::InCall);
        QCOMPARE(rig.restarts.size(), 1);
        QCOMPARE(rig.starts.size(), 1);
        QCOMPARE(rig.journalTypes().count(QStringLiteral("call_started")), 1);
        // Lost during a rebuild already under way: stays Reconnecting.
        rig.phases.sessionReconnecting();
        rig.phases.connectionLost();
        QCOMPARE(rig.phases.phase(), Phase::Reconnecting);
    }

    void reconnectingThroughTheSession()
    {
        Rig rig;
        rig.toInCall();
        rig.phases.sessionReconnecting();
        QCOMPARE(rig.phases.phase(), Phase::Reconnecting);
        QVERIFY(rig.phases.idleHeld());
        rig.phases.sessionConnected();
        QCOMPARE(rig.phases.phase(), Phase::InCall);
        rig.phases.sessionReconnecting();
        rig.phases.hangUp(); // hanging up while reconnecting is allowed
        QCOMPARE(rig.phases.phase(), Phase::Ended);
        QCOMPARE(rig.hangUps.size(), 1);
    }

    void resumedCallThatEndedMeanwhile()
    {
        Rig rig;
        rig.toInCall();
        rig.phases.connectionLost();
        rig.phases.callEnded(QStringLiteral("peer_lost"));
        QCOMPARE(rig.phases.phase(), Phase::Ended);
        QCOMPARE(rig.lastPayload(QStringLiteral("call_ended"))
                     .value(QStringLiteral("outcome"))
                     .toString(),
                 QStringLiteral("answered"));
    }

    void sessionFailureHangsUpAsFailed()
    {
        Rig rig;
        rig.toInCall();
        rig.advance(12'000);
        rig.phases.sessionFailed();
        QCOMPARE(rig.phases.phase(), Phase::Failed);
        QCOMPARE(rig.hangUps.size(), 1);
        QCOMPARE(rig.hangUps.at(0), (QList<QVariant>{kCall, QStringLiteral("failed")}));
        QCOMPARE(rig.lastPayload(QStringLiteral("call_ended")),
                 (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("failed")},
                              {QStringLiteral("duration_s"), 12}}));
        QVERIFY(!rig.phases.idleHeld());
        QVERIFY(rig.phases.canRequestCall());
    }

    void preparedSessionFailingInTheQueue()
    {
        Rig rig;
        rig.toQueued();
        rig.phases.sessionFailed();
        QCOMPARE(rig.phases.phase(), Phase::Failed);
        QCOMPARE(rig.hangUps.size(), 0); // there is no call to hang up
        QCOMPARE(rig.closes.size(), 1);  // which takes her out of the queue
        QCOMPARE(rig.lastPayload(QStringLiteral("call_ended")),
                 (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("failed")}}));
    }

    void sessionThatCannotStart()
    {
        Rig rig;
        rig.toInCall();
        rig.phases.sessionStartFailed();
        QCOMPARE(rig.phases.phase(), Phase::Failed);
        QCOMPARE(rig.hangUps.size(), 0);
        QCOMPARE(rig.lastPayload(QStringLiteral("call_ended")).value(QStringLiteral("outcome")),
                 QJsonValue(QStringLiteral("failed")));
    }

    void protocolErrors()
    {
        // Before the queue, any refusal ends it (unknown agency, out of order…).
        Rig connecting;
        QVERIFY(connecting.phases.requestCall());
        connecting.phases.protocolError(false);
        QCOMPARE(connecting.phases.phase(), Phase::Failed);
        QCOMPARE(connecting.closes.size(), 1);
        QCOMPARE(connecting.lastPayload(QStringLiteral("call_ended")),
                 (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("failed")}}));

        // In the queue or the call, only a fatal one does.
        Rig queued;
        queued.toQueued();
        queued.phases.protocolError(false);
        QCOMPARE(queued.phases.phase(), Phase::Queued);
        queued.phases.protocolError(true);
        QCOMPARE(queued.phases.phase(), Phase::Failed);

        Rig talking;
        talking.toInCall();
        talking.phases.protocolError(false);
        QCOMPARE(talking.phases.phase(), Phase::InCall);
        talking.phases.protocolError(true);
        QCOMPARE(talking.phases.phase(), Phase::Failed);

        // After the end, not even a fatal one changes what she was told.
        Rig ended;
        ended.toQueued();
        ended.phases.leaveQueue();
        ended.phases.protocolError(true);
        QCOMPARE(ended.phases.phase(), Phase::Ended);
        QCOMPARE(ended.journal.size(), 3);
    }

    void disconnectedWhileWaiting()
    {
        Rig queued;
        queued.toQueued();
        queued.phases.disconnected();
        QCOMPARE(queued.phases.phase(), Phase::Failed);
        QCOMPARE(queued.lastPayload(QStringLiteral("call_ended")),
                 (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("failed")}}));

        Rig connecting;
        QVERIFY(connecting.phases.requestCall());
        connecting.phases.disconnected();
        QCOMPARE(connecting.phases.phase(), Phase::Failed);

        // A closed counter stays on screen; a call has its own way back (connectionLost).
        Rig closed;
        closed.toClosed();
        closed.phases.disconnected();
        QCOMPARE(closed.phases.phase(), Phase::Closed);
        Rig talking;
        talking.toInCall();
        talking.phases.disconnected();
        QCOMPARE(talking.phases.phase(), Phase::InCall);
    }

    void connectTimeout()
    {
        QTest::ignoreMessage(QtWarningMsg, "the hub did not answer in time");
        Rig rig;
        rig.phases.setConnectTimeout(1);
        QVERIFY(rig.phases.requestCall());
        QTRY_COMPARE_WITH_TIMEOUT(rig.phases.phase(), Phase::Failed, 1000);
        QCOMPARE(rig.lastPayload(QStringLiteral("call_ended")),
                 (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("failed")}}));
        QCOMPARE(rig.closes.size(), 1);
        QVERIFY(!rig.phases.idleHeld());
        QCOMPARE(CallPhases::kConnectTimeoutMs, 20000);
    }

    void connectTimeoutOnlyWhileConnecting()
    {
        Rig rig;
        rig.toQueued();
        rig.phases.connectTimedOut();
        QCOMPARE(rig.phases.phase(), Phase::Queued);
        Rig direct;
        QVERIFY(direct.phases.requestCall());
        QTest::ignoreMessage(QtWarningMsg, "the hub did not answer in time");
        direct.phases.connectTimedOut();
        QCOMPARE(direct.phases.phase(), Phase::Failed);
        QVERIFY(!direct.phases.connectTimerRunning());
    }

    void idleHeldPerPhase()
    {
        Rig rig;
        QVERIFY(!rig.phases.idleHeld());
        QVERIFY(rig.phases.requestCall());
        QVERIFY(rig.phases.idleHeld()); // Connecting
        rig.phases.queued(kRequest, 1, 60);
        QVERIFY(rig.phases.idleHeld()); // Queued
        rig.phases.callOffered(kCall, {});
        QVERIFY(rig.phases.idleHeld()); // InCall
        rig.phases.sessionReconnecting();
        QVERIFY(rig.phases.idleHeld()); // Reconnecting
        rig.phases.hangUp();
        QVERIFY(!rig.phases.idleHeld()); // Ended
        QCOMPARE(rig.idle.size(), 2);    // held once, released once
        QCOMPARE(rig.idle.at(0).at(0).toBool(), true);
        QCOMPARE(rig.idle.at(1).at(0).toBool(), false);

        Rig closed;
        closed.toClosed();
        QVERIFY(!closed.phases.idleHeld());
        Rig failed;
        QVERIFY(failed.phases.requestCall());
        failed.phases.protocolError(false);
        QVERIFY(!failed.phases.idleHeld());
    }

    void leavingTheScreen()
    {
        Rig queued;
        queued.toQueued();
        queued.phases.leaveScreen();
        QCOMPARE(queued.leaves.size(), 1);
        QCOMPARE(queued.lastPayload(QStringLiteral("call_ended")).value(QStringLiteral("outcome")),
                 QJsonValue(QStringLiteral("abandoned")));
        QVERIFY(!queued.phases.idleHeld());

        Rig talking;
        talking.toInCall();
        talking.phases.leaveScreen();
        QCOMPARE(talking.hangUps.size(), 1);
        QCOMPARE(talking.phases.phase(), Phase::Ended);

        Rig checking;
        checking.phases.leaveScreen();
        QCOMPARE(checking.journal.size(), 0);
        QCOMPARE(checking.phases.phase(), Phase::Checking);
    }

    void inputsOutOfPhaseAreIgnored()
    {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("ignored a call")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("ignored a call")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("ignored a call")));
        Rig rig;
        // Nothing asked yet: the hub's and the session's news change nothing.
        rig.phases.welcomed();
        rig.phases.queued(kRequest, 1, 60);
        rig.phases.closed(QDateTime(), true);
        rig.phases.callOffered(kCall, {});
        rig.phases.callEnded(QStringLiteral("done"));
        rig.phases.callbackWasRecorded();
        rig.phases.left();
        rig.phases.protocolError(true);
        rig.phases.connectionLost();
        rig.phases.disconnected();
        rig.phases.connectTimedOut();
        rig.phases.sessionConnected();
        rig.phases.sessionReconnecting();
        rig.phases.sessionFailed();
        rig.phases.sessionStartFailed();
        rig.phases.leaveQueue();
        rig.phases.askCallback();
        rig.phases.hangUp();
        QCOMPARE(rig.phases.phase(), Phase::Checking);
        QCOMPARE(rig.phaseChanges.size(), 0);
        QCOMPARE(rig.journal.size(), 0);
        for (const QSignalSpy *spy :
             {&rig.requests, &rig.leaves, &rig.callbacks, &rig.hangUps, &rig.closes, &rig.prepares,
              &rig.starts, &rig.restarts, &rig.drops, &rig.finishes, &rig.idle})
            QCOMPARE(spy->size(), 0);

        // A call under way refuses a second one and the pre-call check.
        rig.toQueued();
        QVERIFY(!rig.phases.requestCall());
        QVERIFY(!rig.phases.startCheck());
        rig.phases.hangUp();
        QCOMPARE(rig.phases.phase(), Phase::Queued);
        rig.phases.sessionConnected();
        QCOMPARE(rig.phases.phase(), Phase::Queued);
        rig.phases.connectionLost();
        QCOMPARE(rig.phases.phase(), Phase::Queued);
        rig.phases.callOffered(kCall, {});
        QVERIFY(!rig.phases.requestCall());
        rig.phases.closed(QDateTime(), true); // no counter closes on a call
        rig.phases.queued(kRequest, 4, 60);
        rig.phases.askCallback();
        rig.phases.leaveQueue();
        QCOMPARE(rig.phases.phase(), Phase::InCall);
        QCOMPARE(rig.phases.position(), 2);
        QCOMPARE(rig.callbacks.size(), 0);
        QCOMPARE(rig.leaves.size(), 0);
        // Another call id while in one is not a resume.
        rig.phases.callOffered(QStringLiteral("7d1f0c5e-8a11-4a5e-9d61-2d7f0c5e8a11"), {});
        QCOMPARE(rig.restarts.size(), 0);
        QCOMPARE(rig.starts.size(), 1);

        // After the end, a call offered late is not taken.
        rig.phases.hangUp();
        rig.phases.callOffered(kCall, {});
        QCOMPARE(rig.phases.phase(), Phase::Ended);
        QCOMPARE(rig.starts.size(), 1);
        QVERIFY(rig.phases.startCheck());
        QCOMPARE(rig.phases.phase(), Phase::Checking);
    }

    void callingAgainAfterAFailure()
    {
        Rig rig;
        rig.toInCall(5'000);
        rig.phases.sessionFailed();
        QVERIFY(rig.phases.requestCall());
        QCOMPARE(rig.phases.phase(), Phase::Connecting);
        rig.phases.welcomed();
        rig.phases.queued(kRequest, 1, 30);
        rig.advance(42'000);
        rig.phases.callOffered(kCall, QStringLiteral("Mme Roux"));
        QCOMPARE(rig.lastPayload(QStringLiteral("call_started")),
                 (QJsonObject{{QStringLiteral("wait_s"), 42}}));
        rig.phases.hangUp();
        QCOMPARE(rig.journalTypes().count(QStringLiteral("call_ended")), 2);
        QCOMPARE(rig.lastPayload(QStringLiteral("call_ended")),
                 (QJsonObject{{QStringLiteral("outcome"), QStringLiteral("answered")},
                              {QStringLiteral("duration_s"), 0}}));
    }
};

QTEST_GUILESS_MAIN(TestCallPhases)
#include "tst_callphases.moc"
