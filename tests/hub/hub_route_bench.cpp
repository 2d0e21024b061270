// SPDX-License-Identifier: EUPL-1.2
// Routing latency of sdp/ice through relais-hub with 200 kiosks connected: 50 of them in
// calls with 50 agents, each side trickling candidates to the other, first in bursts of 100
// messages at once, then one message at a time. Prints `hub_route_burst_p50_ms`,
// `hub_route_burst_p99_ms`, `hub_route_p50_ms` and `hub_route_p99_ms` (one at a time). Not a test:
// run it with tests/bench/hub_route.sh. Latency is measured in this process (same clock for both
// ends).
#include "hubprocess.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <cstdio>

using namespace relais::hub::test;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    constexpr int kKiosks = 200;
    constexpr int kCalls = 50;
    constexpr int kRounds = 40;
    const QString site = QStringLiteral("19-allday");

    ConfigOptions options;
    options.kiosksPerSite = kKiosks;
    // Every client comes from 127.0.0.1 at the same instant, as from behind one NAT.
    options.connections = QJsonObject{{"per_address", kKiosks + kCalls}};
    HubProcess hub(options);
    QList<std::pair<QString, QString>> accounts;
    for (int i = 1; i <= kCalls; ++i)
        accounts.append({QStringLiteral("caf"), QStringLiteral("agent-%1").arg(i)});
    hub.addAgents(accounts);
    if (!hub.start())
        return 1;

    std::vector<std::unique_ptr<Client>> kiosks, agents;
    for (int k = 0; k < kKiosks; ++k) {
        kiosks.push_back(std::make_unique<Client>(hub.certificate()));
        kiosks.back()->open(hub.port());
    }
    for (int a = 0; a < kCalls; ++a) {
        agents.push_back(std::make_unique<Client>(hub.certificate()));
        agents.back()->open(hub.port());
    }
    for (auto &c : kiosks)
        c->waitConnected(120000);
    for (auto &c : agents)
        c->waitConnected(120000);
    for (int k = 0; k < kKiosks; ++k)
        kiosks[k]->helloKiosk(site, QStringLiteral("borne-%1").arg(k + 1));
    for (int a = 0; a < kCalls; ++a)
        agents[a]->helloAgent(QStringLiteral("caf"), QStringLiteral("agent-%1").arg(a + 1));
    for (auto &c : kiosks)
        c->next(QStringLiteral("welcome"), 120000);
    for (auto &c : agents)
        c->next(QStringLiteral("welcome"), 120000);

    QStringList calls;
    for (int a = 0; a < kCalls; ++a) {
        kiosks[a]->send({{"type", "request"}, {"agency", "caf"}});
        const QString request =
            kiosks[a]->next(QStringLiteral("queued")).value("request").toString();
        agents[a]->send({{"type", "take"}, {"request", request}});
        calls << agents[a]->next(QStringLiteral("call")).value("call").toString();
        kiosks[a]->next(QStringLiteral("call"));
    }

    QList<double> samples;
    auto collect = [&](Client &client, qsizetype &cursor) {
        for (; cursor < client.received.size(); ++cursor) {
            const QJsonObject &m = client.received[cursor];
            if (m.value("type").toString() != QLatin1String("ice"))
                continue;
            const qint64 sentNs = m.value("candidate").toString().section(' ', 4, 4).toLongLong();
            samples << (client.receivedNs[cursor] - sentNs) / 1e6;
        }
    };
    std::vector<qsizetype> kioskCursor(kCalls, 0), agentCursor(kCalls, 0);
    auto ice = [&](Client &from, const QString &call) {
        from.send({{"type", "ice"},
                   {"call", call},
                   {"candidate", QStringLiteral("candidate:1 1 UDP 2122252543 %1 54400 typ host")
                                     .arg(Client::monotonicNs())},
                   {"sdp_mline_index", 0}});
    };
    // The kiosks' offers first, then rounds of candidates both ways (each side well under the
    // 50 messages a second limit).
    for (int a = 0; a < kCalls; ++a)
        kiosks[a]->send({{"type", "sdp"},
                         {"call", calls[a]},
                         {"sdp", QJsonObject{{"type", "offer"}, {"sdp", QString(3000, 'v')}}}});
    for (int round = 0; round < kRounds; ++round) {
        for (int a = 0; a < kCalls; ++a) {
            ice(*kiosks[a], calls[a]);
            ice(*agents[a], calls[a]);
        }
        const qsizetype expected = static_cast<qsizetype>(round + 1) * 2 * kCalls;
        (void)QTest::qWaitFor(
            [&] {
                for (int a = 0; a < kCalls; ++a) {
                    collect(*kiosks[a], kioskCursor[a]);
                    collect(*agents[a], agentCursor[a]);
                }
                return samples.size() >= expected;
            },
            30000);
        QTest::qWait(30);
    }
    const qsizetype burstSamples = samples.size();
    auto percentile = [](QList<double> values, double p) {
        std::sort(values.begin(), values.end());
        return values.isEmpty()
                   ? 0.0
                   : values[std::min<qsizetype>(values.size() - 1, qsizetype(p * values.size()))];
    };
    const QList<double> burst = samples;

    // One message at a time: the hub's own routing cost, without a burst queued before it.
    samples.clear();
    for (int i = 0; i < 1000; ++i) {
        const int a = i % kCalls;
        Client &from = i % 2 ? *agents[a] : *kiosks[a];
        Client &to = i % 2 ? *kiosks[a] : *agents[a];
        qsizetype &cursor = i % 2 ? kioskCursor[a] : agentCursor[a];
        const qsizetype before = samples.size();
        ice(from, calls[a]);
        QElapsedTimer timeout;
        timeout.start();
        while (samples.size() == before && timeout.elapsed() < 10000) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
            collect(to, cursor);
        }
    }
    std::printf("hub_route_samples: %lld burst (100 messages at once), %lld one at a time\n",
                static_cast<long long>(burstSamples), static_cast<long long>(samples.size()));
    std::printf("hub_route_burst_p50_ms: %.2f ms\n", percentile(burst, 0.50));
    std::printf("hub_route_burst_p99_ms: %.2f ms\n", percentile(burst, 0.99));
    std::printf("hub_route_p50_ms: %.2f ms\n", percentile(samples, 0.50));
    std::printf("hub_route_p99_ms: %.2f ms\n", percentile(samples, 0.99));
    hub.stop();
    return burstSamples == kRounds * 2 * kCalls && samples.size() == 1000 ? 0 : 1;
}
