// SPDX-License-Identifier: EUPL-1.2
// The kiosk's sync: a week offline at a busy site (10,000 records) flushed over mutual TLS to
// a local relais-observatory, then what the sync machinery costs when there is nothing to
// send (its thread polling the outbox, the heartbeat). Prints sync_backlog_s and
// sync_idle_cpu_percent.
#include "enrolledkiosk.h"
#include "identity/curltransport.h"
#include "journal.h"
#include "kioskschema.h"
#include "sync/observatorytransport.h"
#include "sync/syncengine.h"
#include "sync/syncservice.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>

using namespace relais;
using namespace relais::observatory;
using namespace relais::observatory::test;

namespace {

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    ObservatoryProcess server;
    if (!server.start())
        return 1;
    const ClientIdentity identity = relais::test::enrollKiosk(
        server, dir.path(), QStringLiteral("46-bretenoux"), QStringLiteral("borne-1"));
    const QString storePath = dir.filePath(QStringLiteral("kiosk.sqlite"));
    auto store = Database::open(storePath, kioskMigrations());
    {
        Journal journal(*store, QStringLiteral("46-bretenoux"));
        const QStringList agencies = {QStringLiteral("caf"), QStringLiteral("cpam"),
                                      QStringLiteral("carsat"), QStringLiteral("dgfip")};
        for (int i = 0; i < 10000; ++i) {
            const QString session = newRecordId();
            switch (i % 4) {
            case 0:
                journal.append(QStringLiteral("session_started"),
                               {{QStringLiteral("session"), session}});
                break;
            case 1:
                journal.append(QStringLiteral("agency_chosen"),
                               {{QStringLiteral("session"), session},
                                {QStringLiteral("agency"), agencies[i % 3]}});
                break;
            case 2:
                journal.append(QStringLiteral("call_ended"),
                               {{QStringLiteral("session"), session},
                                {QStringLiteral("agency"), agencies[i % 4]},
                                {QStringLiteral("outcome"), QStringLiteral("answered")},
                                {QStringLiteral("duration_s"), 300 + i % 600}});
                break;
            default:
                journal.append(QStringLiteral("session_ended"),
                               {{QStringLiteral("session"), session},
                                {QStringLiteral("reason"), QStringLiteral("button")},
                                {QStringLiteral("end"), QStringLiteral("finished")},
                                {QStringLiteral("autonomy"), QStringLiteral("none")},
                                {QStringLiteral("duration_s"), 120 + i % 900}});
            }
        }
    }
    {
        SyncLedger ledger(*store);
        ObservatoryTransport transport(std::make_shared<CurlTransport>(), identity, {});
        SyncEngine engine(ledger, transport, 500);
        QElapsedTimer timer;
        timer.start();
        while (ledger.snapshot().pending > 0) {
            const SyncEngine::Round round = engine.sendBatch();
            if (!round.failure.isEmpty()) {
                std::fprintf(stderr, "sync failed: %s %s\n", qPrintable(round.failure),
                             qPrintable(round.detail));
                return 1;
            }
        }
        std::printf("sync_backlog_s: %.2f s\n", double(timer.elapsed()) / 1000.0);
        std::fflush(stdout);
    }

    // Nothing to send: the real service with the kiosk's settings, but a heartbeat every 30 s
    // instead of 300 s so that the window holds two of them (an upper bound).
    SyncSettings settings;
    settings.identity = identity;
    settings.site = QStringLiteral("46-bretenoux");
    settings.storePath = storePath;
    settings.dataDirectory = dir.path();
    settings.heartbeatS = 30;
    SyncService sync;
    sync.start(settings);
    // Waits in the event loop (processEvents with a time limit would spin this thread).
    auto idleFor = [](int ms) {
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
    };
    idleFor(3000);
    const double cpuBefore = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    const int seconds = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 60;
    idleFor(seconds * 1000);
    const double used = cpuSeconds() - cpuBefore;
    std::printf("sync_idle_cpu_percent: %.3f %%\n",
                100.0 * used / (double(wall.elapsed()) / 1000.0));
    sync.stop();
    return 0;
}
