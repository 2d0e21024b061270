// SPDX-License-Identifier: EUPL-1.2
// 200 kiosks and 50 agents connected at once to one relais-hub over TLS: every one is
// welcomed, every request gets a distinct position, and after agents take requests each kiosk
// still waiting knows its right position and estimate, matching the agents' queue_state.
#include "hubprocess.h"

#include <QJsonArray>
#include <QTest>

using namespace relais::hub::test;

namespace {
constexpr int kKiosks = 200;
constexpr int kAgentsPerAgency = 25;
const QString kSite = QStringLiteral("19-allday");
const QStringList kAgencies = {QStringLiteral("caf"), QStringLiteral("cpam")};
} // namespace

class TestHubLoad : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HubProcess> m_hub;
    std::vector<std::unique_ptr<Client>> m_kiosks;
    std::vector<std::unique_ptr<Client>> m_agents; // caf first, then cpam
    QStringList m_requests;                        // per kiosk

    QString agencyOf(int kiosk) const { return kAgencies[kiosk % 2]; }

    // What a kiosk was last told about its place: from `queued`, then every `queue`.
    std::pair<int, int> lastPlace(const Client &kiosk) const
    {
        int position = 0;
        int estimate = 0;
        for (const QJsonObject &message : kiosk.received) {
            const QString type = message.value("type").toString();
            if (type == "queued" || type == "queue") {
                position = message.value("position").toInt();
                estimate = message.value("estimated_wait_s").toInt();
            }
        }
        return {position, estimate};
    }

    // Every agent of `agency` holds the same latest queue_state, of `expected` requests, and
    // every kiosk in it was last told its rank there and the matching estimate.
    bool consistent(const QString &agency, int expected, QString *why)
    {
        const int first = agency == "caf" ? 0 : kAgentsPerAgency;
        const QJsonArray reference =
            m_agents[first]->last("queue_state").value("waiting").toArray();
        if (reference.size() != expected) {
            *why = QStringLiteral("%1 agents see %2 waiting, expected %3")
                       .arg(agency)
                       .arg(reference.size())
                       .arg(expected);
            return false;
        }
        QStringList order;
        for (const QJsonValue &entry : reference)
            order << entry.toObject().value("request").toString();
        for (int a = first; a < first + kAgentsPerAgency; ++a) {
            QStringList theirs;
            for (const QJsonValue &entry :
                 m_agents[a]->last("queue_state").value("waiting").toArray())
                theirs << entry.toObject().value("request").toString();
            if (theirs != order) {
                *why = QStringLiteral("agent %1 has another queue").arg(a);
                return false;
            }
        }
        for (int k = 0; k < kKiosks; ++k) {
            const qsizetype rank = order.indexOf(m_requests[k]);
            if (rank < 0)
                continue;
            const auto [position, estimate] = lastPlace(*m_kiosks[k]);
            // 300 s default call length, 25 available agents.
            const int expectedEstimate =
                static_cast<int>(std::lround((rank + 1) * 300.0 / kAgentsPerAgency));
            if (position != rank + 1 || estimate != expectedEstimate) {
                *why = QStringLiteral("kiosk %1 was told %2 (%3 s), its rank is %4")
                           .arg(k)
                           .arg(position)
                           .arg(estimate)
                           .arg(rank + 1);
                return false;
            }
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        ConfigOptions options;
        options.kiosksPerSite = kKiosks;
        // Every client comes from 127.0.0.1 at the same instant, as from behind one NAT.
        options.connections = QJsonObject{{"per_address", kKiosks + 2 * kAgentsPerAgency}};
        m_hub = std::make_unique<HubProcess>(options);
        QList<std::pair<QString, QString>> accounts;
        for (const QString &agency : kAgencies)
            for (int i = 1; i <= kAgentsPerAgency; ++i)
                accounts.append({agency, QStringLiteral("agent-%1").arg(i)});
        m_hub->addAgents(accounts);
        QVERIFY(m_hub->start());
    }

    void everyoneConnectsAtOnce()
    {
        const QSslCertificate cert = m_hub->certificate();
        for (int i = 0; i < 2 * kAgentsPerAgency; ++i) {
            m_agents.push_back(std::make_unique<Client>(cert));
            m_agents.back()->open(m_hub->port());
        }
        for (int k = 0; k < kKiosks; ++k) {
            m_kiosks.push_back(std::make_unique<Client>(cert));
            m_kiosks.back()->open(m_hub->port());
        }
        // All 250 handshakes are in flight together; hellos go once each link is up.
        for (auto &agent : m_agents)
            QVERIFY(agent->waitConnected(120000));
        for (auto &kiosk : m_kiosks)
            QVERIFY(kiosk->waitConnected(120000));
        for (int i = 0; i < 2 * kAgentsPerAgency; ++i)
            m_agents[i]->helloAgent(kAgencies[i / kAgentsPerAgency],
                                    QStringLiteral("agent-%1").arg(i % kAgentsPerAgency + 1));
        for (int k = 0; k < kKiosks; ++k)
            m_kiosks[k]->helloKiosk(kSite, QStringLiteral("borne-%1").arg(k + 1));
        for (auto &agent : m_agents) {
            QVERIFY(!agent->next("welcome", 120000).isEmpty());
            QVERIFY(!agent->next("queue_state", 60000).isEmpty());
        }
        QSet<QString> connections;
        for (auto &kiosk : m_kiosks) {
            const QJsonObject welcome = kiosk->next("welcome", 120000);
            QVERIFY(!welcome.isEmpty());
            connections.insert(welcome.value("connection").toString());
        }
        QCOMPARE(connections.size(), kKiosks);
    }

    void everyKioskQueues()
    {
        for (int k = 0; k < kKiosks; ++k)
            m_kiosks[k]->send({{"type", "request"}, {"agency", agencyOf(k)}});
        QHash<QString, QSet<int>> positions;
        for (int k = 0; k < kKiosks; ++k) {
            const QJsonObject queued = m_kiosks[k]->next("queued", 60000);
            QCOMPARE(queued.value("agency").toString(), agencyOf(k));
            m_requests << queued.value("request").toString();
            positions[agencyOf(k)].insert(queued.value("position").toInt());
        }
        // Positions given at request time are 1..100 in each queue, each once.
        for (const QString &agency : kAgencies) {
            QCOMPARE(positions[agency].size(), kKiosks / 2);
            QCOMPARE(*std::max_element(positions[agency].begin(), positions[agency].end()),
                     kKiosks / 2);
        }
        QString why;
        QVERIFY2(QTest::qWaitFor(
                     [&] { return consistent("caf", 100, &why) && consistent("cpam", 100, &why); },
                     60000),
                 qPrintable(why));
    }

    void agentsTakeAndTheRestMoveUp()
    {
        // 20 caf agents take the oldest; 5 cpam agents take a chosen one (the newest).
        for (int a = 0; a < 20; ++a)
            m_agents[a]->send({{"type", "take"}});
        QSet<QString> taken;
        for (int a = 0; a < 20; ++a) {
            const QJsonObject call = m_agents[a]->next("call", 60000);
            QVERIFY(!call.isEmpty());
            taken.insert(call.value("request").toString());
        }
        QCOMPARE(taken.size(), 20);
        for (int a = kAgentsPerAgency; a < kAgentsPerAgency + 5; ++a) {
            const QJsonArray waiting = m_agents[a]->last("queue_state").value("waiting").toArray();
            const QString newest = waiting.at(waiting.size() - 1 - (a - kAgentsPerAgency))
                                       .toObject()
                                       .value("request")
                                       .toString();
            m_agents[a]->send({{"type", "take"}, {"request", newest}});
            QCOMPARE(m_agents[a]->next("call", 60000).value("request").toString(), newest);
            taken.insert(newest);
        }
        // Exactly the kiosks whose requests were taken got a call.
        for (int k = 0; k < kKiosks; ++k) {
            const bool inCall = taken.contains(m_requests[k]);
            if (inCall)
                QCOMPARE(m_kiosks[k]->next("call", 60000).value("request").toString(),
                         m_requests[k]);
        }
        QString why;
        QVERIFY2(
            QTest::qWaitFor(
                [&] { return consistent("caf", 80, &why) && consistent("cpam", 95, &why); }, 60000),
            qPrintable(why));
        for (int k = 0; k < kKiosks; ++k) {
            if (!taken.contains(m_requests[k]))
                QVERIFY(m_kiosks[k]->last("call").isEmpty());
        }
    }

    void cleanupTestCase()
    {
        m_kiosks.clear();
        m_agents.clear();
        m_hub->stop();
    }
};

QTEST_GUILESS_MAIN(TestHubLoad)
#include "tst_hub_load.moc"
