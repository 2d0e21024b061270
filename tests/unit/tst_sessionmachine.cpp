// SPDX-License-Identifier: EUPL-1.2
#include "sessionmachine.h"

#include <QTest>

namespace relais {
// QCOMPARE prints values it finds a toString for, by argument-dependent lookup.
char *toString(SessionMachine::State state)
{
    return qstrdup(QByteArray::number(static_cast<int>(state)).constData());
}
char *toString(SessionMachine::EndReason reason)
{
    return qstrdup(endReasonName(reason).toUtf8().constData());
}
} // namespace relais

using relais::SessionMachine;
using State = SessionMachine::State;
using Reason = SessionMachine::EndReason;

// Every transition of the session machine, including the idle events in every state.
class TestSessionMachine : public QObject
{
    Q_OBJECT

private:
    static SessionMachine inState(State state)
    {
        SessionMachine m;
        if (state == State::Attract)
            return m;
        m.begin();
        if (state == State::Home)
            return m;
        m.openAgency(QStringLiteral("caf"));
        if (state == State::Activity)
            return m;
        m.end(Reason::Button);
        if (state == State::Ending)
            return m;
        m.wiped();
        return m;
    }

private slots:
    void startsOnAttract()
    {
        SessionMachine m;
        QCOMPARE(m.state(), State::Attract);
        QVERIFY(!m.idleWarning());
        QVERIFY(!m.idleTimerShouldRun());
    }

    void fullLifecycle()
    {
        SessionMachine m;
        QVERIFY(m.begin());
        QCOMPARE(m.state(), State::Home);
        QVERIFY(m.idleTimerShouldRun());
        QVERIFY(m.openAgency(QStringLiteral("caf")));
        QCOMPARE(m.state(), State::Activity);
        QCOMPARE(m.activity(), QStringLiteral("agency"));
        QCOMPARE(m.agency(), QStringLiteral("caf"));
        QVERIFY(m.openActivity(QStringLiteral("visio")));
        QCOMPARE(m.activity(), QStringLiteral("visio"));
        QCOMPARE(m.agency(), QStringLiteral("caf"));
        QVERIFY(m.back());
        QCOMPARE(m.activity(), QStringLiteral("agency"));
        QVERIFY(m.back());
        QCOMPARE(m.state(), State::Home);
        QVERIFY(m.agency().isEmpty());
        QVERIFY(m.end(Reason::Button));
        QCOMPARE(m.state(), State::Ending);
        QCOMPARE(m.endReason(), Reason::Button);
        QVERIFY(m.wiped());
        QCOMPARE(m.state(), State::Wiped);
        QVERIFY(m.activity().isEmpty());
        QVERIFY(m.reset());
        QCOMPARE(m.state(), State::Attract);
        QCOMPARE(m.endReason(), Reason::None);
    }

    void homeFromDeepActivity()
    {
        auto m = inState(State::Activity);
        m.openActivity(QStringLiteral("mediator"));
        QVERIFY(m.home());
        QCOMPARE(m.state(), State::Home);
        QVERIFY(m.activity().isEmpty());
        QVERIFY(!m.home()); // already home
    }

    void activityWithoutAgencyGoesBackHome()
    {
        auto m = inState(State::Home);
        QVERIFY(m.openActivity(QStringLiteral("print")));
        QVERIFY(m.back());
        QCOMPARE(m.state(), State::Home);
    }

    void eventsThatDoNotApplyChangeNothing_data()
    {
        QTest::addColumn<int>("state");
        for (State s : {State::Attract, State::Home, State::Activity, State::Ending, State::Wiped})
            QTest::addRow("%d", static_cast<int>(s)) << static_cast<int>(s);
    }

    void eventsThatDoNotApplyChangeNothing()
    {
        QFETCH(int, state);
        const State s = static_cast<State>(state);
        auto m = inState(s);
        const auto before = m.state();
        const bool inSession = s == State::Home || s == State::Activity;
        QCOMPARE(m.begin(), s == State::Attract);
        m = inState(s);
        QCOMPARE(m.openAgency(QStringLiteral("cpam")), inSession);
        m = inState(s);
        QCOMPARE(m.end(Reason::Button), inSession);
        m = inState(s);
        QCOMPARE(m.wiped(), s == State::Ending);
        m = inState(s);
        QCOMPARE(m.reset(), s == State::Wiped);
        m = inState(s);
        QVERIFY(!m.end(Reason::None));
        QVERIFY(!m.openAgency(QString()));
        QVERIFY(!m.openActivity(QStringLiteral("agency")));
        QVERIFY(!m.stillHere());
        QVERIFY(!m.countdownElapsed());
        QCOMPARE(m.state(), before);
    }

    void idleInEveryState_data() { eventsThatDoNotApplyChangeNothing_data(); }

    void idleInEveryState()
    {
        QFETCH(int, state);
        const State s = static_cast<State>(state);
        auto m = inState(s);
        const bool inSession = s == State::Home || s == State::Activity;
        QCOMPARE(m.idleTimerShouldRun(), inSession);
        QCOMPARE(m.idleElapsed(), inSession);
        QCOMPARE(m.idleWarning(), inSession);
        QCOMPARE(m.state(), s); // the warning is an overlay: the screen stays
        if (!inSession)
            return;
        // While warned, navigation waits for an answer and the idle timer is not running.
        QVERIFY(!m.idleTimerShouldRun());
        QVERIFY(!m.idleElapsed());
        QVERIFY(!m.openAgency(QStringLiteral("cpam")));
        QVERIFY(!m.back());
        // Still here: back exactly where she was.
        const QString activity = m.activity();
        QVERIFY(m.stillHere());
        QVERIFY(!m.idleWarning());
        QCOMPARE(m.state(), s);
        QCOMPARE(m.activity(), activity);
        QVERIFY(m.idleTimerShouldRun());
        // Warned again, then no answer: the session ends for idleness.
        QVERIFY(m.idleElapsed());
        QVERIFY(m.countdownElapsed());
        QCOMPARE(m.state(), State::Ending);
        QCOMPARE(m.endReason(), Reason::Idle);
        QVERIFY(!m.idleWarning());
    }

    void endButtonDuringWarning()
    {
        auto m = inState(State::Home);
        m.idleElapsed();
        QVERIFY(m.end(Reason::Button));
        QCOMPARE(m.endReason(), Reason::Button);
        QVERIFY(!m.idleWarning());
    }

    void suspendedIdleNeverWarns()
    {
        auto m = inState(State::Activity);
        QVERIFY(m.idleElapsed());
        // A video call starting cancels a countdown that had just begun.
        m.suspendIdle();
        QVERIFY(!m.idleWarning());
        QVERIFY(!m.idleTimerShouldRun());
        QVERIFY(!m.idleElapsed());
        m.suspendIdle();
        QVERIFY(m.resumeIdle());
        QVERIFY(!m.idleTimerShouldRun()); // still held once
        QVERIFY(m.resumeIdle());
        QVERIFY(m.idleTimerShouldRun());
        QVERIFY(!m.resumeIdle()); // unbalanced resume is ignored
    }

    void suspensionsDoNotOutliveTheSession()
    {
        auto m = inState(State::Activity);
        m.suspendIdle();
        m.end(Reason::Button);
        m.wiped();
        m.reset();
        m.begin();
        QVERIFY(m.idleTimerShouldRun());
    }

    void endReasonsAreNamed()
    {
        QCOMPARE(relais::endReasonName(Reason::Button), QStringLiteral("button"));
        QCOMPARE(relais::endReasonName(Reason::Idle), QStringLiteral("idle"));
        QCOMPARE(relais::endReasonName(Reason::Survey), QStringLiteral("survey"));
    }
};

QTEST_APPLESS_MAIN(TestSessionMachine)
#include "tst_sessionmachine.moc"
