// SPDX-License-Identifier: EUPL-1.2
// A site with two kiosks against the real relais-observatory (SQLite, and a real PostgreSQL):
// each kiosk counts its residents' sessions (the session controller writing its journal), its
// snapshots and reports are what the kiosk core makes, and they travel through the kiosk's own
// sync over libcurl and mutual TLS. The site's week is both kiosks' counts plus the desk's,
// once; the second kiosk's mediator finds the week closed and corrects it instead.
#include "backend.h"
#include "counts/countsnapshots.h"
#include "devices/fleetstatus.h"
#include "enrolledkiosk.h"
#include "identity/curltransport.h"
#include "journal.h"
#include "kioskschema.h"
#include "mediator/mediatorcontroller.h"
#include "sessioncontroller.h"
#include "sync/apirecord.h"
#include "sync/observatorytransport.h"
#include "sync/siteweekclient.h"
#include "sync/syncengine.h"

#include <QSignalSpy>
#include <QTest>

using namespace relais;
using namespace relais::observatory;
using namespace relais::observatory::test;

namespace {

const QString kSite = QStringLiteral("46-bretenoux");

// One kiosk of the site: its store and journal, its residents' sessions, its mediator mode,
// and its sync with the observatory.
struct SiteKiosk
{
    SiteKiosk(ObservatoryProcess &observatory, const QString &name)
        : identity(relais::test::enrollKiosk(observatory, dir.path(), kSite, name)),
          database(Database::open(dir.filePath(QStringLiteral("kiosk.sqlite")), kioskMigrations())),
          journal(*database, kSite), sessions(&journal, SessionController::Timing()),
          snapshots(*database, kSite, zone),
          grid(*database, kSite, {QStringLiteral("caf"), QStringLiteral("cpam")}, zone),
          pin(*database, QString()), responses(*database, kSite, zone), ledger(*database),
          transport(std::make_shared<CurlTransport>(), identity, {}), engine(ledger, transport),
          siteWeeks(relais::KioskIdentity(dir.path()), std::make_shared<CurlTransport>(),
                    grid.rows()),
          mediator(MediatorController::Sources{
              &grid, &pin, &responses, nullptr, [] { return QStringLiteral("fr"); },
              [this] { return QDateTime::currentDateTimeUtc().toTimeZone(zone).date(); },
              [this](IsoWeek week) { siteWeeks.check(week); }})
    {
        QObject::connect(&siteWeeks, &SiteWeekClient::checked, &mediator,
                         &MediatorController::siteChecked);
    }

    // A resident's visit: the pages and activities she opens, then "Terminer et effacer".
    void visit(const QStringList &steps)
    {
        sessions.begin();
        for (const QString &step : steps) {
            if (step.startsWith(QLatin1String("agency:")))
                sessions.openAgency(step.mid(7));
            else
                sessions.openActivity(step);
        }
        sessions.endSession();
        sessions.acknowledgeGoodbye();
    }

    // What the kiosk's timer does, then the sync until the outbox is empty.
    void sync()
    {
        snapshots.update();
        for (int round = 0; round < 10; ++round) {
            const SyncEngine::Round sent = engine.sendBatch();
            QVERIFY2(sent.failure.isEmpty(), qPrintable(sent.failure + u' ' + sent.detail));
            if (sent.sent == 0)
                return;
        }
        QFAIL("the outbox did not empty");
    }

    qint64 setAside() { return ledger.snapshot().setAside; }

    // Opens mediator mode on `week` and waits for the observatory's answer about it.
    void openGrid(IsoWeek week)
    {
        if (!mediator.unlocked())
            mediator.unlockForReview();
        mediator.showWeek(week.label());
        QTRY_COMPARE_WITH_TIMEOUT(mediator.siteCheck(), QStringLiteral("answered"), 20000);
    }

    QTemporaryDir dir;
    const QTimeZone zone = QTimeZone::systemTimeZone();
    ClientIdentity identity;
    std::unique_ptr<Database> database;
    Journal journal;
    SessionController sessions;
    CountSnapshots snapshots;
    WeeklyGrid grid;
    PinLock pin;
    SurveyResponses responses;
    SyncLedger ledger;
    ObservatoryTransport transport;
    SyncEngine engine;
    SiteWeekClient siteWeeks;
    MediatorController mediator;
};

} // namespace

class TestSiteWeeks : public QObject
{
    Q_OBJECT

    Backend m_backend;
    std::unique_ptr<ObservatoryProcess> m_observatory;
    std::unique_ptr<SiteKiosk> m_first;
    std::unique_ptr<SiteKiosk> m_second;
    IsoWeek m_week;

    std::unique_ptr<Store> store() { return Store::open(m_observatory->database()); }

    qint64 siteWeek(const QString &column, IsoWeek week)
    {
        return store()
            ->scalar(
                QStringLiteral("SELECT %1 FROM site_weeks WHERE site = ? AND week = ?").arg(column),
                {kSite, week.label()})
            .toLongLong();
    }

    qint64 line(const QString &help, const QString &agency)
    {
        return store()
            ->scalar(QStringLiteral("SELECT count FROM site_week_rows WHERE site = ? AND "
                                    "week = ? AND help = ? AND agency = ?"),
                     {kSite, m_week.label(), help, agency})
            .toLongLong();
    }

    // The desk's count the mediator sets on `kiosk`'s grid for today.
    static void enterDesk(SiteKiosk &kiosk, const GridRow &row, int count)
    {
        const int day =
            kiosk.mediator.isCurrentWeek()
                ? QDateTime::currentDateTimeUtc().toTimeZone(kiosk.zone).date().dayOfWeek()
                : 1;
        kiosk.mediator.select(static_cast<int>(kiosk.grid.rows().indexOf(row)), day);
        kiosk.mediator.step(count - kiosk.mediator.selectedDesk());
        QCOMPARE(kiosk.mediator.selectedDesk(), count);
    }

private slots:
    void initTestCase()
    {
        m_observatory = std::make_unique<ObservatoryProcess>(m_backend.database());
        QVERIFY(m_observatory->start());
        m_first = std::make_unique<SiteKiosk>(*m_observatory, QStringLiteral("borne-1"));
        m_second = std::make_unique<SiteKiosk>(*m_observatory, QStringLiteral("borne-2"));
        m_week =
            IsoWeek::containing(QDateTime::currentDateTimeUtc().toTimeZone(m_first->zone).date());
        qInfo("store: %s", m_backend.isPostgres() ? "PostgreSQL" : "SQLite");
    }

    void siteWeekIsBothKiosksPlusTheDeskOnce()
    {
        // borne-1: two CAF pages (one with a print), a print alone. borne-2: a CPAM page, help
        // from the mediator.
        m_first->visit({QStringLiteral("agency:caf")});
        m_first->visit({QStringLiteral("agency:caf"), QStringLiteral("print")});
        m_first->visit({QStringLiteral("print")});
        m_second->visit({QStringLiteral("agency:cpam")});
        m_second->visit({QStringLiteral("mediator")});
        m_first->sync();
        m_second->sync();
        // Counted before anyone closes the week.
        QCOMPARE(siteWeek(QStringLiteral("total"), m_week), 2 + 2 + 1 + 1);

        // The mediator closes the week once, on borne-1, with what the desk counted.
        m_first->openGrid(m_week);
        QCOMPARE(m_first->mediator.siteCheck(), QStringLiteral("answered"));
        QVERIFY(!m_first->mediator.closedElsewhere());
        QVERIFY(m_first->mediator.closeEnabled());
        enterDesk(*m_first, {QStringLiteral("mediator"), QString()}, 3);
        enterDesk(*m_first, {QStringLiteral("visio"), QStringLiteral("caf")}, 1);
        m_first->mediator.closeWeek();
        QCOMPARE(m_first->mediator.weekState(), QStringLiteral("closed"));
        m_first->sync();

        // Both kiosks' counts and the desk's, each once.
        QCOMPARE(siteWeek(QStringLiteral("total"), m_week), 6 + 3 + 1);
        QCOMPARE(siteWeek(QStringLiteral("information"), m_week), 2 + 1 + 1 + 3);
        QCOMPARE(siteWeek(QStringLiteral("print_scan"), m_week), 2);
        QCOMPARE(siteWeek(QStringLiteral("video_call"), m_week), 1);
        QCOMPARE(siteWeek(QStringLiteral("version"), m_week), 1);
        QCOMPARE(line(QStringLiteral("information"), QStringLiteral("caf")), 2);
        QCOMPARE(line(QStringLiteral("information"), QStringLiteral("cpam")), 1);
        QCOMPARE(line(QStringLiteral("information"), QStringLiteral("none")), 1 + 3);
        QCOMPARE(m_first->setAside(), 0);
        QCOMPARE(m_second->setAside(), 0);

        // A resident comes to borne-2 after the closing: its counts still arrive.
        m_second->visit({QStringLiteral("agency:caf")});
        m_second->sync();
        QCOMPARE(siteWeek(QStringLiteral("total"), m_week), 10 + 1);
        QCOMPARE(m_second->setAside(), 0);
    }

    void secondKioskFindsTheWeekClosedAndCorrectsIt()
    {
        SiteKiosk &second = *m_second;
        second.openGrid(m_week);
        QVERIFY(second.mediator.closedElsewhere());
        QCOMPARE(second.mediator.closedBy(), QStringLiteral("borne-1"));
        QCOMPARE(second.mediator.closedVersion(), 1);
        QVERIFY(second.mediator.closedWhen().contains(QStringLiteral("aujourd'hui")));
        QVERIFY(!second.mediator.editable());
        QVERIFY(!second.mediator.closeEnabled());
        QVERIFY(second.mediator.correctableHere());
        // The desk's counts shown are the site's.
        const GridRow mediatorRow{QStringLiteral("mediator"), QString()};
        const int today =
            QDateTime::currentDateTimeUtc().toTimeZone(second.zone).date().dayOfWeek();
        second.mediator.select(static_cast<int>(second.grid.rows().indexOf(mediatorRow)), today);
        QCOMPARE(second.mediator.selectedDesk(), 3);
        // Closing again does nothing.
        second.mediator.closeWeek();
        QVERIFY(outbox::pending(*second.database, QStringLiteral("weekly_report")).isEmpty());

        // "Corriger": a new version of the site's week, the desk's counts taken over.
        second.mediator.correctWeek();
        QCOMPARE(second.mediator.weekState(), QStringLiteral("correcting"));
        QVERIFY(second.mediator.editable());
        enterDesk(second, mediatorRow, 5);
        second.mediator.closeWeek();
        const auto correction = second.grid.latestReport(m_week);
        QVERIFY(correction);
        QCOMPARE(correction->version, 2);
        QCOMPARE(correction->replaces, m_first->grid.latestReport(m_week)->id);
        QVERIFY(!second.mediator.closedElsewhere());
        second.sync();
        QCOMPARE(second.setAside(), 0);
        // The desk's 3 became 5; the kiosks' counts are untouched.
        QCOMPARE(siteWeek(QStringLiteral("total"), m_week), 11 + 2);
        QCOMPARE(siteWeek(QStringLiteral("version"), m_week), 2);

        // borne-1 now finds the correction made on borne-2.
        m_first->openGrid(m_week);
        QVERIFY(m_first->mediator.closedElsewhere());
        QCOMPARE(m_first->mediator.closedBy(), QStringLiteral("borne-2"));
        QCOMPARE(m_first->mediator.closedVersion(), 2);
    }

    void snapshotsArriveOutOfOrder()
    {
        SiteKiosk &second = *m_second;
        second.visit({QStringLiteral("agency:cpam")});
        QCOMPARE(second.snapshots.update(), 1);
        // This snapshot is held back (a slow connection) while the next one goes.
        const QList<OutboxRecord> held =
            outbox::pending(*second.database, QStringLiteral("kiosk_counts"));
        QCOMPARE(held.size(), 1);
        const QJsonObject late = apiRecord(held.first());
        second.visit({QStringLiteral("internet")});
        second.sync();
        const qint64 total = siteWeek(QStringLiteral("total"), m_week);
        QCOMPARE(total, 13 + 2);
        HttpsClient client =
            m_observatory->client({second.identity.certPem, second.identity.keyPem});
        const Reply reply = client.postJson(QStringLiteral("/v1/records"), batch({late}));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()
                     .value(QStringLiteral("results"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("result"))
                     .toString(),
                 QStringLiteral("stored"));
        QCOMPARE(siteWeek(QStringLiteral("total"), m_week), total);
    }

    void twoKiosksOfflineCloseTheSameWeek()
    {
        // Last week, closed at both desks while neither could ask the observatory.
        const IsoWeek last = m_week.previous();
        m_first->grid.setDeskCount(last, {QStringLiteral("print"), QString()}, 2, 4);
        m_second->grid.setDeskCount(last, {QStringLiteral("internet"), QString()}, 3, 2);
        QVERIFY(m_first->grid.close(last));
        QVERIFY(m_second->grid.close(last));
        m_first->sync();
        m_second->sync();

        // The second closing is not counted, and not lost: kept aside on borne-2, kept and shown
        // on the observatory.
        QCOMPARE(siteWeek(QStringLiteral("total"), last), 4);
        QCOMPARE(m_second->setAside(), 1);
        QCOMPARE(m_second->ledger.setAside().first().reason, QStringLiteral("week_already_closed"));
        const Table fleet = fleetStatus(*store(), IndicatorFilter());
        const qsizetype refused = fleet.columns.indexOf(QStringLiteral("refused"));
        QString shown;
        for (const QVariantList &row : fleet.rows)
            if (row.value(0) == QStringLiteral("46-bretenoux/borne-2"))
                shown = row.value(refused).toString();
        QVERIFY2(
            shown.contains(QStringLiteral("semaine %1 déjà close par borne-1").arg(last.label())),
            qPrintable(shown));

        // borne-2's mediator sees her closing refused and the week closed on borne-1; she
        // corrects borne-1's version with what her desk counted.
        SiteKiosk &second = *m_second;
        second.openGrid(last);
        QCOMPARE(second.mediator.weekState(), QStringLiteral("refused"));
        QVERIFY(second.mediator.closedElsewhere());
        QCOMPARE(second.mediator.closedBy(), QStringLiteral("borne-1"));
        second.mediator.correctWeek();
        QCOMPARE(second.mediator.weekState(), QStringLiteral("correcting"));
        enterDesk(second, {QStringLiteral("internet"), QString()}, 2);
        second.mediator.closeWeek();
        second.sync();
        QCOMPARE(second.setAside(), 1); // the refused closing only
        QCOMPARE(siteWeek(QStringLiteral("total"), last), 4 + 2);
        QCOMPARE(siteWeek(QStringLiteral("version"), last), 2);
    }

    void cleanupTestCase()
    {
        m_first.reset();
        m_second.reset();
        m_observatory.reset();
    }
};

QTEST_GUILESS_MAIN(TestSiteWeeks)
#include "tst_site_weeks.moc"
