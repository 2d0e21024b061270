// SPDX-License-Identifier: EUPL-1.2
// relais-hub as a process, over real TLS WebSockets on loopback: authentication failures, a
// kiosk queued and taken by an agent, sdp/ice relayed both ways, the errors for call messages
// that name no call of the sender, password guesses throttled, queue_state sent only when the queue
// changes, bad frames answered while a call goes on undisturbed, the rate limit's error always
// delivered before its close, an agent lost mid-call, and a kiosk resuming its call.
#include "hubprocess.h"
#include "protocol.h"

#include <QJsonArray>
#include <QTest>
#include <QTimer>

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
        m_hub->addAgents(
            {{"caf", "m.durand"}, {"caf", "a.martin"}, {"caf", "j.petit"}, {"caf", "l.moreau"}});
        m_hub->addMediators({{kSite, "c.roux", "Mme Roux"}});
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

    // Password guesses over the wire: after a few from one address the next is refused
    // unchecked (`throttled`, fatal, with when to try again). How many get through first depends
    // on the machine's speed (the first delays are short), never more than the pair's limit.
    void passwordGuessesThrottledOverTheWire()
    {
        int checked = 0;
        QJsonObject throttled;
        while (throttled.isEmpty() && checked <= 10) {
            auto guess = client();
            guess->helloAgent("caf", "l.moreau", QStringLiteral("guess-%1").arg(checked));
            const QJsonObject error = guess->next("error");
            QVERIFY(guess->waitDisconnected());
            QCOMPARE(guess->received.size(), 1);
            if (error.value("code").toString() == QLatin1String("throttled"))
                throttled = error;
            else
                QCOMPARE(error.value("code").toString(), QStringLiteral("unauthorized"));
            ++checked;
        }
        QVERIFY2(!throttled.isEmpty(), "ten wrong passwords in a row were all checked");
        QVERIFY(checked > 3);
        QCOMPARE(throttled.value("fatal").toBool(), true);
        QVERIFY(throttled.value("retry_after_s").toInt() >= 1);
        // Another account from the same address is still checked.
        auto other = agent("a.martin");
        QCOMPARE(other->next("welcome").value("role").toString(), QStringLiteral("agent"));
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

    // PROTOCOL.md: a message naming a call that is not one of the sender's (it has none, the
    // call is over, or it is another's) is not_found whatever the sender's state; out_of_order
    // is only for the sender's own call used the wrong way.
    void callMessagesWithoutTheirCallAreNotFound()
    {
        const QString stranger = relais::hub::newUuid();
        const auto callMessages = [](const QString &call, const QString &sdpType) {
            return QList<QJsonObject>{{{"type", "sdp"},
                                       {"call", call},
                                       {"sdp", QJsonObject{{"type", sdpType}, {"sdp", "v=0"}}},
                                       {"id", "sdp"}},
                                      {{"type", "ice"},
                                       {"call", call},
                                       {"candidate", ""},
                                       {"sdp_mline_index", 0},
                                       {"id", "ice"}},
                                      {{"type", "restart"}, {"call", call}, {"id", "restart"}},
                                      {{"type", "hangup"}, {"call", call}, {"id", "hangup"}}};
        };
        const auto expectNotFound = [&](Client &sender, const QString &call,
                                        const QString &sdpType) {
            for (const QJsonObject &message : callMessages(call, sdpType)) {
                sender.send(message);
                const QJsonObject error = sender.next("error");
                QCOMPARE(error.value("code").toString(), QStringLiteral("not_found"));
                QCOMPARE(error.value("ref").toString(), message.value("id").toString());
                QVERIFY(!error.contains("fatal"));
            }
            QVERIFY(sender.isConnected());
        };

        // No call at all: a kiosk, an agent, a mediator.
        auto idleKiosk = kiosk(2);
        QVERIFY(!idleKiosk->next("welcome").isEmpty());
        expectNotFound(*idleKiosk, stranger, "offer");
        auto idleAgent = agent("j.petit");
        QVERIFY(!idleAgent->next("welcome").isEmpty());
        expectNotFound(*idleAgent, stranger, "answer");
        auto desk = client();
        desk->send({{"type", "hello"},
                    {"protocol", 1},
                    {"role", "mediator"},
                    {"site", kSite},
                    {"login", "c.roux"},
                    {"password", "mediator-password"}});
        QVERIFY(!desk->next("welcome").isEmpty());
        expectNotFound(*desk, stranger, "offer");

        // In a call: an unknown call id, and another's call (the idle kiosk and agent try it).
        auto k = kiosk(1);
        auto a = agent("m.durand");
        const QString call = connectCall(*k, *a);
        QVERIFY(!call.isEmpty());
        expectNotFound(*k, stranger, "offer");
        expectNotFound(*a, stranger, "answer");
        expectNotFound(*idleKiosk, call, "offer");
        expectNotFound(*idleAgent, call, "answer");

        // The sender's own call used the wrong way is out_of_order.
        a->send({{"type", "restart"}, {"call", call}, {"id", "r"}});
        QCOMPARE(a->next("error").value("code").toString(), QStringLiteral("out_of_order"));
        a->send({{"type", "sdp"},
                 {"call", call},
                 {"sdp", QJsonObject{{"type", "answer"}, {"sdp", "v=0"}}}});
        QCOMPARE(a->next("error").value("code").toString(), QStringLiteral("out_of_order"));

        // After the end, the call is nobody's: not_found for both sides.
        k->send({{"type", "hangup"}, {"call", call}, {"id", "bye"}});
        QCOMPARE(k->next("ended").value("ref").toString(), QStringLiteral("bye"));
        QVERIFY(!a->next("ended").contains("ref"));
        expectNotFound(*k, call, "offer");
        expectNotFound(*a, call, "answer");
    }

    // queue_state goes to an agent when what it lists changes, never for presence changes,
    // agents coming and going or calls ending: an agent counts the frames it receives.
    void queueStateOnlyWhenTheQueueChanges()
    {
        auto watcher = agent("m.durand");
        QVERIFY(!watcher->next("queue_state").isEmpty());
        auto colleague = agent("a.martin");
        QVERIFY(!colleague->next("queue_state").isEmpty());
        for (const char *state : {"paused", "available", "offline", "available", "paused"})
            colleague->send({{"type", "presence"}, {"state", state}});
        colleague->send({{"type", "presence"}, {"state", "available"}});
        watcher->send({{"type", "presence"}, {"state", "paused"}});
        watcher->send({{"type", "presence"}, {"state", "available"}});
        auto newcomer = agent("j.petit");
        QVERIFY(!newcomer->next("queue_state").isEmpty());
        newcomer->close();
        QVERIFY(newcomer->waitDisconnected());
        // A reply on the colleague's connection: the hub has read its presence changes.
        colleague->send({{"type", "take"}, {"id", "sync"}});
        QCOMPARE(colleague->next("error").value("ref").toString(), QStringLiteral("sync"));
        QTest::qWait(300);
        const auto queueStates = [](const Client &c) {
            QList<QJsonObject> states;
            for (const QJsonObject &message : c.received) {
                if (message.value("type").toString() == QLatin1String("queue_state"))
                    states.append(message);
            }
            return states;
        };
        QCOMPARE(queueStates(*watcher).size(), 1);
        QCOMPARE(queueStates(*colleague).size(), 1);

        // A kiosk joins, then leaves: one queue_state each, to each agent.
        auto k = kiosk(2);
        QVERIFY(!k->next("welcome").isEmpty());
        k->send({{"type", "request"}, {"agency", "caf"}});
        const QString request = k->next("queued").value("request").toString();
        QVERIFY(!request.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(queueStates(*watcher).size(), 2, 10000);
        QCOMPARE(queueStates(*watcher)
                     .last()
                     .value("waiting")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("request")
                     .toString(),
                 request);
        // Presence changes while someone waits change the kiosk's estimate, not the list.
        colleague->send({{"type", "presence"}, {"state", "paused"}});
        QVERIFY(!k->next("queue").isEmpty());
        colleague->send({{"type", "presence"}, {"state", "available"}});
        QVERIFY(!k->next("queue").isEmpty());
        k->send({{"type", "leave"}, {"request", request}});
        QVERIFY(!k->next("left").isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(queueStates(*watcher).size(), 3, 10000);
        QTest::qWait(300);
        QCOMPARE(queueStates(*watcher).size(), 3);
        QCOMPARE(queueStates(*colleague).size(), 3);
        QVERIFY(queueStates(*watcher).last().value("waiting").toArray().isEmpty());
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

    // A burst over the limit always receives its rate_limited error, and then the hub's
    // closing handshake (1008, the code as reason); nothing is answered after the error.
    void rateLimitErrorArrivesBeforeTheClose_data()
    {
        QTest::addColumn<int>("burst");
        QTest::addColumn<int>("padding");
        QTest::addColumn<bool>("keepSending");
        QTest::newRow("80 at once") << 80 << 0 << false;
        QTest::newRow("200 at once") << 200 << 0 << false;
        QTest::newRow("80 large ones") << 80 << 16000 << false;
        QTest::newRow("80, then more for 100 ms") << 80 << 0 << true;
    }

    void rateLimitErrorArrivesBeforeTheClose()
    {
        QFETCH(int, burst);
        QFETCH(int, padding);
        QFETCH(bool, keepSending);
        constexpr int kRounds = 20;
        // Unknown fields are ignored: the padding only makes the burst take longer to send.
        const QString frame = QString::fromUtf8(
            QJsonDocument(QJsonObject{{"type", "leave"},
                                      {"request", relais::hub::newUuid()},
                                      {"padding", QString(padding, QLatin1Char('p'))}})
                .toJson(QJsonDocument::Compact));
        int delivered = 0;
        for (int round = 0; round < kRounds; ++round) {
            auto flood = kiosk(3);
            QVERIFY(!flood->next("welcome").isEmpty());
            for (int i = 0; i < burst; ++i)
                flood->sendText(frame);
            // A client busy with its own loop goes on sending a while after the error.
            QTimer trickle;
            QElapsedTimer trickling;
            trickling.start();
            QObject::connect(&trickle, &QTimer::timeout, flood.get(), [&] {
                if (flood->isConnected() && trickling.elapsed() < 100)
                    flood->sendText(frame);
            });
            if (keepSending)
                trickle.start(1);
            QVERIFY(flood->waitDisconnected(15000));
            trickle.stop();
            QStringList codes;
            for (const QJsonObject &message : flood->received) {
                if (message.value("type").toString() == QLatin1String("error"))
                    codes.append(message.value("code").toString());
            }
            // The hello was the first of the 50 messages a second allows.
            const bool ok = codes.size() == 50 && codes.count("not_found") == 49 &&
                            codes.last() == QLatin1String("rate_limited") &&
                            flood->received.last().value("fatal").toBool() &&
                            flood->closeCode() == QWebSocketProtocol::CloseCodePolicyViolated &&
                            flood->closeReason() == QLatin1String("rate_limited");
            if (ok)
                ++delivered;
            else
                qWarning() << "round" << round << "received" << codes.size() << "errors, last"
                           << codes.value(codes.size() - 1) << "close" << flood->closeCode()
                           << flood->closeReason();
        }
        QCOMPARE(delivered, kRounds);
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
