// SPDX-License-Identifier: EUPL-1.2
#include "database.h"
#include "journal.h"
#include "kioskschema.h"
#include "sessioncontroller.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace relais;

// The controller with real timers (shortened) and a real journal in a temporary store.
class TestSessionController : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Journal> m_journal;

    static SessionController::Timing fast()
    {
        SessionController::Timing t;
        t.idleMs = 150;
        t.countdownSeconds = 3;
        t.tickMs = 50;
        t.goodbyeMs = 200;
        return t;
    }

    QStringList journalTypes() const
    {
        QStringList types;
        for (const JournalEvent &e : m_journal->events())
            types << e.type;
        return types;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db = Database::open(
            m_dir.filePath(QStringLiteral("k-%1.sqlite").arg(QTest::currentTestFunction())),
            kioskMigrations());
        m_journal = std::make_unique<Journal>(*m_db, QStringLiteral("46-test"));
    }

    void cleanup()
    {
        m_journal.reset();
        m_db.reset();
    }

    void recordsAnonymousSessionEvents()
    {
        SessionController session(m_journal.get(), fast());
        session.begin();
        session.openAgency(QStringLiteral("caf"));
        session.openActivity(QStringLiteral("visio"));
        session.endSession();
        QCOMPARE(journalTypes(),
                 (QStringList{QStringLiteral("session_started"), QStringLiteral("agency_chosen"),
                              QStringLiteral("activity_chosen"), QStringLiteral("session_ended")}));
        const auto events = m_journal->events();
        const QString sessionId =
            events.first().payload.value(QStringLiteral("session")).toString();
        QCOMPARE(sessionId.size(), 36);
        for (const JournalEvent &e : events)
            QCOMPARE(e.payload.value(QStringLiteral("session")).toString(), sessionId);
        QCOMPARE(events[1].payload.value(QStringLiteral("agency")).toString(),
                 QStringLiteral("caf"));
        QCOMPARE(events[2].payload.value(QStringLiteral("activity")).toString(),
                 QStringLiteral("visio"));
        QCOMPARE(events[2].payload.value(QStringLiteral("agency")).toString(),
                 QStringLiteral("caf"));
        QCOMPARE(events[3].payload.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("button"));
        QVERIFY(events[3].payload.contains(QStringLiteral("duration_s")));
    }

    void idleWarnsCountsDownAndWipes()
    {
        SessionController session(m_journal.get(), fast());
        bool wiped = false;
        session.addWipeStep(QStringLiteral("test"), [&] { wiped = true; });
        QSignalSpy wipeRequested(&session, &SessionController::wipeRequested);
        session.begin();
        QTRY_VERIFY_WITH_TIMEOUT(session.idleWarning(), 5000);
        QCOMPARE(session.state(), SessionController::Home);
        QCOMPARE(session.secondsLeft(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionController::Wiped, 5000);
        QVERIFY(wiped);
        QCOMPARE(wipeRequested.count(), 1);
        QCOMPARE(m_journal->events().last().payload.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("idle"));
        QVERIFY(m_journal->events()
                    .last()
                    .payload.value(QStringLiteral("after_idle_warning"))
                    .toBool());
        // The goodbye screen gives way to the attract screen by itself.
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionController::Attract, 5000);
    }

    void answerToWarningContinues()
    {
        SessionController session(m_journal.get(), fast());
        session.begin();
        session.openAgency(QStringLiteral("cpam"));
        QTRY_VERIFY_WITH_TIMEOUT(session.idleWarning(), 5000);
        // Raw input is not an answer: the dialog itself must be touched (so that the touch
        // never reaches what lies under it).
        session.userActivity();
        QVERIFY(session.idleWarning());
        session.stillHere();
        QVERIFY(!session.idleWarning());
        QCOMPARE(session.state(), SessionController::Activity);
        QCOMPARE(session.agency(), QStringLiteral("cpam"));
        // The idle timer runs again: a second warning comes.
        QTRY_VERIFY_WITH_TIMEOUT(session.idleWarning(), 5000);
    }

    void touchesKeepTheSessionAlive()
    {
        SessionController session(m_journal.get(), fast());
        session.begin();
        for (int i = 0; i < 10; ++i) {
            QTest::qWait(50);
            session.userActivity();
            QVERIFY(!session.idleWarning());
        }
    }

    void suspendedScreenIsNeverInterrupted()
    {
        SessionController session(m_journal.get(), fast());
        session.begin();
        session.suspendIdle();
        QTest::qWait(500);
        QVERIFY(!session.idleWarning());
        QCOMPARE(session.state(), SessionController::Home);
        session.resumeIdle();
        QTRY_VERIFY_WITH_TIMEOUT(session.idleWarning(), 5000);
    }

    void touchOnGoodbyeReturnsToAttract()
    {
        SessionController session(m_journal.get(), fast());
        session.begin();
        session.endSession();
        QCOMPARE(session.state(), SessionController::Wiped);
        session.acknowledgeGoodbye();
        QCOMPARE(session.state(), SessionController::Attract);
        // Nothing runs on the attract screen.
        QTest::qWait(400);
        QCOMPARE(session.state(), SessionController::Attract);
        QVERIFY(!session.idleWarning());
    }

    // session_ended says how the session ended and how the resident got through, from the
    // session's own events, so that nothing needs the session id outside the kiosk.
    void sessionEndSaysHowItEndedAndHowSheGotThrough()
    {
        SessionController session(m_journal.get(), fast());
        const auto run = [&](const std::function<void()> &script, bool leaveIdle) {
            session.begin();
            script();
            if (leaveIdle) {
                if (!QTest::qWaitFor([&] { return session.state() == SessionController::Wiped; },
                                     5000))
                    return QJsonObject{{QStringLiteral("still"), QStringLiteral("in session")}};
            } else {
                session.endSession();
            }
            session.acknowledgeGoodbye();
            QJsonObject ended = m_journal->events().last().payload;
            for (const char *key : {"session", "reason", "duration_s", "after_idle_warning"})
                ended.remove(QLatin1String(key));
            return ended;
        };
        const auto expect = [](const char *end, const char *autonomy,
                               const char *screen = nullptr) {
            QJsonObject o{{QStringLiteral("end"), QLatin1String(end)},
                          {QStringLiteral("autonomy"), QLatin1String(autonomy)}};
            if (screen)
                o.insert(QStringLiteral("screen"), QLatin1String(screen));
            return o;
        };
        const auto event = [&](const char *type) {
            session.recordEvent(QLatin1String(type), {{QStringLiteral("agency"), "caf"}});
        };

        QCOMPARE(run([] {}, false), expect("finished", "none"));
        QCOMPARE(run([] {}, true), expect("idle", "none"));
        QCOMPARE(run(
                     [&] {
                         session.openActivity(QStringLiteral("online"));
                         event("procedure_opened");
                     },
                     false),
                 expect("finished", "guide_alone"));
        // Help asked in the guide, then the resident walked away from it.
        QCOMPARE(run(
                     [&] {
                         session.openActivity(QStringLiteral("online"));
                         event("procedure_opened");
                         event("guide_help_requested");
                     },
                     true),
                 expect("abandoned", "mediator", "online"));
        // "Demander de l'aide au médiateur" from the home screen.
        QCOMPARE(run([&] { session.openActivity(QStringLiteral("mediator")); }, false),
                 expect("finished", "mediator"));
        // A call taken by an adviser outweighs the rest.
        QCOMPARE(run(
                     [&] {
                         session.openActivity(QStringLiteral("mediator"));
                         session.openAgency(QStringLiteral("caf"));
                         session.openActivity(QStringLiteral("visio"));
                         event("call_requested");
                         event("call_started");
                     },
                     true),
                 expect("abandoned", "video_call", "visio"));
        // A call asked for and never taken is no video call.
        QCOMPARE(run(
                     [&] {
                         session.openAgency(QStringLiteral("caf"));
                         event("call_requested");
                     },
                     true),
                 expect("abandoned", "none", "agency"));
        // "Terminer et effacer" brought the survey, which she left unanswered: finished.
        QCOMPARE(run(
                     [&] {
                         session.openActivity(QStringLiteral("online"));
                         event("procedure_opened");
                         session.noteEndAsked();
                         session.openActivity(QStringLiteral("survey"));
                     },
                     true),
                 expect("finished", "guide_alone"));
        // … unless she went on with something else.
        QCOMPARE(run(
                     [&] {
                         session.noteEndAsked();
                         session.openActivity(QStringLiteral("survey"));
                         session.home();
                         session.openAgency(QStringLiteral("cpam"));
                     },
                     true),
                 expect("abandoned", "none", "agency"));
        // An activity the journey has no word for yet.
        QCOMPARE(run([&] { session.openActivity(QStringLiteral("internet")); }, true),
                 expect("abandoned", "none", "other"));
        // Each session starts afresh.
        QCOMPARE(run([] {}, false), expect("finished", "none"));
    }

    void storeFailureNeverBlocksTheResident()
    {
        // A journal whose store refuses writes: the session still works.
        m_db->exec("DROP TRIGGER journal_no_update");
        m_db->exec("CREATE TRIGGER journal_refuse BEFORE INSERT ON journal BEGIN SELECT "
                   "RAISE(ABORT, 'disk full'); END");
        SessionController session(m_journal.get(), fast());
        session.begin();
        QCOMPARE(session.state(), SessionController::Home);
        session.endSession();
        QCOMPARE(session.state(), SessionController::Wiped);
        QCOMPARE(m_journal->count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSessionController)
#include "tst_sessioncontroller.moc"
