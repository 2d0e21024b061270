// SPDX-License-Identifier: EUPL-1.2
// A real adviser's login while 800 wrong hellos arrive at once from 800 addresses (issue 17:
// they once kept her out for 25 s behind their password checks): the switchboard with its real
// password checker (PBKDF2 on the thread pool) over the in-memory transport, which alone can give
// each connection its own address. Prints `login_unloaded_ms`, `login_during_flood_ms` (from her
// hello to her welcome, the flood's hellos all sent just before hers; she says hello again after
// each `busy`, as the console does), `login_during_flood_busy` (how many) and
// `flood_refused_busy` (the flood's hellos refused at once rather than queued). Not a test: run
// it with tests/bench/hub_login.sh.
#include "faketransport.h"
#include "hubconfig.h"
#include "hubstore.h"
#include "hubtestconfig.h"
#include "passwordhash.h"
#include "switchboard.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace relais::hub;
using namespace relais::hub::test;

namespace {

QJsonObject agentHello(const QString &password)
{
    return {{QStringLiteral("type"), QStringLiteral("hello")},
            {QStringLiteral("protocol"), 1},
            {QStringLiteral("role"), QStringLiteral("agent")},
            {QStringLiteral("agency"), QStringLiteral("caf")},
            {QStringLiteral("login"), QStringLiteral("m.durand")},
            {QStringLiteral("password"), password}};
}

// Milliseconds from the adviser's hello to her welcome; a `busy` hello is said again after its
// retry_after_s, as the console does.
qint64 adviserLogin(FakeTransport &transport, int *busy)
{
    QElapsedTimer timer;
    timer.start();
    const ConnectionId id = transport.open(QHostAddress(QStringLiteral("198.51.100.20")));
    const QJsonObject hello = agentHello(QStringLiteral("password-m.durand"));
    transport.deliver(id, hello);
    qsizetype seen = 0;
    while (transport.last(id, QStringLiteral("welcome")).isEmpty() && timer.elapsed() < 120000) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        const QList<QJsonObject> errors = transport.ofType(id, QStringLiteral("error"));
        for (; seen < errors.size(); ++seen) {
            ++*busy;
            QTimer::singleShot(errors[seen].value(QStringLiteral("retry_after_s")).toInt(1) * 1000,
                               [&transport, id, hello] { transport.deliver(id, hello); });
        }
    }
    return timer.elapsed();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("relais.*=false"));
    constexpr int kFlood = 800;
    QTemporaryDir dir;
    QString problem;
    auto store = HubStore::open(dir.filePath(QStringLiteral("hub.sqlite")), &problem);
    if (!store) {
        std::fprintf(stderr, "store: %s\n", qPrintable(problem));
        return 1;
    }
    store->putAccount(AccountKind::Agent,
                      {QStringLiteral("caf"), QStringLiteral("m.durand"),
                       QStringLiteral("Conseiller CAF"),
                       relais::provisioning::hashPassword("password-m.durand")});
    const HubConfig config = parseHubConfig(hubConfigJson({}), dir.path());
    FakeTransport transport;
    Switchboard board(config, *store, transport);

    int adviserBusy = 0;
    const qint64 unloaded = adviserLogin(transport, &adviserBusy);

    int busy = 0;
    QList<ConnectionId> flood;
    for (int i = 0; i < kFlood; ++i) {
        const ConnectionId id =
            transport.open(QHostAddress(QStringLiteral("10.%1.%2.1").arg(i / 200).arg(i % 200)));
        transport.deliver(id, agentHello(QStringLiteral("guess-%1").arg(i)));
        if (transport.last(id, QStringLiteral("error")).value(QStringLiteral("code")).toString() ==
            QLatin1String("busy"))
            ++busy;
        flood.append(id);
    }
    adviserBusy = 0;
    const qint64 duringFlood = adviserLogin(transport, &adviserBusy);

    std::printf("login_unloaded_ms: %lld ms\n", static_cast<long long>(unloaded));
    std::printf("login_during_flood_ms: %lld ms\n", static_cast<long long>(duringFlood));
    std::printf("login_during_flood_busy: %d answers\n", adviserBusy);
    std::printf("flood_refused_busy: %d hellos\n", busy);
    return 0;
}
