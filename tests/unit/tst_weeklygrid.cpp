// SPDX-License-Identifier: EUPL-1.2
#include "counts/countsnapshots.h"
#include "counts/isoweek.h"
#include "counts/weeklygrid.h"
#include "database.h"
#include "kioskschema.h"
#include "outbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace relais;

// ISO weeks at year and daylight-saving boundaries, the kiosk's automatic counts per local
// day and their snapshots for the observatory, closing and correcting a week, here or on
// another kiosk of the site.
class TestWeeklyGrid : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    const QTimeZone m_paris{"Europe/Paris"};

    std::unique_ptr<Database> open(const QString &name)
    {
        return Database::open(m_dir.filePath(name), kioskMigrations());
    }

    static void event(Database &db, const QString &type, const QString &wallUtc,
                      const QJsonObject &payload)
    {
        db.prepare("INSERT INTO journal (id, type, site_id, boot_id, mono_ms, wall_utc, payload) "
                   "VALUES (?, ?, '46-test', 'boot', 0, ?, ?)")
            .bind(1, QUuid::createUuid().toString(QUuid::WithoutBraces))
            .bind(2, type)
            .bind(3, wallUtc)
            .bind(4, QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)))
            .run();
    }

    // The site's week as the observatory answers when another kiosk closed it.
    static SiteWeek closedOnAnotherKiosk(int version, std::optional<WeekCounts> desk)
    {
        SiteWeek site;
        site.closed = true;
        site.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        site.version = version;
        site.kiosk = QStringLiteral("borne-1");
        site.desk = std::move(desk);
        return site;
    }

    static QJsonObject chose(const QString &session, const QString &agency)
    {
        return {{QStringLiteral("session"), session}, {QStringLiteral("agency"), agency}};
    }

private slots:
    void isoWeeks_data()
    {
        QTest::addColumn<QDate>("date");
        QTest::addColumn<QString>("label");
        QTest::newRow("week 1 starts in December") << QDate(2024, 12, 30) << "2025-W01";
        QTest::newRow("week 53") << QDate(2026, 12, 31) << "2026-W53";
        QTest::newRow("January in last year's week 53") << QDate(2027, 1, 3) << "2026-W53";
        QTest::newRow("ordinary") << QDate(2026, 11, 18) << "2026-W47";
        QTest::newRow("Sunday ends the week") << QDate(2026, 11, 22) << "2026-W47";
    }

    void isoWeeks()
    {
        QFETCH(QDate, date);
        QFETCH(QString, label);
        const IsoWeek week = IsoWeek::containing(date);
        QCOMPARE(week.label(), label);
        QCOMPARE(IsoWeek::parse(label), std::optional<IsoWeek>(week));
        QCOMPARE(week.monday().dayOfWeek(), 1);
        QVERIFY(week.monday() <= date && date <= week.day(7));
        QCOMPARE(week.next().previous(), week);
    }

    void weekBounds()
    {
        QCOMPARE(IsoWeek::weeksIn(2026), 53);
        QCOMPARE(IsoWeek::weeksIn(2025), 52);
        QVERIFY(!IsoWeek::parse(QStringLiteral("2025-W53")));
        QVERIFY(!IsoWeek::parse(QStringLiteral("2026-47")));
        // The week of the spring change is 167 hours long, the autumn one 169.
        const IsoWeek spring = IsoWeek::containing(QDate(2026, 3, 29));
        QCOMPARE(spring.startUtc(m_paris).secsTo(spring.endUtc(m_paris)), 167 * 3600);
        const IsoWeek autumn = IsoWeek::containing(QDate(2026, 10, 25));
        QCOMPARE(autumn.startUtc(m_paris).secsTo(autumn.endUtc(m_paris)), 169 * 3600);
        QCOMPARE(IsoWeek::containing(QDate(2026, 12, 31)).next().label(),
                 QStringLiteral("2027-W01"));
    }

    void automaticCountsFollowLocalDays()
    {
        auto db = open(QStringLiteral("counts.sqlite"));
        // Sunday 29 March 2026, 23:30 in Paris (summer time since 02:00): 21:30 UTC.
        event(*db, QStringLiteral("agency_chosen"), QStringLiteral("2026-03-29T21:30:00.000Z"),
              chose(QStringLiteral("s1"), QStringLiteral("caf")));
        // Monday 30 March 00:30 in Paris is still Sunday in UTC: next week, Monday.
        event(*db, QStringLiteral("agency_chosen"), QStringLiteral("2026-03-29T22:30:00.000Z"),
              chose(QStringLiteral("s2"), QStringLiteral("caf")));
        // Same session, same page twice: one person received.
        event(*db, QStringLiteral("agency_chosen"), QStringLiteral("2026-03-29T22:40:00.000Z"),
              chose(QStringLiteral("s2"), QStringLiteral("caf")));
        event(*db, QStringLiteral("call_started"), QStringLiteral("2026-03-30T08:00:00.000Z"),
              chose(QStringLiteral("s2"), QStringLiteral("caf")));
        event(*db, QStringLiteral("activity_chosen"), QStringLiteral("2026-03-30T09:00:00.000Z"),
              {{QStringLiteral("session"), QStringLiteral("s3")},
               {QStringLiteral("activity"), QStringLiteral("online")},
               {QStringLiteral("agency"), QStringLiteral("cpam")}});
        event(*db, QStringLiteral("activity_chosen"), QStringLiteral("2026-03-30T09:10:00.000Z"),
              {{QStringLiteral("session"), QStringLiteral("s3")},
               {QStringLiteral("activity"), QStringLiteral("print")}});
        // Thursday 31 December 2026 23:30 in Paris (winter): 22:30 UTC, in week 53.
        event(*db, QStringLiteral("activity_chosen"), QStringLiteral("2026-12-31T22:30:00.000Z"),
              {{QStringLiteral("session"), QStringLiteral("s4")},
               {QStringLiteral("activity"), QStringLiteral("mediator")}});
        // Friday 1 January 2027 00:30 in Paris: still week 53 of 2026.
        event(*db, QStringLiteral("activity_chosen"), QStringLiteral("2026-12-31T23:30:00.000Z"),
              {{QStringLiteral("session"), QStringLiteral("s5")},
               {QStringLiteral("activity"), QStringLiteral("mediator")}});

        const WeekCounts w13 = automaticCounts(*db, IsoWeek{2026, 13}, m_paris);
        QCOMPARE(w13.value(QStringLiteral("information/caf"))[6], 1);
        QCOMPARE(w13.size(), 1);
        const WeekCounts w14 = automaticCounts(*db, IsoWeek{2026, 14}, m_paris);
        QCOMPARE(w14.value(QStringLiteral("information/caf"))[0], 1);
        QCOMPARE(w14.value(QStringLiteral("visio/caf"))[0], 1);
        QCOMPARE(w14.value(QStringLiteral("online/cpam"))[0], 1);
        QCOMPARE(w14.value(QStringLiteral("print/"))[0], 1);
        const WeekCounts w53 = automaticCounts(*db, IsoWeek{2026, 53}, m_paris);
        QCOMPARE(w53.value(QStringLiteral("mediator/"))[3], 1);
        QCOMPARE(w53.value(QStringLiteral("mediator/"))[4], 1);
    }

    void closeAndCorrect()
    {
        auto db = open(QStringLiteral("grid.sqlite"));
        event(*db, QStringLiteral("agency_chosen"), QStringLiteral("2026-11-16T09:00:00.000Z"),
              chose(QStringLiteral("s1"), QStringLiteral("caf")));
        WeeklyGrid grid(*db, QStringLiteral("46-test"), {QStringLiteral("caf")}, m_paris);
        const IsoWeek week{2026, 47};
        const GridRow visio{QStringLiteral("visio"), QStringLiteral("caf")};
        QCOMPARE(grid.state(week), WeekState::Open);
        QCOMPARE(grid.setDeskCount(week, visio, 2, 3), WeeklyGrid::Change::Done);
        QCOMPARE(grid.setDeskCount(week, {QStringLiteral("visio"), QStringLiteral("msa")}, 2, 1),
                 WeeklyGrid::Change::Invalid);
        QCOMPARE(grid.setDeskCount(week, visio, 8, 1), WeeklyGrid::Change::Invalid);

        const auto first = grid.close(week);
        QVERIFY(first);
        QCOMPARE(first->version, 1);
        QCOMPARE(grid.state(week), WeekState::Closed);
        QVERIFY(!grid.close(week)); // closing twice makes nothing
        QCOMPARE(grid.setDeskCount(week, visio, 2, 4), WeeklyGrid::Change::WeekClosed);
        // Even a direct write is refused by the store itself.
        QVERIFY_THROWS_EXCEPTION(DatabaseError,
                                 db->exec("UPDATE desk_count SET count = 9 WHERE iso_week = "
                                          "'2026-W47'"));
        QVERIFY_THROWS_EXCEPTION(DatabaseError, db->exec("UPDATE weekly_report SET version = 5"));

        // The desk's counts only: the kiosk's own go as kiosk_counts.
        const QJsonArray rows = first->body.value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows,
                 (QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("visio")},
                                         {QStringLiteral("agency"), QStringLiteral("caf")},
                                         {QStringLiteral("date"), QStringLiteral("2026-11-17")},
                                         {QStringLiteral("desk"), 3}}}));
        QCOMPARE(first->body.value(QStringLiteral("counts")).toString(), QStringLiteral("desk"));
        QCOMPARE(first->body.value(QStringLiteral("iso_week")).toString(),
                 QStringLiteral("2026-W47"));
        QVERIFY(first->body.value(QStringLiteral("replaces")).isNull());

        QVERIFY(grid.startCorrection(week));
        QCOMPARE(grid.state(week), WeekState::Correcting);
        QCOMPARE(grid.setDeskCount(week, visio, 2, 4), WeeklyGrid::Change::Done);
        const auto second = grid.close(week);
        QVERIFY(second);
        QCOMPARE(second->version, 2);
        QCOMPARE(second->replaces, first->id);
        QCOMPARE(second->body.value(QStringLiteral("replaces")).toString(), first->id);

        const auto queued = outbox::pending(*db, QStringLiteral("weekly_report"));
        QCOMPARE(queued.size(), 2);
        QCOMPARE(queued.at(0).id, first->id);
        QCOMPARE(queued.at(0).body, first->body); // the first version is untouched
        QCOMPARE(queued.at(1).site, QStringLiteral("46-test"));

        // Once the observatory has it, the week shows as sent.
        db->prepare("DELETE FROM outbox WHERE id = ?").bind(1, second->id).run();
        QCOMPARE(grid.state(week), WeekState::Sent);
        const auto weeks = grid.recentWeeks(week, 3);
        QCOMPARE(weeks.size(), 3);
        QCOMPARE(weeks.at(0).state, WeekState::Sent);
        QCOMPARE(weeks.at(0).version, 2);
        QCOMPARE(weeks.at(1).state, WeekState::Open);
    }

    void snapshotsFollowTheJournal()
    {
        auto db = open(QStringLiteral("snapshots.sqlite"));
        CountSnapshots snapshots(*db, QStringLiteral("46-test"), m_paris);
        QCOMPARE(snapshots.update(), 0); // an empty journal: nothing to say
        // Two weeks: Sunday 15 and Monday 16 November 2026 in Paris.
        event(*db, QStringLiteral("agency_chosen"), QStringLiteral("2026-11-15T10:00:00.000Z"),
              chose(QStringLiteral("s1"), QStringLiteral("caf")));
        event(*db, QStringLiteral("agency_chosen"), QStringLiteral("2026-11-16T10:00:00.000Z"),
              chose(QStringLiteral("s2"), QStringLiteral("caf")));
        event(*db, QStringLiteral("session_started"), QStringLiteral("2026-11-16T11:00:00.000Z"),
              {{QStringLiteral("session"), QStringLiteral("s3")}});
        QCOMPARE(snapshots.update(), 2);
        QList<OutboxRecord> queued = outbox::pending(*db, QStringLiteral("kiosk_counts"));
        QCOMPARE(queued.size(), 2);
        QCOMPARE(queued.at(0).body,
                 (QJsonObject{{QStringLiteral("site"), QStringLiteral("46-test")},
                              {QStringLiteral("iso_week"), QStringLiteral("2026-W46")},
                              {QStringLiteral("sequence"), 1},
                              {QStringLiteral("rows"),
                               QJsonArray{QJsonObject{
                                   {QStringLiteral("kind"), QStringLiteral("information")},
                                   {QStringLiteral("agency"), QStringLiteral("caf")},
                                   {QStringLiteral("date"), QStringLiteral("2026-11-15")},
                                   {QStringLiteral("count"), 1}}}}}));
        QCOMPARE(queued.at(1).body.value(QStringLiteral("iso_week")).toString(),
                 QStringLiteral("2026-W47"));
        QCOMPARE(snapshots.update(), 0); // nothing new

        // The same session on the same page again changes no count: nothing goes.
        event(*db, QStringLiteral("agency_chosen"), QStringLiteral("2026-11-16T10:05:00.000Z"),
              chose(QStringLiteral("s2"), QStringLiteral("caf")));
        QCOMPARE(snapshots.update(), 0);
        // A new session does: the next snapshot of that week replaces the one still waiting.
        event(*db, QStringLiteral("activity_chosen"), QStringLiteral("2026-11-17T10:00:00.000Z"),
              {{QStringLiteral("session"), QStringLiteral("s4")},
               {QStringLiteral("activity"), QStringLiteral("print")}});
        QCOMPARE(snapshots.update(), 1);
        queued = outbox::pending(*db, QStringLiteral("kiosk_counts"));
        QCOMPARE(queued.size(), 2);
        QCOMPARE(queued.at(0).body.value(QStringLiteral("iso_week")).toString(),
                 QStringLiteral("2026-W46"));
        QCOMPARE(queued.at(1).body.value(QStringLiteral("sequence")).toInt(), 2);
        QCOMPARE(queued.at(1).body.value(QStringLiteral("rows")).toArray().size(), 2);

        // Sent, then a session late on the week's Sunday: a snapshot after the week's end.
        db->exec("DELETE FROM outbox");
        event(*db, QStringLiteral("agency_chosen"), QStringLiteral("2026-11-22T20:00:00.000Z"),
              chose(QStringLiteral("s5"), QStringLiteral("cpam")));
        QCOMPARE(snapshots.update(), 1);
        queued = outbox::pending(*db, QStringLiteral("kiosk_counts"));
        QCOMPARE(queued.size(), 1);
        QCOMPARE(queued.at(0).body.value(QStringLiteral("sequence")).toInt(), 3);
    }

    void correctionTakesOverTheSitesVersion()
    {
        auto db = open(QStringLiteral("elsewhere.sqlite"));
        WeeklyGrid grid(*db, QStringLiteral("46-test"), {QStringLiteral("caf")}, m_paris);
        const IsoWeek week{2026, 47};
        const GridRow visio{QStringLiteral("visio"), QStringLiteral("caf")};
        QVERIFY(!grid.closedElsewhere(week, SiteWeek())); // not closed at all
        SiteWeek site = closedOnAnotherKiosk(1, std::nullopt);
        QVERIFY(grid.closedElsewhere(week, site));
        QVERIFY(!grid.startCorrection(week, site)); // whose desk counts are unknown here
        site.desk = WeekCounts{{visio.key(), {0, 2, 0, 0, 0, 0, 0}}};

        QVERIFY(grid.startCorrection(week, site));
        QCOMPARE(grid.state(week), WeekState::Correcting);
        QCOMPARE(grid.desk(week).value(visio.key())[1], 2);
        QCOMPARE(grid.setDeskCount(week, visio, 2, 5), WeeklyGrid::Change::Done);
        const auto correction = grid.close(week);
        QVERIFY(correction);
        QCOMPARE(correction->version, 2);
        QCOMPARE(correction->replaces, site.id);
        QCOMPARE(correction->body.value(QStringLiteral("rows")).toArray().size(), 1);
        // This kiosk's version is the newer one now.
        QVERIFY(!grid.closedElsewhere(week, site));
        QCOMPARE(grid.state(week), WeekState::Closed);
    }

    void refusedClosingMakesRoomForTheSitesVersion()
    {
        auto db = open(QStringLiteral("refused.sqlite"));
        WeeklyGrid grid(*db, QStringLiteral("46-test"), {QStringLiteral("caf")}, m_paris);
        const IsoWeek week{2026, 47};
        const GridRow mediator{QStringLiteral("mediator"), QString()};
        QCOMPARE(grid.setDeskCount(week, mediator, 1, 4), WeeklyGrid::Change::Done);
        const auto mine = grid.close(week);
        QVERIFY(mine);
        // The observatory refused it (another kiosk closed the week first): the sync keeps it
        // aside.
        db->prepare("INSERT INTO outbox_aside (id, kind, site, created_at, body, result, reason, "
                    "set_aside_at) SELECT id, kind, site, created_at, body, 'rejected', "
                    "'week_already_closed', created_at FROM outbox WHERE id = ?")
            .bind(1, mine->id)
            .run();
        db->prepare("DELETE FROM outbox WHERE id = ?").bind(1, mine->id).run();
        QCOMPARE(grid.state(week), WeekState::Refused);
        QCOMPARE(grid.setDeskCount(week, mediator, 1, 5), WeeklyGrid::Change::WeekClosed);

        const SiteWeek site =
            closedOnAnotherKiosk(1, WeekCounts{{mediator.key(), {1, 0, 0, 0, 0, 0, 0}}});
        QVERIFY(grid.closedElsewhere(week, site));
        QVERIFY(grid.startCorrection(week, site));
        QCOMPARE(grid.desk(week).value(mediator.key())[0], 1);
        QCOMPARE(grid.setDeskCount(week, mediator, 1, 5), WeeklyGrid::Change::Done);
        const auto correction = grid.close(week);
        QVERIFY(correction);
        // Version 2 of the site's chain, beside this kiosk's refused version 1.
        QCOMPARE(correction->version, 2);
        QCOMPARE(correction->replaces, site.id);
        QCOMPARE(grid.latestReport(week)->id, correction->id);
    }

    void storeFromBeforeSnapshotsIsMigrated()
    {
        const QString path = m_dir.filePath(QStringLiteral("before.sqlite"));
        // A week closed by the version before, its report still waiting in the outbox.
        const QString reportId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        {
            auto db = Database::open(path, kioskMigrations().mid(0, 3));
            const QString body = QStringLiteral(
                R"({"site":"46-test","iso_week":"2026-W40","version":1,"replaces":null,)"
                R"("rows":[{"kind":"print","agency":null,"date":"2026-09-29","automatic":2,)"
                R"("desk":1}]})");
            for (const char *sql :
                 {"INSERT INTO weekly_report (id, iso_week, version, replaces, created_at, body) "
                  "VALUES (?1, '2026-W40', 1, NULL, '2026-10-05T17:00:00.000Z', ?2)",
                  "INSERT INTO outbox (id, kind, site, created_at, body) VALUES (?1, "
                  "'weekly_report', '46-test', '2026-10-05T17:00:00.000Z', ?2)"})
                db->prepare(sql).bind(1, reportId).bind(2, body).run();
        }
        auto db = Database::open(path, kioskMigrations());
        QCOMPARE(db->userVersion(), kioskMigrations().last().version);
        WeeklyGrid grid(*db, QStringLiteral("46-test"), {QStringLiteral("caf")}, m_paris);
        QCOMPARE(grid.latestReport(IsoWeek{2026, 40})->id, reportId);
        QCOMPARE(outbox::pending(*db, QStringLiteral("weekly_report")).size(), 1);
        QCOMPARE(grid.state(IsoWeek{2026, 40}), WeekState::Closed);
        // The closed week's desk counts are still locked by the store itself.
        QVERIFY_THROWS_EXCEPTION(DatabaseError,
                                 db->exec("INSERT INTO desk_count (iso_week, kind, agency, day, "
                                          "count) VALUES ('2026-W40', 'print', '', 1, 1)"));
        QVERIFY_THROWS_EXCEPTION(DatabaseError, db->exec("DELETE FROM weekly_report"));
        event(*db, QStringLiteral("agency_chosen"), QStringLiteral("2026-10-01T10:00:00.000Z"),
              chose(QStringLiteral("s1"), QStringLiteral("caf")));
        QCOMPARE(CountSnapshots(*db, QStringLiteral("46-test"), m_paris).update(), 1);
    }
};

QTEST_GUILESS_MAIN(TestWeeklyGrid)
#include "tst_weeklygrid.moc"
