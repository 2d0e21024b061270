// relais-hub as a process, over real TLS WebSockets on loopback: authentication failures, a
// kiosk queued and taken by an agent, sdp/ice relayed both ways, bad frames answered while a
// call goes on undisturbed, an agent lost mid-call, and a kiosk resuming its call.
#include "hubprocess.h"

#include <QJsonArray>
#include <QTest>

using namespace relais::hub::test;

namespace {
const QString kSite = QStringLiteral("19-allday");
}

class TestHubWss : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HubProcess> m_hub;

    std::unique_ptr<Client> client()
    {
        auto c = std::make_unique<Client>(m_hub->certificate());
        c->open(m_hub->port());
        return c;
    }

    std::unique_ptr<Client> kiosk(int number)
    {
        auto c = client();
        c->helloKiosk(kSite, QStringLiteral("borne-%1").arg(number));
        return c;
    }

    std::unique_ptr<Client> agent(const QString &login)
    {
        auto c = client();
        c->helloAgent(QStringLiteral("caf"), login);
        return c;
    }

    // A kiosk queued for caf and taken by `agent`; returns the call id.
    QString connectCall(Client &kiosk, Client &agent)
    {
        if (kiosk.next("welcome").isEmpty() || agent.next("welcome").isEmpty())
            return {};
        kiosk.send({{"type", "request"}, {"agency", "caf"}});
        const QString request = kiosk.next("queued").value("request").toString();
        agent.send({{"type", "take"}, {"request", request}});
        const QString call = agent.next("call").value("call").toString();
        return kiosk.next("call").value("call").toString() == call ? call : QString();
    }

private slots:
    void initTestCase()
    {
        ConfigOptions options;
        options.graceS = 1;
        m_hub = std::make_unique<HubProcess>(options);
        m_hub->addAgents({{"caf", "m.durand"}, {"caf", "a.martin"}, {"caf", "j.petit"}});
        QVERIFY(m_hub->start());
    }

    void tlsAndWelcome()
    {
        auto k = kiosk(1);
        QVERIFY(k->waitConnected());
        const QJsonObject welcome = k->next("welcome");
        QCOMPARE(welcome.value("role").toString(), QStringLiteral("kiosk"));
        QCOMPARE(welcome.value("protocol").toInt(), 1);
        auto a = agent("m.durand");
        QCOMPARE(a->next("welcome").value("display_name").toString(),
                 QStringLiteral("Conseiller CAF"));
        QCOMPARE(a->next("queue_state").value("agency").toString(), QStringLiteral("caf"));
    }

    void helloFailures()
    {
        auto badToken = client();
        badToken->send({{"type", "hello"},
                        {"protocol", 1},
                        {"role", "kiosk"},
                        {"site", kSite},
                        {"kiosk", "borne-1"},
                        {"token", "guess"},
                        {"id", "1"}});
        const QJsonObject refused = badToken->next("error");
        QCOMPARE(refused.value("code").toString(), QStringLiteral("unauthorized"));
        QCOMPARE(refused.value("fatal").toBool(), true);
        QCOMPARE(refused.value("ref").toString(), QStringLiteral("1"));
        QVERIFY(badToken->waitDisconnected());

        auto badPassword = client();
        badPassword->helloAgent("caf", "m.durand", "agent-passwore");
        QCOMPARE(badPassword->next("error").value("code").toString(),
                 QStringLiteral("unauthorized"));
        QVERIFY(badPassword->waitDisconnected());

        auto unknownLogin = client();
        unknownLogin->helloAgent("caf", "nobody");
        QCOMPARE(unknownLogin->next("error").value("code").toString(),
                 QStringLiteral("unauthorized"));
        QVERIFY(unknownLogin->waitDisconnected());

        auto future = client();
        future->send({{"type", "hello"}, {"protocol", 2}, {"role", "kiosk"}});
        QCOMPARE(future->next("error").value("code").toString(),
                 QStringLiteral("unsupported_protocol"));
        QVERIFY(future->waitDisconnected());

        auto early = client();
        early->send({{"type", "request"}, {"agency", "caf"}});
        QCOMPARE(early->next("error").value("code").toString(), QStringLiteral("out_of_order"));
        QVERIFY(early->isConnected());

        auto wrongPath = std::make_unique<Client>(m_hub->certificate());
        wrongPath->open(m_hub->port(), QStringLiteral("/v2"));
        QVERIFY(wrongPath->waitDisconnected());
        QVERIFY(wrongPath->received.isEmpty());
    }

    void requestTakeAndRelay()
    {
        auto k = kiosk(1);
        auto a = agent("m.durand");
        QVERIFY(k->next("welcome").contains("connection"));
        QVERIFY(a->next("welcome").contains("connection"));
        k->send({{"type", "request"}, {"agency", "caf"}, {"help", "visio"}, {"id", "q"}});
        const QJsonObject queued = k->next("queued");
        QCOMPARE(queued.value("ref").toString(), QStringLiteral("q"));
        QCOMPARE(queued.value("position").toInt(), 1);
        QVERIFY(queued.value("estimated_wait_s").toInt() > 0);
        const QString request = queued.value("request").toString();
        // The agent sees the request in its queue.
        QTRY_VERIFY_WITH_TIMEOUT(a->last("queue_state").value("waiting").toArray().size() == 1,
                                 10000);
        QCOMPARE(a->last("queue_state")
                     .value("waiting")
                     .toArray()[0]
                     .toObject()
                     .value("request")
                     .toString(),
                 request);

        a->send({{"type", "take"}});
        const QJsonObject agentCall = a->next("call");
        const QJsonObject kioskCall = k->next("call");
        const QString call = agentCall.value("call").toString();
        QCOMPARE(kioskCall.value("call").toString(), call);
        QCOMPARE(kioskCall.value("request").toString(), request);
        QCOMPARE(kioskCall.value("ice_servers").toArray().size(), 2);

        const QString offer =
            QStringLiteral("{\"type\":\"sdp\",\"call\":\"%1\",\"sdp\":{\"type\":\"offer\",\"sdp\":"
                           "\"v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\n\"}}")
                .arg(call);
        k->sendText(offer);
        QCOMPARE(a->next("sdp").value("sdp").toObject().value("type").toString(),
                 QStringLiteral("offer"));
        QCOMPARE(a->raw.last(), offer);
        const QString answer = QStringLiteral("{\"type\":\"sdp\",\"call\":\"%1\",\"sdp\":{\"type\":"
                                              "\"answer\",\"sdp\":\"v=0\\r\\n\"}}")
                                   .arg(call);
        a->sendText(answer);
        QCOMPARE(k->next("sdp").value("sdp").toObject().value("type").toString(),
                 QStringLiteral("answer"));
        for (int i = 0; i < 5; ++i) {
            k->send(
                {{"type", "ice"},
                 {"call", call},
                 {"candidate",
                  QStringLiteral("candidate:%1 1 UDP 2122252543 192.0.2.1 5440%1 typ host").arg(i)},
                 {"sdp_mline_index", 0}});
            a->send({{"type", "ice"},
                     {"call", call},
                     {"candidate",
                      QStringLiteral("candidate:%1 1 UDP 2122252543 198.51.100.7 6000%1 typ host")
                          .arg(i)},
                     {"sdp_mline_index", 0}});
        }
        for (int i = 0; i < 5; ++i) {
            QVERIFY(a->next("ice")
                        .value("candidate")
                        .toString()
                        .startsWith(QStringLiteral("candidate:%1 ").arg(i)));
            QVERIFY(k->next("ice").value("candidate").toString().contains("198.51.100.7"));
        }
        // Wrong direction.
        k->sendText(QString(answer));
        QCOMPARE(k->next("error").value("code").toString(), QStringLiteral("out_of_order"));

        a->send({{"type", "hangup"}, {"call", call}, {"reason", "done"}});
        QCOMPARE(k->next("ended").value("by").toString(), QStringLiteral("agent"));
        QCOMPARE(a->next("ended").value("reason").toString(), QStringLiteral("done"));
    }

    void badFramesLeaveOtherSessionsAlone()
    {
        auto k = kiosk(1);
        auto a = agent("m.durand");
        const QString call = connectCall(*k, *a);
        QVERIFY(!call.isEmpty());

        auto noisy = kiosk(2);
        QVERIFY(!noisy->next("welcome").isEmpty());
        noisy->sendText(QStringLiteral("this is not JSON"));
        noisy->sendText(QStringLiteral("[1,2,3]"));
        noisy->sendText(
            QStringLiteral(
                "{\"type\":\"sdp\",\"call\":\"%1\",\"sdp\":{\"type\":\"offer\",\"sdp\":\"x\"}}")
                .arg(call));
        noisy->sendBinary(QByteArray("\x00\x01\x02", 3));
        noisy->sendText(QString(70 * 1024, QLatin1Char('x')));
        noisy->sendText(QStringLiteral("{\"type\":\"warp\"}"));
        noisy->send({{"type", "take"}});
        const QStringList expected = {"bad_message", "bad_message",  "not_found",   "bad_message",
                                      "bad_message", "unknown_type", "out_of_order"};
        for (const QString &code : expected)
            QCOMPARE(noisy->next("error").value("code").toString(), code);
        QVERIFY(noisy->isConnected());
        // The noisy kiosk still works.
        noisy->send({{"type", "callback"}, {"agency", "caf"}});
        QVERIFY(!noisy->next("callback_recorded").isEmpty());

        // The call relays as before, and neither side saw anything of the noise.
        k->send({{"type", "sdp"},
                 {"call", call},
                 {"sdp", QJsonObject{{"type", "offer"}, {"sdp", "v=0"}}}});
        QVERIFY(!a->next("sdp").isEmpty());
        QVERIFY(k->last("error").isEmpty());
        QVERIFY(a->last("error").isEmpty());
        a->send({{"type", "hangup"}, {"call", call}});
        QVERIFY(!k->next("ended").isEmpty());
        // The agent clears the callback so later tests see an empty list.
        const QJsonArray callbacks = a->last("queue_state").value("callbacks").toArray();
        for (const QJsonValue &entry : callbacks)
            a->send({{"type", "callback_done"}, {"callback", entry.toObject().value("callback")}});
    }

    void rateLimitOverTheWire()
    {
        auto flood = kiosk(3);
        QVERIFY(!flood->next("welcome").isEmpty());
        for (int i = 0; i < 60; ++i)
            flood->send({{"type", "leave"}, {"request", "6f1c1b9e-3f43-4a5e-9d61-2d7f0c5e8a11"}});
        QTRY_VERIFY_WITH_TIMEOUT(flood->last("error").value("code").toString() == "rate_limited",
                                 10000);
        QCOMPARE(flood->last("error").value("fatal").toBool(), true);
        QVERIFY(flood->waitDisconnected());
    }

    void agentLostMidCall()
    {
        auto k = kiosk(1);
        auto a = agent("a.martin");
        const QString call = connectCall(*k, *a);
        QVERIFY(!call.isEmpty());
        a->abort();
        QCOMPARE(k->next("peer_reconnecting").value("call").toString(), call);
        const QJsonObject ended = k->next("ended", 20000);
        QCOMPARE(ended,
                 QJsonObject(
                     {{"type", "ended"}, {"call", call}, {"by", "hub"}, {"reason", "peer_lost"}}));
    }

    void kioskResumesItsCall()
    {
        auto k = kiosk(1);
        auto a = agent("j.petit");
        const QString call = connectCall(*k, *a);
        QVERIFY(!call.isEmpty());
        k->abort();
        QCOMPARE(a->next("peer_reconnecting").value("call").toString(), call);

        auto back = client();
        back->helloKiosk(kSite, "borne-1", call);
        QVERIFY(!back->next("welcome").isEmpty());
        const QJsonObject again = back->next("call");
        QCOMPARE(again.value("call").toString(), call);
        QCOMPARE(again.value("peer").toObject().value("display_name").toString(),
                 QStringLiteral("Conseiller CAF"));
        QCOMPARE(a->next("restart").value("call").toString(), call);
        back->send({{"type", "sdp"},
                    {"call", call},
                    {"sdp", QJsonObject{{"type", "offer"}, {"sdp", "v=0"}}}});
        QVERIFY(!a->next("sdp").isEmpty());
        // Longer than the grace period: the call is still up.
        QTest::qWait(1500);
        QVERIFY(a->last("ended").isEmpty());
        back->send({{"type", "hangup"}, {"call", call}});
        QCOMPARE(a->next("ended").value("by").toString(), QStringLiteral("kiosk"));
    }

    void cleanupTestCase() { m_hub->stop(); }
};

QTEST_GUILESS_MAIN(TestHubWss)
#include "tst_hub_wss.moc"
