// SPDX-License-Identifier: EUPL-1.2
// The resident's call for the mediator (HelpCall) from a kiosk with the demo configuration
// against a real relais-hub, the desk being a signalling client of the mediator's role in this
// process: the desk sees the call, "J'arrive" comes back with the mediator's name, the end of
// the session takes the call off the desk, and with no desk or no hub the resident is told to
// wave to the mediator.
#include "helpcall.h"
#include "hubprocess.h"
#include "signallingclient.h"
#include "testkiosk.h"
#include "visiokiosk.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace relais;
using relais::hub::test::HubProcess;

namespace {

// The mediator's desk page, reduced to its protocol: hello, the site's calls, "J'arrive".
struct Desk
{
    media::SignallingClient link;
    QJsonArray alerts;
    bool welcomed = false;

    void open(HubProcess &hub, const QString &site, const QString &login)
    {
        link.setCaCertificates({hub.certificate()});
        QObject::connect(&link, &media::SignallingClient::messageReceived,
                         [this](const QJsonObject &message) {
                             const QString type = message.value(QStringLiteral("type")).toString();
                             if (type == QLatin1String("welcome"))
                                 welcomed = true;
                             if (type == QLatin1String("help_state"))
                                 alerts = message.value(QStringLiteral("alerts")).toArray();
                         });
        link.open(QUrl(QStringLiteral("wss://localhost:%1/v1").arg(hub.port())),
                  relais::hub::test::mediatorHello(site, login));
    }
    QJsonObject first() const { return alerts.isEmpty() ? QJsonObject() : alerts[0].toObject(); }
};

} // namespace

class TestHelpCall : public QObject
{
    Q_OBJECT

    std::unique_ptr<HubProcess> m_hub;

    std::unique_ptr<TestKiosk> kioskAt(const QString &site)
    {
        return std::make_unique<TestKiosk>(SessionController::Timing{},
                                           withVisio(site, m_hub->port(), m_hub->path()));
    }

private slots:
    void initTestCase()
    {
        m_hub = std::make_unique<HubProcess>();
        m_hub->addMediators(
            {{QStringLiteral("19-allday"), QStringLiteral("c.roux"), QStringLiteral("Mme Roux")}});
        QVERIFY(m_hub->start());
    }

    void cleanupTestCase() { m_hub.reset(); }

    void theDeskAnswers()
    {
        Desk desk;
        desk.open(*m_hub, QStringLiteral("19-allday"), QStringLiteral("c.roux"));
        QTRY_VERIFY_WITH_TIMEOUT(desk.welcomed, 20000);

        auto kiosk = kioskAt(QStringLiteral("19-allday"));
        kiosk->kiosk->session()->begin();
        HelpCall call(kiosk->kiosk.get());
        QCOMPARE(call.state(), HelpCall::Idle);
        call.call(QStringLiteral("guide"), QStringLiteral("caf"),
                  QStringLiteral("caf-declarer-ressources"),
                  QStringLiteral("Déclarer mes ressources"), 2);
        QCOMPARE(call.state(), HelpCall::Calling);
        QTRY_COMPARE_WITH_TIMEOUT(call.state(), HelpCall::Told, 20000);

        // The desk knows what it is about, and which kiosk; nothing of the resident.
        QTRY_COMPARE_WITH_TIMEOUT(desk.alerts.size(), 1, 20000);
        const QJsonObject alert = desk.first();
        QCOMPARE(alert.value("kiosk").toString(), QStringLiteral("borne-1"));
        QCOMPARE(alert.value("topic").toString(), QStringLiteral("guide"));
        QCOMPARE(alert.value("agency").toString(), QStringLiteral("caf"));
        QCOMPARE(alert.value("procedure").toString(), QStringLiteral("caf-declarer-ressources"));
        QCOMPARE(alert.value("title").toString(), QStringLiteral("Déclarer mes ressources"));
        QCOMPARE(alert.value("step").toInt(), 2);
        QCOMPARE(QStringList(alert.keys()),
                 QStringList({"agency", "alert", "kiosk", "procedure", "step", "taken_by", "title",
                              "topic", "waiting_s"}));

        // Asking again changes nothing: one call per resident.
        call.call(QStringLiteral("visit"));
        QTest::qWait(300);
        QCOMPARE(desk.alerts.size(), 1);

        desk.link.send({{QStringLiteral("type"), QStringLiteral("help_taken")},
                        {QStringLiteral("alert"), alert.value("alert")}});
        QTRY_COMPARE_WITH_TIMEOUT(call.state(), HelpCall::Coming, 20000);
        QCOMPARE(call.mediatorName(), QStringLiteral("Mme Roux"));
        QTRY_COMPARE_WITH_TIMEOUT(desk.first().value("taken_by").toString(),
                                  QStringLiteral("Mme Roux"), 20000);

        // The resident leaves: the desk forgets the call, the next resident starts afresh.
        kiosk->kiosk->session()->endSession();
        QTRY_VERIFY_WITH_TIMEOUT(desk.alerts.isEmpty(), 20000);
        QCOMPARE(call.state(), HelpCall::Idle);
        QVERIFY(call.mediatorName().isEmpty());
    }

    void noDeskIsOpen()
    {
        // Nobody is logged in at Bretenoux's desk.
        auto kiosk = kioskAt(QStringLiteral("46-bretenoux"));
        kiosk->kiosk->session()->begin();
        HelpCall call(kiosk->kiosk.get());
        call.call(QStringLiteral("visit"));
        QTRY_COMPARE_WITH_TIMEOUT(call.state(), HelpCall::Unreachable, 20000);
        // A desk that logs in then still sees it, and can answer.
        m_hub->addMediators({{QStringLiteral("46-bretenoux"), QStringLiteral("p.faure"),
                              QStringLiteral("M. Faure")}});
        Desk desk;
        desk.open(*m_hub, QStringLiteral("46-bretenoux"), QStringLiteral("p.faure"));
        QTRY_COMPARE_WITH_TIMEOUT(desk.alerts.size(), 1, 20000);
        QCOMPARE(desk.first().value("topic").toString(), QStringLiteral("visit"));
        desk.link.send({{QStringLiteral("type"), QStringLiteral("help_taken")},
                        {QStringLiteral("alert"), desk.first().value("alert")}});
        QTRY_COMPARE_WITH_TIMEOUT(call.state(), HelpCall::Coming, 20000);
        QCOMPARE(call.mediatorName(), QStringLiteral("M. Faure"));
    }

    void noHub()
    {
        // The hub is not there (the kiosk is offline): the answer comes at once, not after the
        // timeout, and no call is left pending.
        auto kiosk = std::make_unique<TestKiosk>(
            SessionController::Timing{},
            withVisio(QStringLiteral("19-allday"), m_hub->port() == 1 ? 2 : 1, m_hub->path()));
        kiosk->kiosk->session()->begin();
        HelpCall call(kiosk->kiosk.get());
        call.call(QStringLiteral("visit"));
        QTRY_COMPARE_WITH_TIMEOUT(call.state(), HelpCall::Unreachable,
                                  HelpCall::kAnswerTimeoutMs - 1000);
        // Without a video counter configured at all, the same.
        auto bare = std::make_unique<TestKiosk>(SessionController::Timing{},
                                                [](SiteConfig &config) { config.visio.reset(); });
        HelpCall offline(bare->kiosk.get());
        offline.call(QStringLiteral("visit"));
        QCOMPARE(offline.state(), HelpCall::Unreachable);
    }
};

QTEST_MAIN(TestHelpCall)
#include "tst_helpcall.moc"
