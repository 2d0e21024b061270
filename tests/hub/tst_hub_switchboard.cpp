// SPDX-License-Identifier: EUPL-1.2
// The switchboard's queue and call logic through an in-memory transport: queue order,
// positions and estimates, opening hours, callbacks, taking, one call per agent, relaying,
// hangup, the grace period, resume, rate limiting, isolation between sessions, and the kiosks'
// calls for their site's mediator.
#include "accountauthenticator.h"
#include "faketransport.h"
#include "hubconfig.h"
#include "hubstore.h"
#include "hubtestconfig.h"
#include "passwordhash.h"
#include "sessiontokens.h"
#include "switchboard.h"
#include "turncredentials.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace relais;
using namespace relais::hub;
using namespace relais::provisioning;
using namespace relais::hub::test;

namespace {

const QString kBretenoux = QStringLiteral("46-bretenoux");
const QString kAllDay = QStringLiteral("19-allday");

// Tuesday 24 November 2026, 10:00 in Bretenoux: the caf counter is open (09:00-12:00).
QDateTime tuesdayMorning()
{
    return QDateTime(QDate(2026, 11, 24), QTime(10, 0), QTimeZone("Europe/Paris")).toUTC();
}

QJsonObject m(std::initializer_list<std::pair<QString, QJsonValue>> fields)
{
    QJsonObject object;
    for (const auto &[key, value] : fields)
        object.insert(key, value);
    return object;
}

} // namespace

class TestSwitchboard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<HubStore> m_store;
    HubConfig m_config;
    std::unique_ptr<FakeTransport> m_transport;
    std::unique_ptr<Switchboard> m_board;
    QDateTime m_now;

    void build(const ConfigOptions &options = {})
    {
        m_board.reset();
        m_transport = std::make_unique<FakeTransport>();
        m_config = parseHubConfig(hubConfigJson(options), m_dir.path());
        m_board = std::make_unique<Switchboard>(m_config, *m_store, *m_transport);
        m_now = tuesdayMorning();
        m_board->setClock([this] { return m_now; });
    }

    ConnectionId kiosk(const QString &site, int number)
    {
        const ConnectionId id = m_transport->open();
        const QString kioskId = QStringLiteral("borne-%1").arg(number);
        m_transport->deliver(id, m({{"type", "hello"},
                                    {"protocol", 1},
                                    {"role", "kiosk"},
                                    {"site", site},
                                    {"kiosk", kioskId},
                                    {"token", kioskToken(site, kioskId)}}));
        return m_transport->last(id, QStringLiteral("welcome")).isEmpty() ? 0 : id;
    }

    ConnectionId agent(const QString &agency, const QString &login,
                       const QHostAddress &from = QHostAddress())
    {
        const ConnectionId id = m_transport->open(from);
        m_transport->deliver(id, m({{"type", "hello"},
                                    {"protocol", 1},
                                    {"role", "agent"},
                                    {"agency", agency},
                                    {"login", login},
                                    {"password", "password-" + login}}));
        const bool welcomed = QTest::qWaitFor(
            [&] { return !m_transport->last(id, QStringLiteral("welcome")).isEmpty(); }, 10000);
        return welcomed ? id : 0;
    }

    ConnectionId mediator(const QString &site, const QString &login,
                          const QString &password = QString())
    {
        const ConnectionId id = m_transport->open();
        m_transport->deliver(
            id, m({{"type", "hello"},
                   {"protocol", 1},
                   {"role", "mediator"},
                   {"site", site},
                   {"login", login},
                   {"password", password.isEmpty() ? "password-" + login : password}}));
        const bool answered = QTest::qWaitFor(
            [&] {
                return !m_transport->last(id, QStringLiteral("welcome")).isEmpty() ||
                       !error(id).isEmpty();
            },
            10000);
        return answered && error(id).isEmpty() ? id : 0;
    }

    // A hello as `role` "supervisor"; 0 when it was refused (its error stays in the inbox).
    ConnectionId supervisor(const QString &agency, const QString &login,
                            ConnectionId *refused = nullptr)
    {
        const ConnectionId id = m_transport->open();
        m_transport->deliver(id, m({{"type", "hello"},
                                    {"protocol", 1},
                                    {"role", "supervisor"},
                                    {"agency", agency},
                                    {"login", login},
                                    {"password", "password-" + login}}));
        const bool answered = QTest::qWaitFor(
            [&] {
                return !m_transport->last(id, QStringLiteral("welcome")).isEmpty() ||
                       !error(id).isEmpty();
            },
            10000);
        if (refused)
            *refused = id;
        return answered && error(id).isEmpty() ? id : 0;
    }

    QJsonArray alertsOf(ConnectionId desk)
    {
        return m_transport->last(desk, QStringLiteral("help_state")).value("alerts").toArray();
    }

    QJsonObject request(ConnectionId kiosk, const QString &agency)
    {
        m_transport->deliver(kiosk, m({{"type", "request"}, {"agency", agency}, {"id", "r"}}));
        const QList<QJsonObject> sent = m_transport->take(kiosk);
        return sent.isEmpty() ? QJsonObject() : sent.last();
    }

    QJsonObject error(ConnectionId id) { return m_transport->last(id, QStringLiteral("error")); }

    void settle()
    {
        QCoreApplication::processEvents();
        m_board->flushQueues();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString problem;
        m_store = HubStore::open(m_dir.filePath(QStringLiteral("hub.sqlite")), &problem);
        QVERIFY2(m_store, qPrintable(problem));
        for (const auto &[agency, login] :
             {std::pair{"caf", "m.durand"}, {"caf", "a.martin"}, {"cpam", "l.bernard"}})
            m_store->putAccount(AccountKind::Agent,
                                {QLatin1String(agency), QLatin1String(login),
                                 QStringLiteral("Conseiller %1").arg(QLatin1String(agency)),
                                 hashPassword(QByteArray("password-") + login)});
        m_store->putAccount(AccountKind::Agent, {QStringLiteral("caf"), QStringLiteral("s.garcia"),
                                                 QStringLiteral("Mme Garcia"),
                                                 hashPassword("password-s.garcia"), false, true});
        for (const auto &[site, login, name] : {std::tuple{"46-bretenoux", "c.roux", "Mme Roux"},
                                                {"46-bretenoux", "p.faure", "M. Faure"},
                                                {"19-allday", "j.lacombe", "Mme Lacombe"}})
            m_store->putAccount(AccountKind::Mediator,
                                {QLatin1String(site), QLatin1String(login), QLatin1String(name),
                                 hashPassword(QByteArray("password-") + login)});
    }

    // A resident's "J'ai besoin d'aide" reaches every desk of her site, and only hers; the
    // first "J'arrive" is passed back to her kiosk with the mediator's name; the alert goes
    // when the kiosk cancels it or disconnects.
    void helpReachesTheSitesMediators()
    {
        const ConnectionId roux = mediator(kBretenoux, "c.roux");
        const ConnectionId faure = mediator(kBretenoux, "p.faure");
        const ConnectionId lacombe = mediator(kAllDay, "j.lacombe");
        QVERIFY(roux && faure && lacombe);
        QCOMPARE(m_transport->last(roux, "welcome").value("role").toString(),
                 QStringLiteral("mediator"));
        QCOMPARE(m_transport->last(roux, "welcome").value("display_name").toString(),
                 QStringLiteral("Mme Roux"));
        QVERIFY(alertsOf(roux).isEmpty());
        QCOMPARE(m_transport->last(roux, "help_state").value("site").toString(), kBretenoux);

        const ConnectionId borne = kiosk(kBretenoux, 2);
        m_transport->deliver(borne, m({{"type", "help"},
                                       {"id", "h"},
                                       {"topic", "guide"},
                                       {"agency", "caf"},
                                       {"procedure", "caf-declarer-ressources"},
                                       {"title", "Déclarer mes ressources"},
                                       {"step", 3}}));
        const QJsonObject sent = m_transport->last(borne, "help_sent");
        QCOMPARE(sent.value("ref").toString(), QStringLiteral("h"));
        QCOMPARE(sent.value("mediators").toInt(), 2);
        const QString alert = sent.value("alert").toString();
        QVERIFY(isUuid(alert));
        for (const ConnectionId desk : {roux, faure}) {
            const QJsonArray alerts = alertsOf(desk);
            QCOMPARE(alerts.size(), 1);
            const QJsonObject a = alerts.first().toObject();
            QCOMPARE(a.value("alert").toString(), alert);
            QCOMPARE(a.value("kiosk").toString(), QStringLiteral("borne-2"));
            QCOMPARE(a.value("topic").toString(), QStringLiteral("guide"));
            QCOMPARE(a.value("agency").toString(), QStringLiteral("caf"));
            QCOMPARE(a.value("procedure").toString(), QStringLiteral("caf-declarer-ressources"));
            QCOMPARE(a.value("title").toString(), QStringLiteral("Déclarer mes ressources"));
            QCOMPARE(a.value("step").toInt(), 3);
            QVERIFY(a.value("taken_by").isNull());
        }
        QVERIFY(m_transport->ofType(lacombe, "help_state").size() == 1); // only its own at hello
        QVERIFY(alertsOf(lacombe).isEmpty());

        // A second call from the same kiosk is refused; the first stands.
        m_transport->deliver(borne, m({{"type", "help"}, {"topic", "visit"}}));
        QCOMPARE(error(borne).value("code").toString(), QStringLiteral("out_of_order"));
        QCOMPARE(alertsOf(roux).size(), 1);

        // Another site's mediator cannot answer it.
        m_transport->deliver(lacombe, m({{"type", "help_taken"}, {"alert", alert}}));
        QCOMPARE(error(lacombe).value("code").toString(), QStringLiteral("not_found"));
        QVERIFY(m_transport->last(borne, "help_coming").isEmpty());

        m_transport->deliver(faure, m({{"type", "help_taken"}, {"alert", alert}}));
        const QJsonObject coming = m_transport->last(borne, "help_coming");
        QCOMPARE(coming.value("alert").toString(), alert);
        QCOMPARE(coming.value("display_name").toString(), QStringLiteral("M. Faure"));
        QCOMPARE(alertsOf(roux).first().toObject().value("taken_by").toString(),
                 QStringLiteral("M. Faure"));

        // The kiosk ends it (the resident left).
        m_transport->deliver(borne, m({{"type", "help_cancel"}, {"alert", alert}, {"id", "c"}}));
        QCOMPARE(m_transport->last(borne, "help_cancelled").value("ref").toString(),
                 QStringLiteral("c"));
        QVERIFY(alertsOf(roux).isEmpty());
        QVERIFY(alertsOf(faure).isEmpty());

        // A kiosk that goes away takes its call along.
        const ConnectionId other = kiosk(kBretenoux, 1);
        m_transport->deliver(other, m({{"type", "help"}, {"topic", "visit"}}));
        QCOMPARE(alertsOf(roux).size(), 1);
        QCOMPARE(alertsOf(roux).first().toObject().value("topic").toString(),
                 QStringLiteral("visit"));
        m_transport->drop(other);
        QVERIFY(alertsOf(roux).isEmpty());
    }

    // A call made while no desk is open says so, and waits at the hub for a mediator to log in.
    void helpWaitsForADesk()
    {
        const ConnectionId borne = kiosk(kBretenoux, 1);
        m_transport->deliver(borne, m({{"type", "help"}, {"topic", "visit"}}));
        QCOMPARE(m_transport->last(borne, "help_sent").value("mediators").toInt(), 0);
        const ConnectionId roux = mediator(kBretenoux, "c.roux");
        QVERIFY(roux);
        QCOMPARE(alertsOf(roux).size(), 1);
        m_now = m_now.addSecs(90);
        m_transport->deliver(roux,
                             m({{"type", "help_taken"},
                                {"alert", alertsOf(roux).first().toObject().value("alert")}}));
        QCOMPARE(alertsOf(roux).first().toObject().value("waiting_s").toInt(), 90);
        QCOMPARE(m_transport->last(borne, "help_coming").value("display_name").toString(),
                 QStringLiteral("Mme Roux"));
    }

    void helpMessagesAreChecked_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("code");
        QTest::newRow("no topic") << "kiosk" << QByteArray(R"({"type":"help"})") << "bad_message";
        QTest::newRow("topic not an identifier")
            << "kiosk" << QByteArray(R"({"type":"help","topic":"Aide !"})") << "bad_message";
        QTest::newRow("step zero")
            << "kiosk" << QByteArray(R"({"type":"help","topic":"guide","step":0})")
            << "bad_message";
        QTest::newRow("step fraction")
            << "kiosk" << QByteArray(R"({"type":"help","topic":"guide","step":1.5})")
            << "bad_message";
        QTest::newRow("step text")
            << "kiosk" << QByteArray(R"({"type":"help","topic":"guide","step":"2"})")
            << "bad_message";
        QTest::newRow("title too long")
            << "kiosk"
            << QByteArray(R"({"type":"help","topic":"guide","title":")") + QByteArray(121, 'a') +
                   QByteArray(R"("})")
            << "bad_message";
        QTest::newRow("agent asks for help")
            << "agent" << QByteArray(R"({"type":"help","topic":"visit"})") << "out_of_order";
        QTest::newRow("mediator asks for help")
            << "mediator" << QByteArray(R"({"type":"help","topic":"visit"})") << "out_of_order";
        QTest::newRow("kiosk takes a call")
            << "kiosk"
            << QByteArray(R"({"type":"help_taken","alert":"0b7e7c35-1f9e-4a43-9d55-2f1d9a6d4c11"})")
            << "out_of_order";
        QTest::newRow("unknown alert")
            << "mediator"
            << QByteArray(R"({"type":"help_taken","alert":"0b7e7c35-1f9e-4a43-9d55-2f1d9a6d4c11"})")
            << "not_found";
        QTest::newRow("alert not a uuid")
            << "mediator" << QByteArray(R"({"type":"help_taken","alert":"42"})") << "bad_message";
        QTest::newRow("cancel another's")
            << "kiosk"
            << QByteArray(
                   R"({"type":"help_cancel","alert":"0b7e7c35-1f9e-4a43-9d55-2f1d9a6d4c11"})")
            << "not_found";
        QTest::newRow("mediator queues")
            << "mediator" << QByteArray(R"({"type":"request","agency":"caf"})") << "out_of_order";
        QTest::newRow("mediator takes")
            << "mediator" << QByteArray(R"({"type":"take"})") << "out_of_order";
    }

    // Bad or misplaced help messages are refused and change nothing.
    void helpMessagesAreChecked()
    {
        QFETCH(QString, who);
        QFETCH(QByteArray, frame);
        QFETCH(QString, code);
        const ConnectionId desk = mediator(kBretenoux, "p.faure");
        QVERIFY(desk);
        const ConnectionId sender = who == "kiosk"   ? kiosk(kBretenoux, 1)
                                    : who == "agent" ? agent("caf", "m.durand")
                                                     : desk;
        QVERIFY(sender);
        const qsizetype states = m_transport->ofType(desk, "help_state").size();
        m_transport->deliverRaw(sender, frame);
        QCOMPARE(error(sender).value("code").toString(), code);
        QVERIFY(!m_transport->closed.contains(sender));
        QCOMPARE(m_transport->ofType(desk, "help_state").size(), states);
        QVERIFY(alertsOf(desk).isEmpty());
    }

    void mediatorAuthentication_data()
    {
        QTest::addColumn<QString>("site");
        QTest::addColumn<QString>("login");
        QTest::addColumn<QString>("password");
        QTest::newRow("wrong password") << kBretenoux << "c.roux"
                                        << "password-p.faure";
        QTest::newRow("other site") << kAllDay << "c.roux"
                                    << "password-c.roux";
        QTest::newRow("agent's login") << kBretenoux << "m.durand"
                                       << "password-m.durand";
        QTest::newRow("unknown site") << "12-rodez"
                                      << "c.roux"
                                      << "password-c.roux";
    }

    void mediatorAuthentication()
    {
        QFETCH(QString, site);
        QFETCH(QString, login);
        QFETCH(QString, password);
        const ConnectionId id = m_transport->open();
        m_transport->deliver(id, m({{"type", "hello"},
                                    {"protocol", 1},
                                    {"role", "mediator"},
                                    {"site", site},
                                    {"login", login},
                                    {"password", password}}));
        QVERIFY(QTest::qWaitFor([&] { return !error(id).isEmpty(); }, 10000));
        QCOMPARE(error(id).value("code").toString(), QStringLiteral("unauthorized"));
        QVERIFY(m_transport->closed.contains(id));
        QVERIFY(m_transport->last(id, "help_state").isEmpty());
    }

    void init() { build(); }

    void cleanup()
    {
        m_board.reset();
        m_transport.reset();
    }

    void anythingBeforeHelloIsOutOfOrder()
    {
        const ConnectionId id = m_transport->open();
        m_transport->deliver(id, m({{"type", "request"}, {"agency", "caf"}, {"id", "7"}}));
        QCOMPARE(error(id).value("code").toString(), QStringLiteral("out_of_order"));
        QCOMPARE(error(id).value("ref").toString(), QStringLiteral("7"));
        QVERIFY(!error(id).contains("fatal"));
        QVERIFY(!m_transport->closed.contains(id));
        // Still able to say hello afterwards.
        m_transport->deliver(id, m({{"type", "hello"},
                                    {"protocol", 1},
                                    {"role", "kiosk"},
                                    {"site", kBretenoux},
                                    {"kiosk", "borne-1"},
                                    {"token", kioskToken(kBretenoux, "borne-1")}}));
        const QJsonObject welcome = m_transport->last(id, QStringLiteral("welcome"));
        QCOMPARE(welcome.value("role").toString(), QStringLiteral("kiosk"));
        QCOMPARE(welcome.value("protocol").toInt(), 1);
        QVERIFY(isUuid(welcome.value("connection").toString()));
        QVERIFY(welcome.value("server_time").toString().endsWith(QLatin1Char('Z')));
        m_transport->deliver(id, m({{"type", "hello"},
                                    {"protocol", 1},
                                    {"role", "kiosk"},
                                    {"site", kBretenoux},
                                    {"kiosk", "borne-1"},
                                    {"token", "x"}}));
        QCOMPARE(error(id).value("code").toString(), QStringLiteral("out_of_order"));
    }

    void kioskAuthentication_data()
    {
        QTest::addColumn<QString>("site");
        QTest::addColumn<QString>("kiosk");
        QTest::addColumn<QString>("token");
        QTest::newRow("wrong token") << kBretenoux << "borne-1"
                                     << "token-46-bretenoux-borne-2";
        QTest::newRow("unknown kiosk") << kBretenoux << "borne-9"
                                       << "token-46-bretenoux-borne-9";
        QTest::newRow("unknown site") << "12-rodez"
                                      << "borne-1"
                                      << "token-12-rodez-borne-1";
        QTest::newRow("other site's token") << kAllDay << "borne-1"
                                            << "token-46-bretenoux-borne-1";
    }

    void kioskAuthentication()
    {
        QFETCH(QString, site);
        QFETCH(QString, kiosk);
        QFETCH(QString, token);
        const ConnectionId id = m_transport->open();
        m_transport->deliver(id, m({{"type", "hello"},
                                    {"protocol", 1},
                                    {"role", "kiosk"},
                                    {"site", site},
                                    {"kiosk", kiosk},
                                    {"token", token}}));
        QCOMPARE(error(id).value("code").toString(), QStringLiteral("unauthorized"));
        QCOMPARE(error(id).value("fatal").toBool(), true);
        QVERIFY(m_transport->closed.contains(id));
        QCOMPARE(m_transport->closeCodes.value(id), kCloseAfterFatalError);
        QCOMPARE(m_transport->closeReasons.value(id), QStringLiteral("unauthorized"));
        // Nothing more is read from a connection being closed.
        m_transport->take(id);
        m_transport->deliver(id, m({{"type", "request"}, {"agency", "caf"}}));
        QVERIFY(m_transport->take(id).isEmpty());
    }

    void unsupportedProtocolIsFatal()
    {
        const ConnectionId id = m_transport->open();
        m_transport->deliver(id, m({{"type", "hello"}, {"protocol", 2}, {"role", "robot"}}));
        QCOMPARE(error(id).value("code").toString(), QStringLiteral("unsupported_protocol"));
        QVERIFY(m_transport->closed.contains(id));
        QCOMPARE(m_transport->closeCodes.value(id), kCloseAfterFatalError);
        QCOMPARE(m_transport->closeReasons.value(id), QStringLiteral("unsupported_protocol"));
    }

    void agentAuthentication()
    {
        const ConnectionId wrong = m_transport->open();
        m_transport->deliver(wrong, m({{"type", "hello"},
                                       {"protocol", 1},
                                       {"role", "agent"},
                                       {"agency", "caf"},
                                       {"login", "m.durand"},
                                       {"password", "password-a.martin"},
                                       {"id", "h"}}));
        // While the password is being checked the connection accepts nothing else.
        m_transport->deliver(wrong, m({{"type", "presence"}, {"state", "paused"}}));
        QCOMPARE(error(wrong).value("code").toString(), QStringLiteral("out_of_order"));
        QTRY_VERIFY_WITH_TIMEOUT(m_transport->closed.contains(wrong), 10000);
        QCOMPARE(error(wrong).value("code").toString(), QStringLiteral("unauthorized"));
        QCOMPARE(error(wrong).value("ref").toString(), QStringLiteral("h"));

        const ConnectionId otherAgency = m_transport->open();
        m_transport->deliver(otherAgency, m({{"type", "hello"},
                                             {"protocol", 1},
                                             {"role", "agent"},
                                             {"agency", "cpam"},
                                             {"login", "m.durand"},
                                             {"password", "password-m.durand"}}));
        QTRY_VERIFY_WITH_TIMEOUT(m_transport->closed.contains(otherAgency), 10000);

        const ConnectionId id = agent("caf", "m.durand");
        QVERIFY(id);
        const QList<QJsonObject> sent = m_transport->take(id);
        QCOMPARE(sent.size(), 2);
        QCOMPARE(sent[0].value("display_name").toString(), QStringLiteral("Conseiller caf"));
        QCOMPARE(sent[1].value("type").toString(), QStringLiteral("queue_state"));
        QCOMPARE(sent[1].value("agency").toString(), QStringLiteral("caf"));
    }

    // An agent's hello from `from` and what it got: its welcome or its error.
    QJsonObject agentHello(const QHostAddress &from, const QString &login, const QString &password)
    {
        const ConnectionId id = m_transport->open(from);
        m_transport->deliver(id, m({{"type", "hello"},
                                    {"protocol", 1},
                                    {"role", "agent"},
                                    {"agency", "caf"},
                                    {"login", login},
                                    {"password", password}}));
        const auto answered = [&] {
            return !error(id).isEmpty() || !m_transport->last(id, "welcome").isEmpty();
        };
        if (!QTest::qWaitFor(answered, 10000))
            return {};
        return error(id).isEmpty() ? m_transport->last(id, "welcome") : error(id);
    }

    // Guesses from one address are slowed (a growing wait before the next try of that account,
    // an early one refused unchecked, even with the right password), then refused for the
    // window; the whole address is refused after enough failures on any accounts. The adviser,
    // from her own address, logs in throughout.
    void passwordGuessesAreThrottledPerAddress()
    {
        const QHostAddress attacker(QStringLiteral("203.0.113.7"));
        const QHostAddress office(QStringLiteral("198.51.100.20"));
        const QString right = QStringLiteral("password-m.durand");
        const auto code = [](const QJsonObject &reply) {
            return reply.value("type").toString() == QLatin1String("welcome")
                       ? QStringLiteral("welcome")
                       : reply.value("code").toString();
        };
        for (int i = 0; i < Switchboard::kLoginLimits.freeFailures; ++i)
            QCOMPARE(code(agentHello(attacker, "m.durand", "guess")),
                     QStringLiteral("unauthorized"));
        qint64 delay = 1;
        for (int failures = Switchboard::kLoginLimits.freeFailures;
             failures < Switchboard::kLoginLimits.pairLimit; ++failures) {
            QTest::ignoreMessage(QtWarningMsg,
                                 QRegularExpression(QStringLiteral(
                                     "agent hello for agent/caf/m.durand from 203.0.113.7 "
                                     "throttled: recent failed logins")));
            const QJsonObject early = agentHello(attacker, "m.durand", right);
            QCOMPARE(code(early), QStringLiteral("throttled"));
            QCOMPARE(early.value("retry_after_s").toInt(), delay);
            QCOMPARE(early.value("fatal").toBool(), true);
            QCOMPARE(code(agentHello(office, "m.durand", right)), QStringLiteral("welcome"));
            m_now = m_now.addSecs(delay);
            QCOMPARE(code(agentHello(attacker, "m.durand", "guess")),
                     QStringLiteral("unauthorized"));
            delay = std::min<qint64>(delay * 2, Switchboard::kLoginLimits.maxDelayS);
        }
        // Refused for the window, whatever the password.
        m_now = m_now.addSecs(Switchboard::kLoginLimits.maxDelayS);
        const QJsonObject refused = agentHello(attacker, "m.durand", right);
        QCOMPARE(code(refused), QStringLiteral("throttled"));
        QCOMPARE(refused.value("retry_after_s").toInt(),
                 Switchboard::kLoginLimits.windowS - Switchboard::kLoginLimits.maxDelayS);
        QCOMPARE(code(agentHello(office, "m.durand", right)), QStringLiteral("welcome"));

        // Other accounts from there are still checked, until the address has failed too often.
        QCOMPARE(code(agentHello(attacker, "a.martin", "password-a.martin")),
                 QStringLiteral("welcome"));
        for (int i = Switchboard::kLoginLimits.pairLimit;
             i < Switchboard::kLoginLimits.addressLimit; ++i)
            QCOMPARE(code(agentHello(attacker, QStringLiteral("x%1").arg(i), "guess")),
                     QStringLiteral("unauthorized"));
        QCOMPARE(code(agentHello(attacker, "a.martin", "password-a.martin")),
                 QStringLiteral("throttled"));
        // Another address of the same IPv6 /64 is the same subscriber; another /64 is not.
        const QHostAddress v6(QStringLiteral("2001:db8:1:2::1"));
        for (int i = 0; i < Switchboard::kLoginLimits.addressLimit; ++i)
            QCOMPARE(code(agentHello(v6, QStringLiteral("y%1").arg(i), "guess")),
                     QStringLiteral("unauthorized"));
        QCOMPARE(code(agentHello(QHostAddress(QStringLiteral("2001:db8:1:2::99")), "a.martin",
                                 "password-a.martin")),
                 QStringLiteral("throttled"));
        QCOMPARE(code(agentHello(QHostAddress(QStringLiteral("2001:db8:1:3::1")), "a.martin",
                                 "password-a.martin")),
                 QStringLiteral("welcome"));
        QCOMPARE(code(agentHello(office, "m.durand", right)), QStringLiteral("welcome"));

        // The refusal is temporary.
        m_now = m_now.addSecs(Switchboard::kLoginLimits.windowS);
        QCOMPARE(code(agentHello(attacker, "m.durand", right)), QStringLiteral("welcome"));
    }

    // 800 wrong hellos at once once kept a real agent out for 25 s behind their password checks:
    // now one address has a few checks pending at a time and everyone together a bounded number;
    // the rest are refused at once as `busy` (not fatal: the connection may say hello again).
    void passwordChecksAreBounded()
    {
        const QHostAddress attacker(QStringLiteral("203.0.113.7"));
        const auto wrongHello = [this](ConnectionId id, const QString &login) {
            m_transport->deliver(id, m({{"type", "hello"},
                                        {"protocol", 1},
                                        {"role", "agent"},
                                        {"agency", "caf"},
                                        {"login", login},
                                        {"password", "guess"}}));
        };
        QList<ConnectionId> checked, busy;
        const auto sort = [&](ConnectionId id) {
            (error(id).value("code").toString() == QLatin1String("busy") ? busy : checked)
                .append(id);
        };
        for (int i = 0; i < 12; ++i) {
            const ConnectionId id = m_transport->open(attacker);
            wrongHello(id, "m.durand");
            sort(id);
        }
        QCOMPARE(busy.size(), 12 - AccountAuthenticator::kMaxPendingPerAddress);
        for (const ConnectionId id : std::as_const(busy)) {
            QCOMPARE(error(id).value("retry_after_s").toInt(), 1);
            QVERIFY(!error(id).value("fatal").toBool());
            QVERIFY(!m_transport->closed.contains(id));
            // The hub kept it waiting: the link's hello deadline starts again with each hello,
            // so fifty advisers behind one address are not cut off while they wait their turn.
            QCOMPARE(m_transport->hellosHeard.value(id), 1);
            wrongHello(id, "m.durand");
            QCOMPARE(m_transport->hellosHeard.value(id), 2);
            QCOMPARE(error(id).value("code").toString(), QStringLiteral("busy"));
        }
        busy.clear();
        QList<ConnectionId> spread;
        for (int i = 0; i < 40; ++i) {
            const ConnectionId id =
                m_transport->open(QHostAddress(QStringLiteral("10.0.0.%1").arg(i + 1)));
            wrongHello(id, "m.durand");
            sort(id);
            spread.append(id);
        }
        QCOMPARE(busy.size(), 40 - (AccountAuthenticator::kMaxPending -
                                    AccountAuthenticator::kMaxPendingPerAddress));
        // The checks drain; then the real agent logs in, and a busy connection may try again.
        for (const ConnectionId id : std::as_const(checked))
            QTRY_VERIFY_WITH_TIMEOUT(m_transport->closed.contains(id), 30000);
        QVERIFY(agent("caf", "m.durand", QHostAddress(QStringLiteral("198.51.100.20"))));
        const ConnectionId again = busy.last();
        m_transport->deliver(again, m({{"type", "hello"},
                                       {"protocol", 1},
                                       {"role", "agent"},
                                       {"agency", "caf"},
                                       {"login", "a.martin"},
                                       {"password", "password-a.martin"}}));
        QTRY_VERIFY_WITH_TIMEOUT(!m_transport->last(again, "welcome").isEmpty(), 10000);
    }

    // A kiosk holds one place in the queues whatever its connections. One that asks again on a
    // newer connection (its old link not yet noticed dead: it reconnected) keeps its place and
    // its request for the same agency; for another agency its old request goes. The older
    // connection is let go either way.
    void oneQueuePlacePerKiosk()
    {
        const ConnectionId a = agent("caf", "m.durand");
        QVERIFY(agent("cpam", "l.bernard"));
        const ConnectionId first = kiosk(kAllDay, 1);
        const ConnectionId other = kiosk(kAllDay, 2);
        const QString kept = request(first, "caf").value("request").toString();
        QVERIFY(isUuid(kept));
        QCOMPARE(request(other, "caf").value("position").toInt(), 2);

        const ConnectionId again = kiosk(kAllDay, 1);
        const QJsonObject queued = request(again, "caf");
        QCOMPARE(queued.value("type").toString(), QStringLiteral("queued"));
        QCOMPARE(queued.value("request").toString(), kept);
        QCOMPARE(queued.value("position").toInt(), 1);
        QCOMPARE(queued.value("ref").toString(), QStringLiteral("r"));
        QCOMPARE(m_board->waitingCount("caf"), 2);
        QVERIFY(m_transport->closed.contains(first));
        QCOMPARE(m_transport->closeCodes.value(first), kCloseTakenOver);
        // The older connection's end does not take the request with it.
        m_transport->drop(first);
        settle();
        QCOMPARE(m_board->waitingCount("caf"), 2);
        const QJsonArray waiting = m_transport->last(a, "queue_state").value("waiting").toArray();
        QCOMPARE(waiting.size(), 2);
        QCOMPARE(waiting[0].toObject().value("request").toString(), kept);
        // Taken, the call reaches the newer connection.
        m_transport->deliver(a, m({{"type", "take"}, {"request", kept}}));
        QCOMPARE(m_transport->last(again, "call").value("request").toString(), kept);

        // Another agency on a newer connection: the old request leaves the caf queue.
        const ConnectionId moved = kiosk(kAllDay, 2);
        const QJsonObject elsewhere = request(moved, "cpam");
        QCOMPARE(elsewhere.value("type").toString(), QStringLiteral("queued"));
        QCOMPARE(elsewhere.value("position").toInt(), 1);
        QCOMPARE(m_board->waitingCount("caf"), 0);
        QCOMPARE(m_board->waitingCount("cpam"), 1);
        QVERIFY(m_transport->closed.contains(other));
        // A kiosk's own second request on the same connection is still out of order.
        QCOMPARE(request(moved, "caf").value("code").toString(), QStringLiteral("out_of_order"));
    }

    // A kiosk has at most one open callback per agency (they name no person: a second is the
    // same call back to the site): asking again answers the open one's id, recording nothing
    // and sending the agents nothing. Another agency, or the same once closed, is recorded.
    void oneOpenCallbackPerKioskAndAgency()
    {
        const ConnectionId a = agent("caf", "m.durand");
        const ConnectionId k = kiosk(kAllDay, 3);
        m_transport->deliver(k, m({{"type", "callback"}, {"agency", "caf"}}));
        const QString first =
            m_transport->last(k, "callback_recorded").value("callback").toString();
        QVERIFY(isUuid(first));
        settle();
        const qsizetype statesBefore = m_transport->ofType(a, "queue_state").size();
        for (int i = 0; i < 20; ++i) // within the rate limit
            m_transport->deliver(k, m({{"type", "callback"}, {"agency", "caf"}, {"id", "again"}}));
        settle();
        const QJsonObject again = m_transport->last(k, "callback_recorded");
        QCOMPARE(again.value("callback").toString(), first);
        QCOMPARE(again.value("ref").toString(), QStringLiteral("again"));
        QCOMPARE(m_store->openCallbacks("caf").size(), 1);
        QCOMPARE(m_transport->ofType(a, "queue_state").size(), statesBefore);
        // From another connection of the same kiosk too.
        const ConnectionId k2 = kiosk(kAllDay, 3);
        m_transport->deliver(k2, m({{"type", "callback"}, {"agency", "caf"}}));
        QCOMPARE(m_transport->last(k2, "callback_recorded").value("callback").toString(), first);
        // Another agency is another callback; another kiosk of the site too.
        m_transport->deliver(k, m({{"type", "callback"}, {"agency", "cpam"}}));
        QVERIFY(m_transport->last(k, "callback_recorded").value("callback").toString() != first);
        const ConnectionId neighbour = kiosk(kAllDay, 1);
        m_transport->deliver(neighbour, m({{"type", "callback"}, {"agency", "caf"}}));
        QVERIFY(m_transport->last(neighbour, "callback_recorded").value("callback").toString() !=
                first);
        QCOMPARE(m_store->openCallbacks("caf").size(), 2);
        // Once the agency has called back, the kiosk may ask again.
        m_transport->deliver(a, m({{"type", "callback_done"}, {"callback", first}}));
        m_transport->deliver(k, m({{"type", "callback"}, {"agency", "caf"}}));
        const QString next = m_transport->last(k, "callback_recorded").value("callback").toString();
        QVERIFY(isUuid(next) && next != first);
        for (const CallbackRecord &open : m_store->openCallbacks("caf"))
            m_store->closeCallback(open.id, "caf", "test", m_now);
        for (const CallbackRecord &open : m_store->openCallbacks("cpam"))
            m_store->closeCallback(open.id, "cpam", "test", m_now);
    }

    // The hello of an agent or mediator holding a welcome's session token, and what it got.
    QJsonObject sessionHello(const QString &role, const QString &scope, const QString &login,
                             const QString &token, ConnectionId *connection = nullptr)
    {
        const ConnectionId id = m_transport->open();
        if (connection)
            *connection = id;
        m_transport->deliver(id, m({{"type", "hello"},
                                    {"protocol", 1},
                                    {"role", role},
                                    {role == "agent" ? "agency" : "site", scope},
                                    {"login", login},
                                    {"session", token}}));
        return error(id).isEmpty() ? m_transport->last(id, "welcome") : error(id);
    }

    // The welcome carries a session token, so that the console keeps it rather than the
    // password: a hello with it (a reload, a reconnection) is welcomed at once, for that account
    // only. `logout`, its expiry, five idle minutes without a connection (a closed tab), and
    // removing the account or changing its password end it.
    void sessionTokens()
    {
        m_store->putAccount(AccountKind::Agent, {"caf", "j.temp", "Conseiller temporaire",
                                                 hashPassword("password-j.temp")});
        const auto tokenOf = [this](ConnectionId id) {
            return m_transport->last(id, "welcome").value("session").toString();
        };
        ConnectionId first = agent("caf", "j.temp");
        const QString token = tokenOf(first);
        QCOMPARE(token.size(), 43);
        QCOMPARE(m_transport->last(first, "welcome").value("session_expires").toString(),
                 QStringLiteral("2026-11-24T21:00:00Z"));
        ConnectionId reload = 0;
        const QJsonObject welcomed = sessionHello("agent", "caf", "j.temp", token, &reload);
        QCOMPARE(welcomed.value("type").toString(), QStringLiteral("welcome"));
        QCOMPARE(welcomed.value("session").toString(), token);
        QCOMPARE(welcomed.value("display_name").toString(),
                 QStringLiteral("Conseiller temporaire"));
        QCOMPARE(m_transport->last(reload, "queue_state").value("agency").toString(),
                 QStringLiteral("caf"));
        // Another account's, a made-up one, a mediator's role: refused.
        QCOMPARE(sessionHello("agent", "caf", "m.durand", token).value("code").toString(),
                 QStringLiteral("unauthorized"));
        QCOMPARE(sessionHello("mediator", kBretenoux, "j.temp", token).value("code").toString(),
                 QStringLiteral("unauthorized"));
        QCOMPARE(sessionHello("agent", "caf", "j.temp", QString(43, QLatin1Char('A')))
                     .value("code")
                     .toString(),
                 QStringLiteral("unauthorized"));
        // Password and session together is a bad hello.
        const ConnectionId both = m_transport->open();
        m_transport->deliver(both, m({{"type", "hello"},
                                      {"protocol", 1},
                                      {"role", "agent"},
                                      {"agency", "caf"},
                                      {"login", "j.temp"},
                                      {"password", "password-j.temp"},
                                      {"session", token}}));
        QCOMPARE(error(both).value("code").toString(), QStringLiteral("bad_message"));

        // Logout revokes it: neither the reloaded connection's nor the first one's may come back.
        m_transport->deliver(reload, m({{"type", "logout"}, {"id", "bye"}}));
        QCOMPARE(m_transport->last(reload, "logged_out").value("ref").toString(),
                 QStringLiteral("bye"));
        QVERIFY(m_transport->closed.contains(reload));
        QCOMPARE(m_transport->closeCodes.value(reload), kCloseLoggedOut);
        QCOMPARE(sessionHello("agent", "caf", "j.temp", token).value("code").toString(),
                 QStringLiteral("unauthorized"));
        // A kiosk has nothing to log out of.
        const ConnectionId k = kiosk(kBretenoux, 1);
        m_transport->deliver(k, m({{"type", "logout"}}));
        QCOMPARE(error(k).value("code").toString(), QStringLiteral("out_of_order"));

        // Expired after its lifetime, even in use.
        first = agent("caf", "j.temp");
        const QString expiring = tokenOf(first);
        m_now = m_now.addSecs(SessionTokens::kLifetimeS);
        QCOMPARE(sessionHello("agent", "caf", "j.temp", expiring).value("code").toString(),
                 QStringLiteral("unauthorized"));

        // Idle: the tab closed, its token soon means nothing (a reload comes back in time).
        first = agent("caf", "j.temp");
        const QString idle = tokenOf(first);
        m_transport->drop(first);
        m_now = m_now.addSecs(SessionTokens::kIdleS - 1);
        ConnectionId back = 0;
        QCOMPARE(sessionHello("agent", "caf", "j.temp", idle, &back).value("type").toString(),
                 QStringLiteral("welcome"));
        m_transport->drop(back);
        m_now = m_now.addSecs(SessionTokens::kIdleS);
        QCOMPARE(sessionHello("agent", "caf", "j.temp", idle).value("code").toString(),
                 QStringLiteral("unauthorized"));

        // A changed password, or a removed account, ends its tokens.
        const QString beforeChange = tokenOf(agent("caf", "j.temp"));
        m_store->putAccount(AccountKind::Agent, {"caf", "j.temp", "Conseiller temporaire",
                                                 hashPassword("password-j.temp-2")});
        QCOMPARE(sessionHello("agent", "caf", "j.temp", beforeChange).value("code").toString(),
                 QStringLiteral("unauthorized"));
        m_store->putAccount(AccountKind::Agent, {"caf", "j.temp", "Conseiller temporaire",
                                                 hashPassword("password-j.temp")});
        const QString beforeRemoval = tokenOf(agent("caf", "j.temp"));
        QCOMPARE(sessionHello("agent", "caf", "j.temp", beforeRemoval).value("type").toString(),
                 QStringLiteral("welcome"));
        QVERIFY(m_store->removeAccount(AccountKind::Agent, "caf", "j.temp"));
        QCOMPARE(sessionHello("agent", "caf", "j.temp", beforeRemoval).value("code").toString(),
                 QStringLiteral("unauthorized"));

        // A mediator's too.
        const ConnectionId desk = mediator(kBretenoux, "c.roux");
        const QString deskToken = tokenOf(desk);
        QVERIFY(!deskToken.isEmpty());
        QCOMPARE(sessionHello("mediator", kBretenoux, "c.roux", deskToken).value("type").toString(),
                 QStringLiteral("welcome"));
    }

    void queueOrderPositionsAndEstimates()
    {
        const ConnectionId a = agent("caf", "m.durand");
        QVERIFY(a);
        QList<ConnectionId> kiosks;
        QStringList requests;
        for (int i = 1; i <= 3; ++i) {
            kiosks << kiosk(i == 2 ? kAllDay : kBretenoux, i);
            const QJsonObject queued = request(kiosks.last(), "caf");
            QCOMPARE(queued.value("type").toString(), QStringLiteral("queued"));
            QCOMPARE(queued.value("ref").toString(), QStringLiteral("r"));
            QCOMPARE(queued.value("position").toInt(), i);
            // Default call length 300 s, one available agent.
            QCOMPARE(queued.value("estimated_wait_s").toInt(), 300 * i);
            requests << queued.value("request").toString();
        }
        // The same account in a second browser tab is still one agent.
        QVERIFY(agent("caf", "m.durand"));
        settle();
        // Nobody's position or estimate changed: no queue message.
        for (ConnectionId k : kiosks)
            QVERIFY(m_transport->ofType(k, QStringLiteral("queue")).isEmpty());
        const QJsonArray waiting = m_transport->last(a, "queue_state").value("waiting").toArray();
        QCOMPARE(waiting.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(waiting[i].toObject().value("request").toString(), requests[i]);
        QCOMPARE(waiting[1].toObject().value("site").toString(), kAllDay);
        QCOMPARE(waiting[1].toObject().value("commune").toString(),
                 QStringLiteral("Argentat-sur-Dordogne"));
        QCOMPARE(waiting[0].toObject().value("help").toString(), QStringLiteral("visio"));
        QCOMPARE(waiting[0].toObject().value("waiting_s").toInt(), 0);
        m_now = m_now.addSecs(42);

        // A second available agent halves every estimate.
        const ConnectionId b = agent("caf", "a.martin");
        QVERIFY(b);
        settle();
        for (int i = 0; i < 3; ++i) {
            const QJsonObject update = m_transport->last(kiosks[i], "queue");
            QCOMPARE(update.value("request").toString(), requests[i]);
            QCOMPARE(update.value("position").toInt(), i + 1);
            QCOMPARE(update.value("estimated_wait_s").toInt(), 150 * (i + 1));
        }
        QCOMPARE(m_transport->last(b, "queue_state")
                     .value("waiting")
                     .toArray()[0]
                     .toObject()
                     .value("waiting_s")
                     .toInt(),
                 42);
        // A paused agent no longer counts.
        m_transport->deliver(b, m({{"type", "presence"}, {"state", "paused"}}));
        settle();
        QCOMPARE(m_transport->last(kiosks[0], "queue").value("estimated_wait_s").toInt(), 300);

        // The first leaves: the others move up.
        for (ConnectionId k : kiosks)
            m_transport->take(k);
        m_transport->deliver(kiosks[0], m({{"type", "leave"}, {"request", requests[0]}}));
        QCOMPARE(m_transport->last(kiosks[0], "left").value("request").toString(), requests[0]);
        settle();
        QCOMPARE(m_transport->last(kiosks[1], "queue").value("position").toInt(), 1);
        QCOMPARE(m_transport->last(kiosks[2], "queue").value("position").toInt(), 2);
        QCOMPARE(m_transport->last(kiosks[2], "queue").value("estimated_wait_s").toInt(), 600);
        QCOMPARE(m_transport->last(a, "queue_state").value("waiting").toArray().size(), 2);

        // A queued kiosk that disconnects leaves the queue too.
        m_transport->take(kiosks[2]);
        m_transport->drop(kiosks[1]);
        settle();
        QCOMPARE(m_board->waitingCount("caf"), 1);
        QCOMPARE(m_transport->last(kiosks[2], "queue").value("position").toInt(), 1);

        // Leaving twice, or with another's id, is not_found; requesting twice is out_of_order.
        m_transport->deliver(kiosks[0], m({{"type", "leave"}, {"request", requests[0]}}));
        QCOMPARE(error(kiosks[0]).value("code").toString(), QStringLiteral("not_found"));
        m_transport->deliver(kiosks[0], m({{"type", "leave"}, {"request", requests[2]}}));
        QCOMPARE(error(kiosks[0]).value("code").toString(), QStringLiteral("not_found"));
        QCOMPARE(m_board->waitingCount("caf"), 1);
        m_transport->deliver(kiosks[2], m({{"type", "request"}, {"agency", "caf"}}));
        QCOMPARE(error(kiosks[2]).value("code").toString(), QStringLiteral("out_of_order"));
        // An agent cannot queue, a kiosk cannot take.
        m_transport->deliver(a, m({{"type", "request"}, {"agency", "caf"}}));
        QCOMPARE(error(a).value("code").toString(), QStringLiteral("out_of_order"));
        m_transport->deliver(kiosks[2], m({{"type", "take"}}));
        QCOMPARE(error(kiosks[2]).value("code").toString(), QStringLiteral("out_of_order"));
    }

    void closedOutsideHours_data()
    {
        QTest::addColumn<QDateTime>("localTime");
        QTest::addColumn<QString>("agency");
        QTest::addColumn<QString>("nextOpening");
        const QTimeZone paris("Europe/Paris");
        QTest::newRow("monday, before tuesday")
            << QDateTime(QDate(2026, 11, 23), QTime(10, 0), paris) << "caf"
            << "2026-11-24T09:00:00+01:00";
        QTest::newRow("tuesday at noon, range over")
            << QDateTime(QDate(2026, 11, 24), QTime(12, 0), paris) << "caf"
            << "2026-11-26T13:30:00+01:00";
        QTest::newRow("thursday evening, next week")
            << QDateTime(QDate(2026, 11, 26), QTime(17, 30), paris) << "caf"
            << "2026-12-01T09:00:00+01:00";
        QTest::newRow("summer time offset")
            << QDateTime(QDate(2026, 7, 6), QTime(8, 0), paris) << "caf"
            << "2026-07-07T09:00:00+02:00";
        QTest::newRow("over the autumn change")
            << QDateTime(QDate(2026, 10, 23), QTime(9, 0), paris) << "caf"
            << "2026-10-27T09:00:00+01:00";
        QTest::newRow("counter without hours")
            << QDateTime(QDate(2026, 11, 24), QTime(10, 0), paris) << "dgfip" << QString();
    }

    void closedOutsideHours()
    {
        QFETCH(QDateTime, localTime);
        QFETCH(QString, agency);
        QFETCH(QString, nextOpening);
        QVERIFY(agent("caf", "m.durand"));
        m_now = localTime.toUTC();
        const ConnectionId k = kiosk(kBretenoux, 1);
        const QJsonObject closed = request(k, agency);
        QCOMPARE(closed.value("type").toString(), QStringLiteral("closed"));
        QCOMPARE(closed.value("ref").toString(), QStringLiteral("r"));
        QCOMPARE(closed.value("agency").toString(), agency);
        QCOMPARE(closed.value("callback_available").toBool(), true);
        if (nextOpening.isEmpty())
            QVERIFY(closed.value("next_opening").isNull());
        else
            QCOMPARE(closed.value("next_opening").toString(), nextOpening);
        QCOMPARE(m_board->waitingCount(agency), 0);
    }

    void openHoursNeedAPresentAgent()
    {
        const ConnectionId k = kiosk(kBretenoux, 1);
        // Within hours but no agent connected.
        QJsonObject reply = request(k, "caf");
        QCOMPARE(reply.value("type").toString(), QStringLiteral("closed"));
        QCOMPARE(reply.value("next_opening").toString(),
                 QStringLiteral("2026-11-26T13:30:00+01:00"));
        const ConnectionId a = agent("caf", "m.durand");
        m_transport->deliver(a, m({{"type", "presence"}, {"state", "offline"}}));
        QCOMPARE(request(k, "caf").value("type").toString(), QStringLiteral("closed"));
        // A paused agent is present: the resident may wait for the end of the pause.
        m_transport->deliver(a, m({{"type", "presence"}, {"state", "paused"}}));
        QCOMPARE(request(k, "caf").value("type").toString(), QStringLiteral("queued"));
        // An agency the site has no counter for.
        const ConnectionId other = kiosk(kBretenoux, 2);
        m_transport->deliver(other, m({{"type", "request"}, {"agency", "cpam"}}));
        QCOMPARE(error(other).value("code").toString(), QStringLiteral("unknown_agency"));
        m_transport->deliver(other, m({{"type", "callback"}, {"agency", "msa"}}));
        QCOMPARE(error(other).value("code").toString(), QStringLiteral("unknown_agency"));
    }

    void queueClosedWhenNoAgentRemains()
    {
        // The agent's return below includes checking her password, which a busy machine can
        // make slower than the usual short grace.
        ConfigOptions options;
        options.graceS = 2.0;
        build(options);
        const ConnectionId a = agent("caf", "m.durand");
        const ConnectionId k1 = kiosk(kBretenoux, 1);
        const ConnectionId k2 = kiosk(kBretenoux, 2);
        const QString r1 = request(k1, "caf").value("request").toString();
        QVERIFY(!r1.isEmpty());
        QCOMPARE(request(k2, "caf").value("type").toString(), QStringLiteral("queued"));
        // The agent's connection drops and comes back within the grace: nobody is sent away.
        m_transport->drop(a);
        settle();
        const ConnectionId back = agent("caf", "m.durand");
        QVERIFY(back);
        QTest::qWait(m_config.graceMs + 200);
        settle();
        QVERIFY(m_transport->last(k1, "closed").isEmpty());
        QCOMPARE(m_board->waitingCount("caf"), 2);
        // Now the agent goes offline for good: after the grace, both kiosks are told, with
        // when the counter next opens and the callback offered, and the queue is empty.
        m_transport->deliver(back, m({{"type", "presence"}, {"state", "offline"}}));
        settle();
        QVERIFY(m_transport->last(k1, "closed").isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!m_transport->last(k2, "closed").isEmpty(), 5000);
        const QJsonObject closed = m_transport->last(k1, "closed");
        QCOMPARE(closed.value("request").toString(), r1);
        QCOMPARE(closed.value("agency").toString(), QStringLiteral("caf"));
        QCOMPARE(closed.value("next_opening").toString(),
                 QStringLiteral("2026-11-26T13:30:00+01:00"));
        QCOMPARE(closed.value("callback_available").toBool(), true);
        QCOMPARE(m_board->waitingCount("caf"), 0);
        // The kiosks are free again: leaving the closed request is not found, a callback is.
        m_transport->deliver(k1, m({{"type", "leave"}, {"request", r1}}));
        QCOMPARE(error(k1).value("code").toString(), QStringLiteral("not_found"));
        m_transport->deliver(k1, m({{"type", "callback"}, {"agency", "caf"}}));
        const QString callback =
            m_transport->last(k1, "callback_recorded").value("callback").toString();
        QVERIFY(isUuid(callback));
        m_store->closeCallback(callback, "caf", "test", m_now); // the store is shared by cases
    }

    void callbacks()
    {
        const ConnectionId a = agent("caf", "m.durand");
        const ConnectionId c = agent("cpam", "l.bernard");
        const ConnectionId k1 = kiosk(kBretenoux, 1);
        const ConnectionId k2 = kiosk(kAllDay, 2);
        // A callback from a closed counter's kiosk, and one from a queued kiosk (which leaves).
        m_now = QDateTime(QDate(2026, 11, 23), QTime(10, 0), QTimeZone("Europe/Paris")).toUTC();
        m_transport->deliver(k1, m({{"type", "callback"}, {"agency", "dgfip"}, {"id", "cb"}}));
        const QJsonObject first = m_transport->last(k1, "callback_recorded");
        QCOMPARE(first.value("ref").toString(), QStringLiteral("cb"));
        QVERIFY(isUuid(first.value("callback").toString()));
        QCOMPARE(request(k2, "caf").value("type").toString(), QStringLiteral("queued"));
        QCOMPARE(m_board->waitingCount("caf"), 1);
        m_transport->deliver(k2, m({{"type", "callback"}, {"agency", "caf"}}));
        const QString second =
            m_transport->last(k2, "callback_recorded").value("callback").toString();
        QVERIFY(isUuid(second));
        QCOMPARE(m_board->waitingCount("caf"), 0);
        settle();

        const QJsonObject state = m_transport->last(a, "queue_state");
        QCOMPARE(state.value("waiting").toArray().size(), 0);
        const QJsonArray callbacks = state.value("callbacks").toArray();
        QCOMPARE(callbacks.size(), 1);
        const QJsonObject entry = callbacks[0].toObject();
        QCOMPARE(entry.value("callback").toString(), second);
        QCOMPARE(entry.value("site").toString(), kAllDay);
        QCOMPARE(entry.value("site_name").toString(), QStringLiteral("France Services d'Argentat"));
        QCOMPARE(entry.value("requested_at").toString(), QStringLiteral("2026-11-23T09:00:00Z"));
        // Only what the agency needs to call the site back: no person.
        QCOMPARE(entry.keys(),
                 (QStringList{"callback", "commune", "requested_at", "site", "site_name"}));
        // Recorded durably: the store has both.
        QCOMPARE(m_store->openCallbacks("caf").size(), 1);
        QCOMPARE(m_store->openCallbacks("dgfip").size(), 1);

        // Another agency's agent cannot close it; the right one can, once.
        m_transport->deliver(c, m({{"type", "callback_done"}, {"callback", second}}));
        QCOMPARE(error(c).value("code").toString(), QStringLiteral("not_found"));
        m_transport->deliver(a, m({{"type", "callback_done"}, {"callback", second}, {"id", "d"}}));
        QCOMPARE(m_transport->last(a, "callback_closed").value("callback").toString(), second);
        QCOMPARE(m_transport->last(a, "callback_closed").value("ref").toString(),
                 QStringLiteral("d"));
        settle();
        QCOMPARE(m_transport->last(a, "queue_state").value("callbacks").toArray().size(), 0);
        m_transport->deliver(a, m({{"type", "callback_done"}, {"callback", second}}));
        QCOMPARE(error(a).value("code").toString(), QStringLiteral("not_found"));
        // A kiosk cannot close callbacks.
        m_transport->deliver(k1,
                             m({{"type", "callback_done"}, {"callback", first.value("callback")}}));
        QCOMPARE(error(k1).value("code").toString(), QStringLiteral("out_of_order"));

        // Open callbacks survive a restart of the hub (a new switchboard on the same store).
        build();
        const ConnectionId again = agent("cpam", "l.bernard");
        QVERIFY(again);
        QCOMPARE(m_transport->last(again, "queue_state").value("callbacks").toArray().size(), 0);
        QCOMPARE(m_store->openCallbacks("dgfip").first().id, first.value("callback").toString());
        m_store->closeCallback(first.value("callback").toString(), "dgfip", "test", m_now);
    }

    // queue_state follows what the agent sees: requests joining, leaving or taken, callbacks
    // recorded or closed; never presence changes, agents coming and going, calls ending or
    // the waiting times growing.
    void queueStateOnlyWhenTheListChanges()
    {
        const auto count = [this](ConnectionId id) {
            return m_transport->ofType(id, QStringLiteral("queue_state")).size();
        };
        const ConnectionId a = agent("caf", "m.durand");
        QCOMPARE(count(a), 1);
        const ConnectionId b = agent("caf", "a.martin");
        const ConnectionId other = agent("cpam", "l.bernard");
        settle();
        for (const char *state : {"paused", "offline", "available"}) {
            m_transport->deliver(b, m({{"type", "presence"}, {"state", state}}));
            m_transport->deliver(a, m({{"type", "presence"}, {"state", state}}));
            settle();
        }
        m_transport->drop(other);
        settle();
        QCOMPARE(count(a), 1);
        QCOMPARE(count(b), 1);

        const ConnectionId k = kiosk(kAllDay, 1);
        const QString r = request(k, "caf").value("request").toString();
        settle();
        QCOMPARE(count(a), 2);
        QCOMPARE(count(b), 2);
        // Half a minute later, a pause: the kiosk's estimate changes, the list does not.
        m_now = m_now.addSecs(30);
        m_transport->deliver(b, m({{"type", "presence"}, {"state", "paused"}}));
        settle();
        QVERIFY(!m_transport->last(k, "queue").isEmpty());
        QCOMPARE(count(a), 2);
        // A newcomer gets the list with the time waited so far.
        const ConnectionId c = agent("caf", "a.martin");
        QCOMPARE(m_transport->last(c, "queue_state")
                     .value("waiting")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("waiting_s")
                     .toInt(),
                 30);
        settle();
        QCOMPARE(count(a), 2);

        m_transport->deliver(a, m({{"type", "take"}, {"request", r}}));
        const QString call = m_transport->last(a, "call").value("call").toString();
        settle();
        QCOMPARE(count(a), 3);
        QVERIFY(m_transport->last(a, "queue_state").value("waiting").toArray().isEmpty());
        m_now = m_now.addSecs(120);
        m_transport->deliver(a, m({{"type", "hangup"}, {"call", call}}));
        settle();
        QCOMPARE(count(a), 3);

        m_transport->deliver(k, m({{"type", "callback"}, {"agency", "caf"}}));
        const QString callback =
            m_transport->last(k, "callback_recorded").value("callback").toString();
        settle();
        QCOMPARE(count(a), 4);
        QCOMPARE(count(b), 4);
        m_transport->deliver(a, m({{"type", "callback_done"}, {"callback", callback}}));
        settle();
        QCOMPARE(count(a), 5);
        QCOMPARE(count(c), 4);
        settle();
        QCOMPARE(count(a), 5);
    }

    void takeOldestAndChosen()
    {
        const ConnectionId a = agent("caf", "m.durand");
        const ConnectionId b = agent("caf", "a.martin");
        QList<ConnectionId> kiosks;
        QStringList requests;
        for (int i = 1; i <= 3; ++i) {
            kiosks << kiosk(kAllDay, i);
            requests << request(kiosks.last(), "caf").value("request").toString();
        }
        m_now = m_now.addSecs(30);
        m_transport->deliver(a, m({{"type", "take"}, {"id", "t"}}));
        const QJsonObject agentCall = m_transport->last(a, "call");
        QCOMPARE(agentCall.value("request").toString(), requests[0]);
        QCOMPARE(agentCall.value("ref").toString(), QStringLiteral("t"));
        const QJsonObject kioskCall = m_transport->last(kiosks[0], "call");
        QCOMPARE(kioskCall.value("call").toString(), agentCall.value("call").toString());
        QVERIFY(isUuid(kioskCall.value("call").toString()));
        QCOMPARE(kioskCall.value("agency").toString(), QStringLiteral("caf"));
        QCOMPARE(kioskCall.value("peer").toObject(),
                 QJsonObject({{"role", "agent"}, {"display_name", "Conseiller caf"}}));
        QCOMPARE(agentCall.value("peer").toObject().value("role").toString(),
                 QStringLiteral("kiosk"));
        QCOMPARE(agentCall.value("peer").toObject().value("site").toString(), kAllDay);
        QCOMPARE(kioskCall.value("ice_transport_policy").toString(), QStringLiteral("all"));
        // TURN credentials: expiry one lifetime ahead, HMAC of the username.
        const QJsonArray servers = kioskCall.value("ice_servers").toArray();
        QCOMPARE(servers.size(), 2);
        QCOMPARE(servers[0].toObject().value("urls").toArray(), QJsonArray{"stun:turn.test:3478"});
        const QJsonObject turn = servers[1].toObject();
        const QString callId = kioskCall.value("call").toString();
        const qint64 expiry = m_now.toSecsSinceEpoch() + 3600;
        QCOMPARE(turn.value("username").toString(), QString::number(expiry) + ":" + callId);
        QCOMPARE(turn.value("credential").toString(),
                 turnCredential("north-of-the-dordogne-secret", callId, expiry).credential);

        // The other agent chooses the third request; the second moves to position 1.
        m_transport->deliver(b, m({{"type", "take"}, {"request", requests[2]}}));
        QCOMPARE(m_transport->last(b, "call").value("request").toString(), requests[2]);
        QCOMPARE(m_transport->last(kiosks[2], "call").value("request").toString(), requests[2]);
        settle();
        QCOMPARE(m_transport->last(kiosks[1], "queue").value("position").toInt(), 1);
        QVERIFY(m_transport->last(kiosks[1], "call").isEmpty());
        QCOMPARE(m_board->callCount(), 2);
        const QJsonArray waiting = m_transport->last(a, "queue_state").value("waiting").toArray();
        QCOMPARE(waiting.size(), 1);
        QCOMPARE(waiting[0].toObject().value("request").toString(), requests[1]);
        // A kiosk in a call cannot queue or leave its old request.
        m_transport->deliver(kiosks[0], m({{"type", "request"}, {"agency", "caf"}}));
        QCOMPARE(error(kiosks[0]).value("code").toString(), QStringLiteral("out_of_order"));
        m_transport->deliver(kiosks[0], m({{"type", "leave"}, {"request", requests[0]}}));
        QCOMPARE(error(kiosks[0]).value("code").toString(), QStringLiteral("not_found"));
    }

    // Why she calls, chosen on the kiosk: in the queue's row for every adviser of the agency,
    // then in the call's peer for the one who takes it; a skipped question leaves both empty.
    void whySheCallsReachesTheQueueAndTheCall()
    {
        const ConnectionId a = agent("caf", "m.durand");
        const ConnectionId b = agent("caf", "a.martin");
        const ConnectionId first = kiosk(kAllDay, 1);
        m_transport->deliver(first, m({{"type", "request"},
                                       {"agency", "caf"},
                                       {"procedure", "caf-attestation-paiement"},
                                       {"title", "Obtenir une attestation de paiement"}}));
        const ConnectionId second = kiosk(kAllDay, 2);
        request(second, "caf");
        settle();
        for (const ConnectionId desk : {a, b}) {
            const QJsonArray rows =
                m_transport->last(desk, "queue_state").value("waiting").toArray();
            QCOMPARE(rows.size(), 2);
            QCOMPARE(rows[0].toObject().value("procedure").toString(),
                     QStringLiteral("caf-attestation-paiement"));
            QCOMPARE(rows[0].toObject().value("title").toString(),
                     QStringLiteral("Obtenir une attestation de paiement"));
            QCOMPARE(rows[1].toObject().value("procedure").toString(), QString());
            QCOMPARE(rows[1].toObject().value("title").toString(), QString());
        }
        m_transport->deliver(a, m({{"type", "take"}}));
        const QJsonObject peer = m_transport->last(a, "call").value("peer").toObject();
        QCOMPARE(peer.value("procedure").toString(), QStringLiteral("caf-attestation-paiement"));
        QCOMPARE(peer.value("title").toString(),
                 QStringLiteral("Obtenir une attestation de paiement"));
        // The kiosk is told nothing of it (it knows), and an odd reason is refused.
        QVERIFY(!m_transport->last(first, "call").value("peer").toObject().contains("title"));
        const ConnectionId third = kiosk(kAllDay, 3);
        m_transport->deliver(
            third, m({{"type", "request"}, {"agency", "caf"}, {"procedure", "Pas Un Id"}}));
        QCOMPARE(error(third).value("code").toString(), QStringLiteral("bad_message"));
        m_transport->deliver(
            third, m({{"type", "request"}, {"agency", "caf"}, {"title", QString(121, 'x')}}));
        QCOMPARE(error(third).value("code").toString(), QStringLiteral("bad_message"));
    }

    // "Je suis à vous dans 5 minutes": an adviser's ready word, or a short text of her own,
    // reaches the waiting kiosk it names and no other; colleagues see it said on the row.
    void wordsReachTheWaitingKiosk()
    {
        const ConnectionId a = agent("caf", "m.durand");
        const ConnectionId b = agent("caf", "a.martin");
        const ConnectionId other = agent("cpam", "l.bernard");
        const QJsonArray ready = m_transport->last(a, "welcome").value("ready_words").toArray();
        QCOMPARE(ready.size(), qsizetype(readyWords().size()));
        QCOMPARE(ready[1].toObject().value("word").toString(), QStringLiteral("wait_5"));
        QCOMPARE(ready[1].toObject().value("text").toString(),
                 QStringLiteral("Je suis à vous dans 5 minutes."));
        const ConnectionId first = kiosk(kAllDay, 1);
        const ConnectionId second = kiosk(kAllDay, 2);
        const QString request1 = request(first, "caf").value("request").toString();
        const QString request2 = request(second, "caf").value("request").toString();

        m_transport->deliver(
            a, m({{"type", "word"}, {"id", "w"}, {"request", request2}, {"word", "wait_5"}}));
        QCOMPARE(m_transport->last(a, "word_sent").value("ref").toString(), QStringLiteral("w"));
        const QJsonObject word = m_transport->last(second, "word");
        QCOMPARE(word.value("request").toString(), request2);
        QCOMPARE(word.value("word").toString(), QStringLiteral("wait_5"));
        QCOMPARE(word.value("text").toString(), QStringLiteral("Je suis à vous dans 5 minutes."));
        QCOMPARE(word.value("display_name").toString(), QStringLiteral("Conseiller caf"));
        QVERIFY(m_transport->last(first, "word").isEmpty());
        settle();
        const QJsonArray rows = m_transport->last(b, "queue_state").value("waiting").toArray();
        QCOMPARE(rows[1].toObject().value("said").toString(),
                 QStringLiteral("Je suis à vous dans 5 minutes."));
        QCOMPARE(rows[0].toObject().value("said").toString(), QString());

        // Her own words, tidied; the kiosk gets no "word" code to translate.
        m_transport->deliver(b, m({{"type", "word"},
                                   {"request", request1},
                                   {"text", "  Un instant,\n je finis un appel. "}}));
        const QJsonObject own = m_transport->last(first, "word");
        QCOMPARE(own.value("text").toString(), QStringLiteral("Un instant, je finis un appel."));
        QVERIFY(!own.contains("word"));

        // Wrong ones change nothing: another agency's request, a word not in the list, both
        // kinds at once, an empty or overlong text, a kiosk that speaks as an adviser.
        const qsizetype before = m_transport->inbox[second].size();
        m_transport->deliver(other, m({{"type", "word"}, {"request", request2}, {"word", "soon"}}));
        QCOMPARE(error(other).value("code").toString(), QStringLiteral("not_found"));
        for (const QJsonObject &bad :
             {m({{"type", "word"}, {"request", request2}, {"word", "sorry"}}),
              m({{"type", "word"}, {"request", request2}, {"word", "soon"}, {"text", "Bonjour"}}),
              m({{"type", "word"}, {"request", request2}}),
              m({{"type", "word"}, {"request", request2}, {"text", "   "}}),
              m({{"type", "word"},
                 {"request", request2},
                 {"text", QString(kMaxWordText + 1, 'a')}}),
              m({{"type", "word"}, {"request", "not-a-uuid"}, {"word", "soon"}})}) {
            const qsizetype errors = m_transport->ofType(a, "error").size();
            m_transport->deliver(a, bad);
            QCOMPARE(m_transport->ofType(a, "error").size(), errors + 1);
            QCOMPARE(error(a).value("code").toString(), QStringLiteral("bad_message"));
        }
        m_transport->deliver(first, m({{"type", "word"}, {"request", request2}, {"word", "soon"}}));
        QCOMPARE(error(first).value("code").toString(), QStringLiteral("out_of_order"));
        QCOMPARE(m_transport->inbox[second].size(), before);
        // Once taken, the request is no longer waiting: a late word is not_found.
        m_transport->deliver(a, m({{"type", "take"}, {"request", request2}}));
        m_transport->deliver(b, m({{"type", "word"}, {"request", request2}, {"word", "soon"}}));
        QCOMPARE(error(b).value("code").toString(), QStringLiteral("not_found"));
    }

    // An adviser passes the resident on: to a named colleague (the row is theirs, the others'
    // "next" skips it) or to another agency's queue, at its head, the reason kept; the kiosk
    // hears `transferred` instead of `ended`, the adviser's call ends.
    void transferToAColleagueAndToAnotherAgency()
    {
        const ConnectionId durand = agent("caf", "m.durand");
        const ConnectionId martin = agent("caf", "a.martin");
        const ConnectionId bernard = agent("cpam", "l.bernard");
        const ConnectionId resident = kiosk(kAllDay, 1);
        m_transport->deliver(resident, m({{"type", "request"},
                                          {"agency", "caf"},
                                          {"procedure", "caf-attestation-paiement"},
                                          {"title", "Avoir une attestation de paiement"}}));
        const ConnectionId walkIn = kiosk(kAllDay, 2);
        m_transport->deliver(durand, m({{"type", "take"}}));
        const QString first = m_transport->last(durand, "call").value("call").toString();
        request(walkIn, "caf");

        // Where to: the site's other open counters and the colleagues present.
        m_transport->deliver(durand,
                             m({{"type", "transfer_options"}, {"call", first}, {"id", "o"}}));
        const QJsonObject options = m_transport->last(durand, "transfer_options");
        QCOMPARE(options.value("ref").toString(), QStringLiteral("o"));
        QCOMPARE(options.value("agencies").toArray(),
                 QJsonArray({QJsonObject{{"agency", "cpam"}, {"open", true}}}));
        const QJsonArray colleagues = options.value("colleagues").toArray();
        QCOMPARE(colleagues.size(), 1);
        QCOMPARE(colleagues[0].toObject().value("login").toString(), QStringLiteral("a.martin"));
        QCOMPARE(colleagues[0].toObject().value("state").toString(), QStringLiteral("available"));

        // To a colleague: ahead of the walk-in, for a.martin only when taking "the next".
        m_transport->deliver(
            durand, m({{"type", "transfer"}, {"call", first}, {"login", "a.martin"}, {"id", "t"}}));
        const QJsonObject ended = m_transport->last(durand, "ended");
        QCOMPARE(ended.value("reason").toString(), QStringLiteral("transferred"));
        QCOMPARE(ended.value("ref").toString(), QStringLiteral("t"));
        QVERIFY(m_transport->last(resident, "ended").isEmpty());
        const QJsonObject moved = m_transport->last(resident, "transferred");
        QCOMPARE(moved.value("call").toString(), first);
        QCOMPARE(moved.value("agency").toString(), QStringLiteral("caf"));
        QCOMPARE(moved.value("position").toInt(), 1);
        settle();
        QJsonArray rows = m_transport->last(martin, "queue_state").value("waiting").toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].toObject().value("request").toString(), moved.value("request").toString());
        QCOMPARE(rows[0].toObject().value("reserved_for").toString(), QStringLiteral("a.martin"));
        QCOMPARE(rows[0].toObject().value("transferred_by").toString(),
                 QStringLiteral("Conseiller caf"));
        QCOMPARE(rows[0].toObject().value("title").toString(),
                 QStringLiteral("Avoir une attestation de paiement"));
        QCOMPARE(m_transport->last(walkIn, "queue").value("position").toInt(), 2);
        m_transport->deliver(durand, m({{"type", "take"}}));
        QVERIFY(m_transport->last(walkIn, "call").isEmpty() ==
                false); // durand's next is the walk-in
        m_transport->deliver(martin, m({{"type", "take"}}));
        const QJsonObject second = m_transport->last(martin, "call");
        QCOMPARE(second.value("request").toString(), moved.value("request").toString());
        QCOMPARE(m_transport->last(resident, "call").value("call").toString(),
                 second.value("call").toString());
        QCOMPARE(second.value("peer").toObject().value("title").toString(),
                 QStringLiteral("Avoir une attestation de paiement"));

        // To another agency: its queue's head; the CAF's adviser is free again.
        const QString secondCall = second.value("call").toString();
        m_transport->deliver(martin,
                             m({{"type", "transfer"}, {"call", secondCall}, {"agency", "cpam"}}));
        QCOMPARE(m_transport->last(resident, "transferred").value("agency").toString(),
                 QStringLiteral("cpam"));
        settle();
        rows = m_transport->last(bernard, "queue_state").value("waiting").toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].toObject().value("reserved_for").toString(), QString());
        QCOMPARE(m_board->callCount(), 1); // durand's with the walk-in
        m_transport->deliver(bernard, m({{"type", "take"}}));
        QVERIFY(!m_transport->last(resident, "call").isEmpty());
        QCOMPARE(m_transport->last(resident, "call").value("agency").toString(),
                 QStringLiteral("cpam"));
    }

    // A transfer that cannot be made changes nothing: the call goes on.
    void transferRefusals()
    {
        const ConnectionId durand = agent("caf", "m.durand");
        const ConnectionId resident = kiosk(kAllDay, 1);
        request(resident, "caf");
        m_transport->deliver(durand, m({{"type", "take"}}));
        const QString call = m_transport->last(durand, "call").value("call").toString();
        const auto refused = [&](const QJsonObject &message, const char *code) {
            const qsizetype errors = m_transport->ofType(durand, "error").size();
            m_transport->deliver(durand, message);
            return m_transport->ofType(durand, "error").size() == errors + 1 &&
                   error(durand).value("code").toString() == QLatin1String(code);
        };
        QVERIFY(refused(m({{"type", "transfer"}, {"call", call}, {"agency", "dgfip"}}),
                        "unknown_agency"));
        QVERIFY(refused(m({{"type", "transfer"}, {"call", call}, {"login", "a.martin"}}),
                        "unavailable"));
        QVERIFY(refused(m({{"type", "transfer"}, {"call", call}, {"login", "m.durand"}}),
                        "bad_message"));
        QVERIFY(refused(m({{"type", "transfer"}, {"call", call}}), "bad_message"));
        QVERIFY(refused(
            m({{"type", "transfer"}, {"call", call}, {"agency", "cpam"}, {"login", "a.martin"}}),
            "bad_message"));
        QVERIFY(refused(m({{"type", "transfer"}, {"call", call}, {"agency", "cpam"}}),
                        "unavailable")); // nobody at the CPAM
        QVERIFY(refused(m({{"type", "transfer"}, {"call", newUuid()}, {"agency", "caf"}}),
                        "not_found"));
        m_transport->deliver(resident,
                             m({{"type", "transfer"}, {"call", call}, {"agency", "cpam"}}));
        QCOMPARE(error(resident).value("code").toString(), QStringLiteral("out_of_order"));
        QCOMPARE(m_board->callCount(), 1);
        QVERIFY(m_transport->last(resident, "transferred").isEmpty());
        QVERIFY(m_transport->last(durand, "ended").isEmpty());
    }

    // After a call, its adviser (and nobody else) says once how it ended, from the list in
    // the welcome; the store keeps it, anonymous, to be sent to the observatory. A call passed
    // on is not wrapped up by the one who passed it.
    void wrapUpAfterTheCall()
    {
        const ConnectionId durand = agent("caf", "m.durand");
        const ConnectionId martin = agent("caf", "a.martin");
        const QJsonArray offered =
            m_transport->last(durand, "welcome").value("wrap_up_outcomes").toArray();
        QStringList codes;
        for (const QJsonValue &outcome : offered)
            codes << outcome.toObject().value("outcome").toString();
        QCOMPARE(codes,
                 QStringList({"resolved", "recontact", "front_desk", "appointment", "other"}));
        QCOMPARE(offered[3].toObject().value("text").toString(),
                 QStringLiteral("Rendez-vous pris"));

        const ConnectionId resident = kiosk(kAllDay, 1);
        request(resident, "caf");
        m_transport->deliver(durand, m({{"type", "take"}}));
        const QString call = m_transport->last(durand, "call").value("call").toString();
        const auto refused = [&](ConnectionId who, const QJsonObject &message, const char *code) {
            const qsizetype errors = m_transport->ofType(who, "error").size();
            m_transport->deliver(who, message);
            return m_transport->ofType(who, "error").size() == errors + 1 &&
                   error(who).value("code").toString() == QLatin1String(code);
        };
        // Not while the call goes on.
        QVERIFY(refused(durand, m({{"type", "wrap_up"}, {"call", call}, {"outcome", "resolved"}}),
                        "not_found"));
        m_transport->deliver(resident, m({{"type", "hangup"}, {"call", call}}));
        QVERIFY(refused(durand, m({{"type", "wrap_up"}, {"call", call}, {"outcome", "won"}}),
                        "bad_message"));
        QVERIFY(refused(durand, m({{"type", "wrap_up"}, {"call", call}}), "bad_message"));
        QVERIFY(refused(martin, m({{"type", "wrap_up"}, {"call", call}, {"outcome", "resolved"}}),
                        "not_found"));
        QVERIFY(refused(resident, m({{"type", "wrap_up"}, {"call", call}, {"outcome", "resolved"}}),
                        "out_of_order"));
        QVERIFY(m_store->unsentCallOutcomes(10).isEmpty());

        QSignalSpy stored(m_board.get(), &Switchboard::callOutcomeStored);
        m_transport->deliver(
            durand,
            m({{"type", "wrap_up"}, {"call", call}, {"outcome", "appointment"}, {"id", "w"}}));
        QCOMPARE(m_transport->last(durand, "wrap_up_saved"),
                 QJsonObject({{"type", "wrap_up_saved"},
                              {"call", call},
                              {"outcome", "appointment"},
                              {"ref", "w"}}));
        QCOMPARE(stored.size(), 1);
        const QList<CallOutcomeRecord> kept = m_store->unsentCallOutcomes(10);
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept[0].agency, QStringLiteral("caf"));
        QCOMPARE(kept[0].site, kAllDay);
        QCOMPARE(kept[0].outcome, QStringLiteral("appointment"));
        QCOMPARE(kept[0].day, m_now.toTimeZone(QTimeZone("Europe/Paris")).date());
        // Once only.
        QVERIFY(refused(durand, m({{"type", "wrap_up"}, {"call", call}, {"outcome", "resolved"}}),
                        "not_found"));
        QCOMPARE(m_store->unsentCallOutcomes(10).size(), 1);

        // Passed on: the first adviser has nothing to wrap up; the colleague who ends it has.
        request(resident, "caf");
        m_transport->deliver(durand, m({{"type", "take"}}));
        const QString passed = m_transport->last(durand, "call").value("call").toString();
        m_transport->deliver(durand,
                             m({{"type", "transfer"}, {"call", passed}, {"login", "a.martin"}}));
        QVERIFY(refused(durand, m({{"type", "wrap_up"}, {"call", passed}, {"outcome", "other"}}),
                        "not_found"));
        m_transport->deliver(martin, m({{"type", "take"}}));
        const QString taken = m_transport->last(martin, "call").value("call").toString();
        m_transport->deliver(martin, m({{"type", "hangup"}, {"call", taken}}));
        // Too late after kWrapUpHours.
        m_now = m_now.addSecs(Switchboard::kWrapUpHours * 3600 + 1);
        QVERIFY(refused(martin, m({{"type", "wrap_up"}, {"call", taken}, {"outcome", "other"}}),
                        "not_found"));
        QCOMPARE(m_store->unsentCallOutcomes(10).size(), 1);

        // Sent: no longer waiting.
        m_store->markCallOutcomesSent({kept[0].id}, m_now);
        QVERIFY(m_store->unsentCallOutcomes(10).isEmpty());
    }

    // An agency's supervisor sees its whole counter and takes no part in it: the queue, each
    // adviser's state and call, the day's answered calls with their waits, abandons and
    // callbacks. Only an account opened to supervision gets in, and only its agency's.
    void supervisorSeesTheWholeCounter()
    {
        ConnectionId refused = 0;
        QCOMPARE(supervisor("caf", "m.durand", &refused), ConnectionId(0));
        QCOMPARE(error(refused).value("code").toString(), QStringLiteral("unauthorized"));
        QCOMPARE(supervisor("cpam", "s.garcia", &refused), ConnectionId(0));
        const ConnectionId garcia = supervisor("caf", "s.garcia");
        QVERIFY(garcia != 0);
        QCOMPARE(m_transport->last(garcia, "welcome").value("role").toString(),
                 QStringLiteral("supervisor"));
        QJsonObject state = m_transport->last(garcia, "counter_state");
        QCOMPARE(state.value("agency").toString(), QStringLiteral("caf"));
        QCOMPARE(state.value("advisers").toArray().size(), 0);
        QCOMPARE(state.value("today").toObject().value("answered").toInt(), 0);
        QVERIFY(state.value("today").toObject().value("wait_median_s").isNull());

        // Not an agent: no call, and a counter with only a supervisor has nobody to answer.
        const ConnectionId resident = kiosk(kAllDay, 1);
        QCOMPARE(request(resident, "caf").value("type").toString(), QStringLiteral("closed"));
        m_transport->deliver(garcia, m({{"type", "take"}}));
        QCOMPARE(error(garcia).value("code").toString(), QStringLiteral("out_of_order"));
        m_transport->deliver(garcia, m({{"type", "presence"}, {"state", "available"}}));
        QCOMPARE(error(garcia).value("code").toString(), QStringLiteral("out_of_order"));

        const ConnectionId durand = agent("caf", "m.durand");
        const ConnectionId martin = agent("caf", "a.martin");
        m_transport->deliver(martin, m({{"type", "presence"}, {"state", "paused"}}));
        request(resident, "caf");
        const ConnectionId second = kiosk(kAllDay, 2);
        request(second, "caf");
        const ConnectionId third = kiosk(kAllDay, 3);
        request(third, "caf");
        settle();
        state = m_transport->last(garcia, "counter_state");
        QCOMPARE(state.value("waiting").toArray().size(), 3);
        const QJsonArray advisers = state.value("advisers").toArray();
        QCOMPARE(advisers.size(), 2);
        QCOMPARE(advisers[0].toObject().value("login").toString(), QStringLiteral("a.martin"));
        QCOMPARE(advisers[0].toObject().value("state").toString(), QStringLiteral("paused"));
        QCOMPARE(advisers[1].toObject().value("state").toString(), QStringLiteral("available"));

        // Waits of 60 s and 300 s answered, one resident gone, one callback.
        m_now = m_now.addSecs(60);
        m_transport->deliver(durand, m({{"type", "take"}}));
        const QString call = m_transport->last(durand, "call").value("call").toString();
        m_now = m_now.addSecs(240);
        m_transport->deliver(second, m({{"type", "callback"}, {"agency", "caf"}}));
        m_transport->drop(third);
        settle();
        state = m_transport->last(garcia, "counter_state");
        QCOMPARE(state.value("waiting").toArray().size(), 0);
        const QJsonObject inCall = state.value("advisers").toArray()[1].toObject();
        QCOMPARE(inCall.value("state").toString(), QStringLiteral("in_call"));
        QCOMPARE(QDateTime::fromString(inCall.value("call_started_at").toString(), Qt::ISODate),
                 m_now.addSecs(-240));
        QJsonObject today = state.value("today").toObject();
        QCOMPARE(today.value("answered").toInt(), 1);
        QCOMPARE(today.value("wait_median_s").toInt(), 60);
        QCOMPARE(today.value("abandoned").toInt(), 1);
        QCOMPARE(today.value("callbacks").toInt(), 1);

        m_transport->deliver(durand, m({{"type", "hangup"}, {"call", call}}));
        const ConnectionId fourth = kiosk(kAllDay, 2);
        request(fourth, "caf");
        m_now = m_now.addSecs(300);
        m_transport->deliver(durand, m({{"type", "take"}}));
        settle();
        today = m_transport->last(garcia, "counter_state").value("today").toObject();
        QCOMPARE(today.value("answered").toInt(), 2);
        QCOMPARE(today.value("wait_median_s").toInt(), 60);
        QCOMPARE(today.value("wait_p90_s").toInt(), 300);

        // Another agency's counter is not sent to this one's supervisor.
        const qsizetype states = m_transport->ofType(garcia, "counter_state").size();
        const ConnectionId bernard = agent("cpam", "l.bernard");
        QVERIFY(bernard != 0);
        settle();
        QCOMPARE(m_transport->ofType(garcia, "counter_state").size(), states);

        // An account no longer open to supervision is let go (the command line writes the
        // store from another process: here another connection to the same file).
        QString problem;
        const auto commandLine =
            HubStore::open(m_dir.filePath(QStringLiteral("hub.sqlite")), &problem);
        QVERIFY2(commandLine, qPrintable(problem));
        const qsizetype errors = m_transport->ofType(garcia, "error").size();
        Account demoted = *commandLine->account(AccountKind::Agent, "caf", "s.garcia");
        demoted.supervisor = false;
        commandLine->putAccount(AccountKind::Agent, demoted);
        QVERIFY(
            QTest::qWaitFor([&] { return m_transport->ofType(garcia, "error").size() > errors; },
                            Switchboard::kAccountWatchMs * 3));
        QCOMPARE(error(garcia).value("code").toString(), QStringLiteral("account_closed"));
        QCOMPARE(error(garcia).value("message").toString(),
                 QStringLiteral("this account no longer supervises its agency"));
        QCOMPARE(supervisor("caf", "s.garcia"), ConnectionId(0));
        demoted.supervisor = true;
        commandLine->putAccount(AccountKind::Agent, demoted);
    }

    void oneCallPerAgent()
    {
        const ConnectionId a = agent("caf", "m.durand");
        // The same account from a second browser tab is still one agent.
        const ConnectionId sameAgent = agent("caf", "m.durand");
        const ConnectionId c = agent("cpam", "l.bernard");
        m_transport->deliver(a, m({{"type", "take"}}));
        QCOMPARE(error(a).value("code").toString(), QStringLiteral("not_found"));
        const ConnectionId k1 = kiosk(kAllDay, 1);
        const ConnectionId k2 = kiosk(kAllDay, 2);
        const QString r1 = request(k1, "caf").value("request").toString();
        const QString r2 = request(k2, "caf").value("request").toString();
        // Another agency's agent cannot take this agency's request.
        m_transport->deliver(c, m({{"type", "take"}, {"request", r1}}));
        QCOMPARE(error(c).value("code").toString(), QStringLiteral("not_found"));
        // A paused agent cannot take.
        m_transport->deliver(a, m({{"type", "presence"}, {"state", "paused"}}));
        m_transport->deliver(a, m({{"type", "take"}}));
        QCOMPARE(error(a).value("code").toString(), QStringLiteral("out_of_order"));
        m_transport->deliver(a, m({{"type", "presence"}, {"state", "available"}}));
        m_transport->deliver(a, m({{"type", "take"}, {"request", r1}}));
        QVERIFY(!m_transport->last(a, "call").isEmpty());
        m_transport->take(a);
        m_transport->deliver(a, m({{"type", "take"}, {"request", r2}}));
        QCOMPARE(error(a).value("code").toString(), QStringLiteral("out_of_order"));
        m_transport->deliver(sameAgent, m({{"type", "take"}}));
        QCOMPARE(error(sameAgent).value("code").toString(), QStringLiteral("out_of_order"));
        QCOMPARE(m_board->waitingCount("caf"), 1);
        QCOMPARE(m_board->callCount(), 1);
        // Taking a request that was already taken.
        const ConnectionId b = agent("caf", "a.martin");
        m_transport->deliver(b, m({{"type", "take"}, {"request", r1}}));
        QCOMPARE(error(b).value("code").toString(), QStringLiteral("not_found"));
    }

    void relayAndDirection()
    {
        const ConnectionId a = agent("caf", "m.durand");
        const ConnectionId k = kiosk(kAllDay, 1);
        request(k, "caf");
        m_transport->deliver(a, m({{"type", "take"}}));
        const QString call = m_transport->last(a, "call").value("call").toString();
        m_transport->take(a);
        m_transport->take(k);

        // An answer before any offer, and the wrong directions.
        m_transport->deliver(a, m({{"type", "sdp"},
                                   {"call", call},
                                   {"sdp", QJsonObject{{"type", "answer"}, {"sdp", "v=0"}}}}));
        QCOMPARE(error(a).value("code").toString(), QStringLiteral("out_of_order"));
        m_transport->deliver(a, m({{"type", "sdp"},
                                   {"call", call},
                                   {"sdp", QJsonObject{{"type", "offer"}, {"sdp", "v=0"}}}}));
        QCOMPARE(error(a).value("code").toString(), QStringLiteral("out_of_order"));
        m_transport->deliver(k, m({{"type", "sdp"},
                                   {"call", call},
                                   {"sdp", QJsonObject{{"type", "answer"}, {"sdp", "v=0"}}}}));
        QCOMPARE(error(k).value("code").toString(), QStringLiteral("out_of_order"));
        m_transport->take(a);
        m_transport->take(k);

        // Offer, answer and candidates go through unchanged, unknown fields included.
        const QByteArray offer = "{\"type\":\"sdp\",\"call\":\"" + call.toUtf8() +
                                 "\",\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 1 1 IN IP4 "
                                 "0.0.0.0\\r\\n\"},\"x-extra\":[1,2]}";
        m_transport->deliverRaw(k, offer);
        QCOMPARE(m_transport->raw.value(a).last(), offer);
        const QByteArray answer = "{\"type\":\"sdp\",\"call\":\"" + call.toUtf8() +
                                  "\",\"sdp\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"}}";
        m_transport->deliverRaw(a, answer);
        QCOMPARE(m_transport->raw.value(k).last(), answer);
        const QByteArray candidate = "{\"type\":\"ice\",\"call\":\"" + call.toUtf8() +
                                     "\",\"candidate\":\"candidate:1 1 UDP 2122252543 192.0.2.1 "
                                     "54400 typ host\",\"sdp_mline_index\":0}";
        m_transport->deliverRaw(k, candidate);
        QCOMPARE(m_transport->raw.value(a).last(), candidate);
        const QByteArray end = "{\"type\":\"ice\",\"call\":\"" + call.toUtf8() +
                               "\",\"candidate\":\"\",\"sdp_mline_index\":0}";
        m_transport->deliverRaw(a, end);
        QCOMPARE(m_transport->raw.value(k).last(), end);
        QVERIFY(error(a).isEmpty());
        QVERIFY(error(k).isEmpty());

        // Another call's id, or a call the sender is not in.
        const QString stranger = newUuid();
        m_transport->deliver(
            k, m({{"type", "ice"}, {"call", stranger}, {"candidate", ""}, {"sdp_mline_index", 0}}));
        QCOMPARE(error(k).value("code").toString(), QStringLiteral("not_found"));
        const ConnectionId bystander = kiosk(kAllDay, 2);
        m_transport->deliver(
            bystander,
            m({{"type", "ice"}, {"call", call}, {"candidate", ""}, {"sdp_mline_index", 0}}));
        QCOMPARE(error(bystander).value("code").toString(), QStringLiteral("not_found"));

        // Restart: only the kiosk; the agent is told and answers the next offer.
        m_transport->deliver(a, m({{"type", "restart"}, {"call", call}}));
        QCOMPARE(error(a).value("code").toString(), QStringLiteral("out_of_order"));
        m_transport->take(a);
        m_transport->deliver(k, m({{"type", "restart"}, {"call", call}}));
        QCOMPARE(m_transport->last(a, "restart").value("call").toString(), call);
        m_transport->deliver(a, m({{"type", "sdp"},
                                   {"call", call},
                                   {"sdp", QJsonObject{{"type", "answer"}, {"sdp", "v=0"}}}}));
        QCOMPARE(error(a).value("code").toString(), QStringLiteral("out_of_order"));
        m_transport->deliverRaw(k, offer);
        m_transport->take(a);
        m_transport->deliverRaw(a, answer);
        QVERIFY(error(a).isEmpty());
    }

    void hangupEndsForBothAndFeedsTheEstimate()
    {
        const ConnectionId a = agent("caf", "m.durand");
        const ConnectionId k = kiosk(kAllDay, 1);
        request(k, "caf");
        m_transport->deliver(a, m({{"type", "take"}}));
        const QString call = m_transport->last(a, "call").value("call").toString();
        m_now = m_now.addSecs(600);
        m_transport->deliver(
            k, m({{"type", "hangup"}, {"call", call}, {"reason", "done"}, {"id", "bye"}}));
        const QJsonObject expected{
            {"type", "ended"}, {"call", call}, {"by", "kiosk"}, {"reason", "done"}};
        QJsonObject withRef = expected;
        withRef.insert("ref", "bye");
        QCOMPARE(m_transport->last(k, "ended"), withRef);
        QCOMPARE(m_transport->last(a, "ended"), expected);
        QCOMPARE(m_board->callCount(), 0);
        QCOMPARE(m_board->meanCallS("caf"), 600);
        // The call is gone for both; a new request now uses the recent mean.
        m_transport->deliver(a, m({{"type", "hangup"}, {"call", call}}));
        QCOMPARE(error(a).value("code").toString(), QStringLiteral("not_found"));
        QCOMPARE(request(k, "caf").value("estimated_wait_s").toInt(), 600);
        // The agent is free again.
        m_transport->deliver(a, m({{"type", "take"}}));
        const QString second = m_transport->last(a, "call").value("call").toString();
        QVERIFY(second != call);
        m_transport->deliver(a, m({{"type", "hangup"}, {"call", second}, {"reason", "failed"}}));
        QCOMPARE(m_transport->last(k, "ended").value("by").toString(), QStringLiteral("agent"));
        QCOMPARE(m_transport->last(k, "ended").value("reason").toString(),
                 QStringLiteral("failed"));
    }

    void agentLostMidCallEndsAfterGrace()
    {
        const ConnectionId a = agent("caf", "m.durand");
        const ConnectionId k = kiosk(kAllDay, 1);
        request(k, "caf");
        m_transport->deliver(a, m({{"type", "take"}}));
        const QString call = m_transport->last(a, "call").value("call").toString();
        m_transport->drop(a);
        QCOMPARE(m_transport->last(k, "peer_reconnecting").value("call").toString(), call);
        QVERIFY(m_transport->last(k, "ended").isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!m_transport->last(k, "ended").isEmpty(), 5000);
        QCOMPARE(m_transport->last(k, "ended"),
                 QJsonObject(
                     {{"type", "ended"}, {"call", call}, {"by", "hub"}, {"reason", "peer_lost"}}));
        QCOMPARE(m_board->callCount(), 0);
        // The kiosk may queue again.
        const ConnectionId b = agent("caf", "a.martin");
        QVERIFY(b);
        QCOMPARE(request(k, "caf").value("type").toString(), QStringLiteral("queued"));
    }

    void kioskResumesWithinGrace()
    {
        const ConnectionId a = agent("caf", "m.durand");
        const ConnectionId k = kiosk(kAllDay, 1);
        request(k, "caf");
        m_transport->deliver(a, m({{"type", "take"}}));
        const QString call = m_transport->last(a, "call").value("call").toString();
        m_transport->drop(k);
        QCOMPARE(m_transport->last(a, "peer_reconnecting").value("call").toString(), call);
        // While the kiosk is away, what the agent sends is dropped, not an error.
        m_transport->deliver(
            a, m({{"type", "ice"}, {"call", call}, {"candidate", ""}, {"sdp_mline_index", 0}}));
        QVERIFY(error(a).isEmpty());

        // Another kiosk cannot take the call over.
        const ConnectionId thief = m_transport->open();
        m_transport->deliver(thief, m({{"type", "hello"},
                                       {"protocol", 1},
                                       {"role", "kiosk"},
                                       {"site", kAllDay},
                                       {"kiosk", "borne-2"},
                                       {"token", kioskToken(kAllDay, "borne-2")},
                                       {"resume_call", call},
                                       {"id", "h"}}));
        QVERIFY(!m_transport->last(thief, "welcome").isEmpty());
        QCOMPARE(error(thief).value("code").toString(), QStringLiteral("not_found"));
        QCOMPARE(error(thief).value("ref").toString(), QStringLiteral("h"));

        m_now = m_now.addSecs(10);
        const ConnectionId back = m_transport->open();
        m_transport->deliver(back, m({{"type", "hello"},
                                      {"protocol", 1},
                                      {"role", "kiosk"},
                                      {"site", kAllDay},
                                      {"kiosk", "borne-1"},
                                      {"token", kioskToken(kAllDay, "borne-1")},
                                      {"resume_call", call}}));
        const QJsonObject again = m_transport->last(back, "call");
        QCOMPARE(again.value("call").toString(), call);
        // Fresh TURN credentials.
        QCOMPARE(again.value("ice_servers").toArray()[1].toObject().value("username").toString(),
                 QString::number(m_now.toSecsSinceEpoch() + 3600) + ":" + call);
        QCOMPARE(m_transport->last(a, "restart").value("call").toString(), call);
        // The grace period passes without ending the call.
        QTest::qWait(600);
        QVERIFY(m_transport->last(a, "ended").isEmpty());
        QCOMPARE(m_board->callCount(), 1);
        const QByteArray offer = "{\"type\":\"sdp\",\"call\":\"" + call.toUtf8() +
                                 "\",\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}";
        m_transport->deliverRaw(back, offer);
        QCOMPARE(m_transport->raw.value(a).last(), offer);
    }

    void newerConnectionTakesTheCallOver()
    {
        const ConnectionId a = agent("caf", "m.durand");
        const ConnectionId k = kiosk(kAllDay, 1);
        request(k, "caf");
        m_transport->deliver(a, m({{"type", "take"}}));
        const QString call = m_transport->last(a, "call").value("call").toString();
        // The hub has not noticed the old link died; the kiosk is already back.
        const ConnectionId back = m_transport->open();
        m_transport->deliver(back, m({{"type", "hello"},
                                      {"protocol", 1},
                                      {"role", "kiosk"},
                                      {"site", kAllDay},
                                      {"kiosk", "borne-1"},
                                      {"token", kioskToken(kAllDay, "borne-1")},
                                      {"resume_call", call}}));
        QCOMPARE(m_transport->last(back, "call").value("call").toString(), call);
        QVERIFY(m_transport->closed.contains(k));
        QCOMPARE(m_transport->closeCodes.value(k), kCloseTakenOver);
        m_transport->drop(k);
        QVERIFY(m_transport->last(a, "peer_reconnecting").isEmpty());
        QTest::qWait(500);
        QCOMPARE(m_board->callCount(), 1);
    }

    void resumeAfterGraceIsNotFound()
    {
        const ConnectionId a = agent("caf", "m.durand");
        const ConnectionId k = kiosk(kAllDay, 1);
        request(k, "caf");
        m_transport->deliver(a, m({{"type", "take"}}));
        const QString call = m_transport->last(a, "call").value("call").toString();
        m_transport->drop(k);
        QTRY_VERIFY_WITH_TIMEOUT(!m_transport->last(a, "ended").isEmpty(), 5000);
        QCOMPARE(m_transport->last(a, "ended").value("by").toString(), QStringLiteral("hub"));
        const ConnectionId late = m_transport->open();
        m_transport->deliver(late, m({{"type", "hello"},
                                      {"protocol", 1},
                                      {"role", "kiosk"},
                                      {"site", kAllDay},
                                      {"kiosk", "borne-1"},
                                      {"token", kioskToken(kAllDay, "borne-1")},
                                      {"resume_call", call}}));
        QVERIFY(!m_transport->last(late, "welcome").isEmpty());
        QCOMPARE(error(late).value("code").toString(), QStringLiteral("not_found"));
        QVERIFY(!m_transport->closed.contains(late));
    }

    void rateLimitClosesOnlyTheFlooder()
    {
        const ConnectionId a = agent("caf", "m.durand");
        const ConnectionId calm = kiosk(kAllDay, 2);
        const ConnectionId flood = kiosk(kAllDay, 1);
        for (int i = 0; i < 49; ++i)
            m_transport->deliver(flood, m({{"type", "presence"}, {"state", "available"}}));
        QVERIFY(!m_transport->closed.contains(flood));
        QCOMPARE(error(flood).value("code").toString(), QStringLiteral("out_of_order"));
        m_transport->deliver(flood, m({{"type", "presence"}, {"state", "available"}}));
        QCOMPARE(error(flood).value("code").toString(), QStringLiteral("rate_limited"));
        QCOMPARE(error(flood).value("fatal").toBool(), true);
        QVERIFY(m_transport->closed.contains(flood));
        QCOMPARE(m_transport->closeCodes.value(flood), kCloseAfterFatalError);
        QCOMPARE(m_transport->closeReasons.value(flood), QStringLiteral("rate_limited"));
        // What the flooder sends next is ignored: the error stays the last thing it hears.
        const qsizetype heard = m_transport->inbox.value(flood).size();
        m_transport->deliver(flood, m({{"type", "request"}, {"agency", "caf"}}));
        QCOMPARE(m_transport->inbox.value(flood).size(), heard);
        QCOMPARE(request(calm, "caf").value("type").toString(), QStringLiteral("queued"));
        QVERIFY(!m_transport->closed.contains(calm));
        QVERIFY(!m_transport->closed.contains(a));
    }

    void badFramesDoNotDisturbACall()
    {
        const ConnectionId a = agent("caf", "m.durand");
        const ConnectionId k = kiosk(kAllDay, 1);
        request(k, "caf");
        m_transport->deliver(a, m({{"type", "take"}}));
        const QString call = m_transport->last(a, "call").value("call").toString();
        const ConnectionId noisy = kiosk(kAllDay, 2);
        const QList<QByteArray> junk = {
            "", "{", "[]", "null", "\xff\xfe", "{\"type\":\"sdp\"}", QByteArray(70000, 'x')};
        for (const QByteArray &frame : junk)
            m_transport->deliverRaw(noisy, frame);
        m_transport->deliverRaw(noisy, "{}", true);
        QCOMPARE(m_transport->ofType(noisy, "error").size(), junk.size() + 1);
        QVERIFY(!m_transport->closed.contains(noisy));
        // The same junk from a side of the call leaves the call as it was.
        for (const QByteArray &frame : junk)
            m_transport->deliverRaw(k, frame);
        const QByteArray offer = "{\"type\":\"sdp\",\"call\":\"" + call.toUtf8() +
                                 "\",\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}";
        m_transport->deliverRaw(k, offer);
        QCOMPARE(m_transport->raw.value(a).last(), offer);
        QCOMPARE(m_transport->ofType(a, "error").size(), 0);
        QCOMPARE(m_board->callCount(), 1);
    }

    void forceRelay()
    {
        ConfigOptions options;
        options.forceRelay = true;
        build(options);
        const ConnectionId a = agent("caf", "m.durand");
        const ConnectionId k = kiosk(kAllDay, 1);
        request(k, "caf");
        m_transport->deliver(a, m({{"type", "take"}}));
        QCOMPARE(m_transport->last(k, "call").value("ice_transport_policy").toString(),
                 QStringLiteral("relay"));
        QCOMPARE(m_transport->last(a, "call").value("ice_transport_policy").toString(),
                 QStringLiteral("relay"));
    }
};

QTEST_GUILESS_MAIN(TestSwitchboard)
#include "tst_hub_switchboard.moc"
