// SPDX-License-Identifier: EUPL-1.2
// A resident's journey, from the kiosk's own objects to the partners' figures: the session
// (SessionController), the guide (GuideSession), the video call's phases (CallPhases, wired to
// the session as VisioCall wires them), the survey offered at the end and the mediator's weekly
// grid, all journalled; then the kiosk's real sync (apirecord, libcurl, mutual TLS) to a real
// relais-observatory on SQLite or PostgreSQL; then the indicators read from its store,
// asserted exactly. Nothing of a session's id may reach the observatory.
#include "backend.h"
#include "callphases.h"
#include "enrolledkiosk.h"
#include "guidesession.h"
#include "identity/curltransport.h"
#include "indicators/indicators.h"
#include "sync/observatorytransport.h"
#include "sync/syncengine.h"
#include "sync/syncledger.h"
#include "testkiosk.h"

#include <QGuiApplication>
#include <QTest>
#include <QtWebEngineQuick/qtwebenginequickglobal.h>

using namespace relais;
using namespace relais::observatory;
using namespace relais::observatory::test;

namespace {

SessionController::Timing quick()
{
    SessionController::Timing t;
    t.idleMs = 200;
    t.countdownSeconds = 2;
    t.tickMs = 50;
    t.goodbyeMs = 60000; // the test says goodbye itself
    return t;
}

qint64 total(const Table &table, int column)
{
    qint64 sum = 0;
    for (const QVariantList &row : table.rows)
        sum += row.value(column).toLongLong();
    return sum;
}

} // namespace

class TestJourney : public QObject
{
    Q_OBJECT

    Backend m_backend;
    std::unique_ptr<ObservatoryProcess> m_observatory;
    QTemporaryDir m_dir;
    ClientIdentity m_identity;
    std::unique_ptr<TestKiosk> m_kiosk;
    std::unique_ptr<GuideSession> m_guide;
    qint64 m_nowMs = 1'000'000;

    SessionController *session() { return m_kiosk->kiosk->session(); }
    SurveyController *survey() { return m_kiosk->kiosk->survey(); }

    // A video call with the CAF's counter, taken after 30 s, 10 minutes long.
    void callCaf()
    {
        CallPhases phases;
        phases.setClock([this] { return m_nowMs; });
        connect(&phases, &CallPhases::journalEvent, this,
                [this](const QString &type, QJsonObject payload) {
                    // As VisioCall::record: the call's agency is the screen's to add.
                    payload.insert(QStringLiteral("agency"), QStringLiteral("caf"));
                    session()->recordEvent(type, payload);
                });
        QVERIFY(phases.requestCall());
        phases.welcomed();
        phases.queued(QStringLiteral("6f1c1b9e-3f43-4a5e-9d61-2d7f0c5e8a11"), 1, 60);
        m_nowMs += 30000;
        phases.callOffered(QStringLiteral("0b7e7c35-1f9e-4a43-9d55-2f1d9a6d4c11"),
                           QStringLiteral("Conseillère CAF"));
        QCOMPARE(phases.phase(), CallPhases::InCall);
        m_nowMs += 600000;
        phases.hangUp();
    }

    void leaveIdle()
    {
        QTRY_COMPARE_WITH_TIMEOUT(session()->state(), SessionController::Wiped, 5000);
        session()->acknowledgeGoodbye();
    }

    void sayGoodbye()
    {
        QCOMPARE(session()->state(), SessionController::Wiped);
        session()->acknowledgeGoodbye();
    }

    // The kiosk's sync, as its worker runs it, until the outbox is empty; first this kiosk's
    // counts of the weeks its sessions changed, queued as its minute's timer does.
    void sync()
    {
        m_kiosk->kiosk->queueCountSnapshots();
        SyncLedger ledger(*m_kiosk->database);
        ObservatoryTransport transport(std::make_shared<CurlTransport>(), m_identity, {5, 10, 30});
        SyncEngine engine(ledger, transport, 500);
        for (int round = 0; ledger.snapshot().pending > 0 && round < 10; ++round) {
            const SyncEngine::Round sent = engine.sendBatch();
            QVERIFY2(sent.failure.isEmpty(), qPrintable(sent.failure + u' ' + sent.detail));
        }
        QCOMPARE(ledger.snapshot().pending, 0);
        // Every record was taken: none refused, none set aside.
        QCOMPARE(ledger.snapshot().setAside, 0);
    }

    std::unique_ptr<Store> observatoryStore() { return Store::open(m_observatory->database()); }

private slots:
    void initTestCase()
    {
        m_observatory = std::make_unique<ObservatoryProcess>(m_backend.database());
        QVERIFY(m_observatory->start());
        m_identity =
            relais::test::enrollKiosk(*m_observatory, m_dir.path(), QStringLiteral("46-bretenoux"),
                                      QStringLiteral("borne-1"));
        QVERIFY(m_identity.isComplete());
        m_kiosk = std::make_unique<TestKiosk>(quick());
        QCOMPARE(m_kiosk->journal->siteId(), QStringLiteral("46-bretenoux"));
        m_guide = std::make_unique<GuideSession>(session());
        qInfo("store: %s", m_backend.isPostgres() ? "PostgreSQL" : "SQLite");
    }

    void cleanupTestCase()
    {
        m_guide.reset();
        m_kiosk.reset();
        m_observatory.reset();
    }

    // One resident opens the CAF's page, then calls the CAF: the kiosk's counts (its
    // kiosk_counts, the desk's grid being empty) hold two kinds of help, the observatory one
    // person.
    void oneSessionTwoKindsOfHelpOnePerson()
    {
        session()->begin();
        session()->openAgency(QStringLiteral("caf"));
        session()->openActivity(QStringLiteral("visio"));
        callCaf();
        // "Terminer et effacer": the after-call survey was offered already, so it ends.
        survey()->endSession();
        sayGoodbye();
        const IsoWeek week = IsoWeek::containing(
            QDateTime::currentDateTime().toTimeZone(m_kiosk->kiosk->weeklyGrid()->zone()).date());
        QVERIFY(m_kiosk->kiosk->weeklyGrid()->close(week));
        sync();

        auto store = observatoryStore();
        Indicators indicators(*store);
        const IndicatorFilter all;
        const Table persons = indicators.persons(all, Grain::Week);
        QCOMPARE(total(persons, 1), 1);
        QCOMPARE(total(persons, 4), 1); // through a video call
        const Table kinds = indicators.visitsByPeriod(all, Grain::Week);
        QCOMPARE(kinds.columns,
                 (QStringList{QStringLiteral("period"), QStringLiteral("information"),
                              QStringLiteral("online_procedure"), QStringLiteral("video_call"),
                              QStringLiteral("internet_access"), QStringLiteral("print_scan"),
                              QStringLiteral("referral")}));
        QCOMPARE(kinds.rows.size(), 1);
        QCOMPARE(kinds.rows[0].mid(1), (QVariantList{1, 0, 1, 0, 0, 0}));
        QCOMPARE(indicators.callsByAgency(all).rows,
                 (QList<QVariantList>{{QStringLiteral("caf"), 1, 0, 0, 0, 1, 100.0}}));
        QCOMPARE(indicators.sessionEnds(all).rows,
                 (QList<QVariantList>{
                     {QStringLiteral("Terminée par « Terminer et effacer »"), 1, 100.0}}));
        QCOMPARE(store
                     ->scalar(QStringLiteral("SELECT duration_s FROM call_events WHERE site = ?"),
                              {QStringLiteral("46-bretenoux")})
                     .toInt(),
                 600);
    }

    // Four more residents: guided alone, guided with help then gone, gone from the home
    // screen, and one who asked for the mediator; with the first, five persons.
    void guidesHelpAndEndings()
    {
        // Help asked at the guide's third step, then the resident walks away from it.
        session()->begin();
        session()->openActivity(QStringLiteral("online"));
        QVERIFY(m_guide->open(QStringLiteral("caf-attestation-paiement")));
        m_guide->nextStep();
        m_guide->nextStep();
        m_guide->askForHelp();
        leaveIdle();

        // Guided alone; "Terminer et effacer" brings the end-of-session survey, which she
        // leaves unanswered: she had finished.
        session()->begin();
        session()->openActivity(QStringLiteral("online"));
        QVERIFY(m_guide->open(QStringLiteral("cpam-carte-vitale")));
        m_guide->nextStep();
        survey()->endSession();
        QTRY_COMPARE(session()->activity(), QStringLiteral("survey"));
        leaveIdle();

        // Nothing but the home screen.
        session()->begin();
        leaveIdle();

        // "Demander de l'aide au médiateur", then "Terminer et effacer" and "Non merci".
        session()->begin();
        session()->openActivity(QStringLiteral("mediator"));
        survey()->endSession();
        QTRY_COMPARE(session()->activity(), QStringLiteral("survey"));
        survey()->decline();
        sayGoodbye();

        sync();
        auto store = observatoryStore();
        Indicators indicators(*store);
        const IndicatorFilter all;
        const Table persons = indicators.persons(all, Grain::Week);
        // persons, then guide alone, mediator, video call, none.
        QCOMPARE(total(persons, 1), 5);
        QCOMPARE((QList<qint64>{total(persons, 2), total(persons, 3), total(persons, 4),
                                total(persons, 5)}),
                 (QList<qint64>{1, 2, 1, 1}));
        QCOMPARE(
            indicators.autonomy(all).rows,
            (QList<QVariantList>{{QStringLiteral("En autonomie avec le guide"), 1, 20.0},
                                 {QStringLiteral("Avec l'aide du médiateur"), 2, 40.0},
                                 {QStringLiteral("Par un appel en visio"), 1, 20.0},
                                 {QStringLiteral("Ni guide, ni médiateur, ni visio"), 1, 20.0}}));
        QCOMPARE(indicators.sessionEnds(all).rows,
                 (QList<QVariantList>{
                     {QStringLiteral("Terminée par « Terminer et effacer »"), 3, 60.0},
                     {QStringLiteral("Laissée sur l'accueil (fin par inactivité)"), 1, 20.0},
                     {QStringLiteral("Abandonnée sur les démarches en ligne (liste ou guide) (fin "
                                     "par inactivité)"),
                      1, 20.0}}));
        QCOMPARE(
            indicators.procedures(all).rows,
            (QList<QVariantList>{{QStringLiteral("caf"), QStringLiteral("caf-attestation-paiement"),
                                  QStringLiteral("Avoir une attestation de paiement"), 1, 1, 100.0},
                                 {QStringLiteral("cpam"), QStringLiteral("cpam-carte-vitale"),
                                  QStringLiteral("Commander une carte Vitale"), 1, 0, 0.0}}));
        QCOMPARE(
            indicators.helpSteps(all).rows,
            (QList<QVariantList>{{QStringLiteral("caf"), QStringLiteral("caf-attestation-paiement"),
                                  QStringLiteral("Avoir une attestation de paiement"), 3,
                                  QStringLiteral("Choisissez l'attestation et le mois."), 1}}));
        QCOMPARE(indicators.personsBySite(all).rows,
                 (QList<QVariantList>{
                     {QStringLiteral("46-bretenoux"), QStringLiteral("Cère et Dordogne"), 5}}));
    }

    // The session ids the kiosk journalled stay on the kiosk: no record at the observatory
    // holds one, nor a "session" key.
    void noSessionIdLeavesTheKiosk()
    {
        QSet<QString> sessions;
        for (const JournalEvent &event : m_kiosk->journal->events())
            if (const QString id = event.payload.value(QStringLiteral("session")).toString();
                !id.isEmpty())
                sessions.insert(id);
        QCOMPARE(sessions.size(), 5);
        auto store = observatoryStore();
        QSqlQuery q = store->prepare(QStringLiteral("SELECT content FROM records"));
        Store::run(q);
        int records = 0;
        while (q.next()) {
            const QString content = q.value(0).toString();
            ++records;
            QVERIFY2(!content.contains(QLatin1String("\"session\"")), qPrintable(content));
            for (const QString &id : std::as_const(sessions))
                QVERIFY2(!content.contains(id), qPrintable(content));
        }
        QVERIFY(records > 20);
    }
};

int main(int argc, char *argv[])
{
    QtWebEngineQuick::initialize();
    QGuiApplication app(argc, argv);
    TestJourney test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_journey.moc"
