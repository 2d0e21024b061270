// relais-callbench: calls through a local relais-hub between two relais-peer processes (kiosk
// and agent) with test sources, as tests/e2e does but at the kiosk's real picture size.
// Prints call_setup_ms_median (kiosk's request to its first decoded remote frame),
// kiosk_cpu_percent (the kiosk process during one long call, 100 % = one core) and the hub's
// routing latency from hub_route_bench. Not a test: nothing here passes or fails on figures.
//
//   build/tests/e2e/relais-callbench [--calls N] [--cpu-call-s S] [--size WxH] [--fps N]
//                                    [--no-hub-route]

#include "e2efixture.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <gst/gst.h>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

using namespace relais;
using namespace relais::e2e;

namespace {

// utime + stime of a process, in clock ticks (proc(5)); -1 when it is gone.
qint64 cpuTicks(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = f.readAll();
    // The command name may hold spaces; the fields are counted after its closing parenthesis.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return fields[11].toLongLong() + fields[12].toLongLong(); // fields 14 and 15 of the line
}

struct Call
{
    bool ok = false;
    qint64 setupMs = -1;
    double cpuPercent = -1;
    QString sentSize; // the kiosk's picture in its last statistics, WxH
};

// One call: the agent waits, the kiosk asks and hangs up durationS after connecting.
Call placeCall(const HubAndTurn &env, const QStringList &media, int durationS, bool measureCpu)
{
    Call result;
    PeerProcess agent(QStringLiteral("agent"));
    PeerProcess kiosk(QStringLiteral("kiosk"));
    if (!agent.start(env.agentArgs() + media) || !agent.waitFor(QStringLiteral("welcomed"), 30000))
        return result;
    if (!kiosk.start(env.kioskArgs(QStringLiteral("borne-1")) + media +
                     QStringList{QStringLiteral("--duration"), QString::number(durationS)}))
        return result;
    if (!kiosk.waitFor(QStringLiteral("first_remote_frame"), 60000)) {
        fprintf(stderr, "%s", qPrintable(kiosk.dump() + agent.dump()));
        return result;
    }
    // The kiosk sends its request as soon as it is welcomed.
    result.setupMs = kiosk.firstAtMs(QStringLiteral("first_remote_frame")) -
                     kiosk.firstAtMs(QStringLiteral("welcomed"));
    if (measureCpu) {
        const long hz = sysconf(_SC_CLK_TCK);
        const qint64 before = cpuTicks(kiosk.pid());
        QElapsedTimer wall;
        wall.start();
        // Measure the steady call, not the hangup: stop a second before it.
        QTest::qWait(std::max(1000, durationS * 1000 - 1000));
        const qint64 after = cpuTicks(kiosk.pid());
        if (before >= 0 && after >= before)
            result.cpuPercent =
                100.0 * double(after - before) / double(hz) / (double(wall.elapsed()) / 1000.0);
        const QList<QJsonObject> stats = kiosk.all(QStringLiteral("stats"));
        if (!stats.isEmpty())
            result.sentSize = QStringLiteral("%1x%2")
                                  .arg(stats.last().value(QStringLiteral("send_width")).toInt())
                                  .arg(stats.last().value(QStringLiteral("send_height")).toInt());
    }
    result.ok = kiosk.waitFinished(durationS * 1000 + 30000) && agent.waitFinished(10000) &&
                kiosk.exitCode() == 0 && agent.exitCode() == 0;
    if (!result.ok)
        fprintf(stderr, "%s", qPrintable(kiosk.dump() + agent.dump()));
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    gst_init(&argc, &argv);
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOptions({
        {"calls", "Calls for the setup time.", "n", "20"},
        {"cpu-call-s", "Length of the call whose kiosk CPU is measured.", "s", "20"},
        {"size", "Video size.", "WxH", "1280x720"},
        {"fps", "Frame rate.", "n", "30"},
        {"no-hub-route", "Do not run hub_route_bench."},
    });
    p.process(app);
    const int calls = std::max(1, p.value(QStringLiteral("calls")).toInt());
    const int cpuCallS = std::max(3, p.value(QStringLiteral("cpu-call-s")).toInt());
    const QStringList media =
        HubAndTurn::media(p.value(QStringLiteral("size")), p.value(QStringLiteral("fps")).toInt());

    HubAndTurn env;
    if (!env.start(false, 10)) {
        fprintf(stderr, "relais-callbench: the hub or coturn did not start\n");
        return 1;
    }
    QList<qint64> setups;
    for (int i = 0; i < calls; ++i) {
        const Call c = placeCall(env, media, 1, false);
        if (!c.ok) {
            fprintf(stderr, "relais-callbench: call %d failed\n", i + 1);
            return 1;
        }
        setups.append(c.setupMs);
        fprintf(stderr, "call %d: setup %lld ms\n", i + 1, c.setupMs);
    }
    std::sort(setups.begin(), setups.end());
    const double median = setups.size() % 2
                              ? double(setups[setups.size() / 2])
                              : (setups[setups.size() / 2 - 1] + setups[setups.size() / 2]) / 2.0;
    printf("call_setup_ms_samples: %lld (%s %s fps)\n", qlonglong(setups.size()),
           qPrintable(p.value(QStringLiteral("size"))), qPrintable(p.value(QStringLiteral("fps"))));
    printf("call_setup_ms_min: %lld ms\ncall_setup_ms_max: %lld ms\n", setups.first(),
           setups.last());
    printf("call_setup_ms_median: %.0f ms\n", median);
    fflush(stdout);

    // The figure asked for is the kiosk's CPU for a 720p30 call: both peers send exactly the
    // configured picture. This machine also runs the adviser's side, the hub and coturn, so the
    // kiosk's rate controller would otherwise see a busy machine and shrink the picture; that
    // adaptive call is measured next, with the size it ended at.
    const Call cpu =
        placeCall(env, media + QStringList{QStringLiteral("--fixed-rate")}, cpuCallS, true);
    if (!cpu.ok || cpu.cpuPercent < 0) {
        fprintf(stderr, "relais-callbench: the CPU call failed\n");
        return 1;
    }
    printf("kiosk_cpu_percent: %.0f %% (one core = 100 %%, %d s call, %s fixed)\n", cpu.cpuPercent,
           cpuCallS, qPrintable(cpu.sentSize));
    const Call adaptive = placeCall(env, media, cpuCallS, true);
    if (adaptive.ok && adaptive.cpuPercent >= 0)
        printf("kiosk_cpu_percent_adaptive: %.0f %% (sending %s at the end)\n", adaptive.cpuPercent,
               qPrintable(adaptive.sentSize));
    fflush(stdout);
    env.hub->stop();

    if (!p.isSet(QStringLiteral("no-hub-route"))) {
        QProcess route;
        route.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        route.start(QStringLiteral(HUB_ROUTE_BENCH_EXE), QStringList{});
        route.waitForFinished(300000);
        for (const QByteArray &line : route.readAllStandardOutput().split('\n')) {
            if (line.startsWith("hub_route_p99_ms"))
                printf("%s\n", line.constData());
        }
    }
    return 0;
}
