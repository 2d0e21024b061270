// SPDX-License-Identifier: EUPL-1.2
// The mediator's grid on the second kiosk of a site, against the real relais-observatory:
// the week closed at the first kiosk's desk shows as closed there ("Semaine close … sur la
// borne « borne-1 »"), offers its correction instead of a second closing, and says so when the
// observatory cannot be asked. Screenshots go to build/screenshots/mediator/ for review.
#include "enrolledkiosk.h"
#include "identity/curltransport.h"
#include "staticqmlmodules.h"
#include "sync/observatorytransport.h"
#include "sync/syncengine.h"
#include "testkiosk.h"

#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTest>

#include <csignal>

using namespace relais;
using namespace relais::observatory::test;

class TestSiteMediator : public QObject
{
    Q_OBJECT

    const QString m_site = QStringLiteral("46-bretenoux");
    ObservatoryProcess m_observatory;
    QTemporaryDir m_firstDir;           // the site's other kiosk, borne-1
    std::unique_ptr<TestKiosk> m_kiosk; // borne-2, with its screens
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
    IsoWeek m_week;

    MediatorController *mediator() { return m_kiosk->kiosk->mediator(); }

    QQuickItem *find(QQuickItem *item, const QString &name)
    {
        if (!item)
            return nullptr;
        if (item->objectName() == name)
            return item;
        for (QQuickItem *child : item->childItems())
            if (QQuickItem *found = find(child, name))
                return found;
        return nullptr;
    }

    QQuickItem *item(const QString &name) { return find(m_window->contentItem(), name); }

    bool shown(const QString &name)
    {
        for (QQuickItem *at = item(name); at; at = at->parentItem())
            if (!at->isVisible())
                return false;
        return item(name) != nullptr;
    }

    void tap(const QString &name)
    {
        QQuickItem *button = item(name);
        QVERIFY2(button && shown(name), qPrintable(name));
        QMetaObject::invokeMethod(button, "clicked");
    }

    void screenshot(const QString &name, QSize size, qreal textScale = 1.0)
    {
        m_kiosk->kiosk->setTextScale(textScale);
        m_window->resize(size);
        for (int pass = 0; pass < 3; ++pass) {
            QTest::qWait(40);
            m_window->grabWindow();
        }
        QDir().mkpath(QStringLiteral(SCREENSHOT_DIR));
        const QString path = QDir(QStringLiteral(SCREENSHOT_DIR))
                                 .filePath(QStringLiteral("%1-%2x%3-%4pct.png")
                                               .arg(name)
                                               .arg(size.width())
                                               .arg(size.height())
                                               .arg(qRound(textScale * 100)));
        QVERIFY(m_window->grabWindow().save(path));
        m_kiosk->kiosk->setTextScale(1.0);
    }

    // borne-1's mediator closes the week with the desk's counts; its sync sends the report.
    void closeOnTheFirstKiosk()
    {
        const ClientIdentity identity = relais::test::enrollKiosk(
            m_observatory, m_firstDir.path(), m_site, QStringLiteral("borne-1"));
        auto database =
            Database::open(m_firstDir.filePath(QStringLiteral("kiosk.sqlite")), kioskMigrations());
        QStringList agencies;
        for (const AgencyOffer &offer : m_kiosk->kiosk->config().agencies)
            agencies << offer.id;
        WeeklyGrid grid(*database, m_site, agencies, QTimeZone::systemTimeZone());
        QCOMPARE(grid.setDeskCount(m_week, {QStringLiteral("mediator"), QString()}, 1, 4),
                 WeeklyGrid::Change::Done);
        QCOMPARE(grid.setDeskCount(m_week, {QStringLiteral("visio"), agencies.first()}, 2, 2),
                 WeeklyGrid::Change::Done);
        QVERIFY(grid.close(m_week));
        SyncLedger ledger(*database);
        ObservatoryTransport transport(std::make_shared<CurlTransport>(), identity, {});
        SyncEngine engine(ledger, transport);
        const SyncEngine::Round round = engine.sendBatch();
        QVERIFY2(round.failure.isEmpty(), qPrintable(round.detail));
        QCOMPARE(ledger.snapshot().pending, 0);
        QCOMPARE(ledger.snapshot().setAside, 0);
    }

private slots:
    void initTestCase()
    {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QVERIFY(m_observatory.start());
        m_kiosk = std::make_unique<TestKiosk>(SessionController::Timing{});
        relais::test::enrollKiosk(m_observatory, m_kiosk->dir.path(), m_site,
                                  QStringLiteral("borne-2"));
        m_week = IsoWeek::containing(QDate::currentDate()).previous();
        closeOnTheFirstKiosk();
        m_engine = std::make_unique<QQmlApplicationEngine>();
        m_engine->addImportPath(QStringLiteral("qrc:/"));
        m_engine->load(QUrl(QStringLiteral("qrc:/Relais/App/Main.qml")));
        QVERIFY(!m_engine->rootObjects().isEmpty());
        m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
        QVERIFY(m_window);
        m_window->resize(1920, 1080);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        m_kiosk.reset();
    }

    void weekClosedOnTheOtherKioskIsCorrectedNotClosedAgain()
    {
        mediator()->unlockForReview();
        mediator()->showWeek(m_week.label());
        QTRY_VERIFY_WITH_TIMEOUT(mediator()->closedElsewhere(), 20000);
        QTRY_VERIFY(shown(QStringLiteral("siteWeekNotice")));
        const QString title = item(QStringLiteral("siteWeekTitle"))->property("text").toString();
        QVERIFY2(title.startsWith(QStringLiteral("Semaine close aujourd'hui à ")) &&
                     title.endsWith(QStringLiteral(" sur la borne «\u00a0borne-1\u00a0».")),
                 qPrintable(title));
        QVERIFY(!shown(QStringLiteral("closeWeekButton")));
        QVERIFY(!shown(QStringLiteral("correctWeekButton")));
        QVERIFY(shown(QStringLiteral("correctSiteWeekButton")));
        // The desk's counts shown are those borne-1 closed the week with.
        const int mediatorRow = static_cast<int>(m_kiosk->kiosk->weeklyGrid()->rows().indexOf(
            GridRow{QStringLiteral("mediator"), QString()}));
        mediator()->select(mediatorRow, 1);
        QCOMPARE(mediator()->selectedDesk(), 4);
        screenshot(QStringLiteral("week-closed-elsewhere"), {1920, 1080});
        screenshot(QStringLiteral("week-closed-elsewhere"), {1280, 800});
        screenshot(QStringLiteral("week-closed-elsewhere"), {1280, 800}, 2.0);

        // Its correction: the desk's counts taken over, a new version replacing borne-1's.
        tap(QStringLiteral("correctSiteWeekButton"));
        QCOMPARE(mediator()->weekState(), QStringLiteral("correcting"));
        QTRY_VERIFY(shown(QStringLiteral("closeWeekButton")));
        QVERIFY(item(QStringLiteral("siteWeekTitle"))
                    ->property("text")
                    .toString()
                    .contains(QStringLiteral("Correction de la clôture")));
        mediator()->select(mediatorRow, 1);
        QCOMPARE(mediator()->selectedDesk(), 4);
        tap(QStringLiteral("stepUp"));
        QCOMPARE(mediator()->selectedDesk(), 5);
        screenshot(QStringLiteral("week-closed-elsewhere-correcting"), {1920, 1080});
        tap(QStringLiteral("closeWeekButton"));
        const auto correction = m_kiosk->kiosk->weeklyGrid()->latestReport(m_week);
        QVERIFY(correction);
        QCOMPARE(correction->version, 2);
        QCOMPARE(mediator()->weekState(), QStringLiteral("closed"));
        QVERIFY(!mediator()->closedElsewhere());
    }

    // The observatory slow to answer (held with SIGSTOP): "Vérification auprès de
    // l'observatoire…" with the ring turning, gone once it answers.
    void checkingWithTheObservatoryShowsTheWait()
    {
        const auto observatory = static_cast<pid_t>(m_observatory.pid());
        QCOMPARE(::kill(observatory, SIGSTOP), 0);
        mediator()->showWeek(m_week.previous().previous().label());
        QCOMPARE(mediator()->siteCheck(), QStringLiteral("checking"));
        QTRY_VERIFY(shown(QStringLiteral("siteCheckWaitIndicator")));
        QQuickItem *indicator = item(QStringLiteral("siteCheckWaitIndicator"));
        QVERIFY(indicator->property("running").toBool());
        QCOMPARE(item(QStringLiteral("siteWeekTitle"))->property("text").toString(),
                 QStringLiteral("Vérification auprès de l'observatoire…"));
        screenshot(QStringLiteral("week-checking"), {1920, 1080});
        // The drawn ring, turned a step at a time.
        QQuickItem *ring = indicator->childItems().value(0);
        QVERIFY(ring && ring->inherits("QQuickCanvasItem"));
        const qreal first = ring->rotation();
        QTRY_VERIFY2(ring->rotation() != first, "the ring does not turn");
        QCOMPARE(::kill(observatory, SIGCONT), 0);
        QTRY_COMPARE_WITH_TIMEOUT(mediator()->siteCheck(), QStringLiteral("answered"), 20000);
        QVERIFY(!shown(QStringLiteral("siteCheckWaitIndicator")));
        QVERIFY(!indicator->property("running").toBool());
    }

    void observatoryOutOfReachIsSaid()
    {
        m_observatory.stop();
        mediator()->showWeek(m_week.previous().label());
        QTRY_COMPARE_WITH_TIMEOUT(mediator()->siteCheck(), QStringLiteral("unreachable"), 30000);
        QTRY_VERIFY(shown(QStringLiteral("siteWeekNotice")));
        QVERIFY(item(QStringLiteral("siteWeekTitle"))
                    ->property("text")
                    .toString()
                    .startsWith(QStringLiteral("Impossible de vérifier")));
        QVERIFY(shown(QStringLiteral("recheckSiteButton")));
        // Closing stays possible: the observatory refuses a second closing, kept aside.
        QVERIFY(shown(QStringLiteral("closeWeekButton")));
        QVERIFY(item(QStringLiteral("closeWeekButton"))->isEnabled());
        screenshot(QStringLiteral("week-unchecked"), {1920, 1080});
        mediator()->leave();
    }
};

QTEST_MAIN(TestSiteMediator)
#include "tst_sitemediator.moc"
