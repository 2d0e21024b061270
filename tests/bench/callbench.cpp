// SPDX-License-Identifier: EUPL-1.2
// relais-callbench: calls through a local relais-hub and coturn between the kiosk (relais-peer
// with test sources, at the kiosk's real picture size) and an adviser, as tests/e2e does.
// Not a test: nothing here passes or fails on figures.
//
//   build/tests/e2e/relais-callbench [--calls N] [--cpu-call-s S] [--size WxH] [--fps N]
//                                    [--peer relais-peer|chromium] [--no-hub-route]
//
// What is timed, every time on the wall clock the processes stamp their own events with
// (relais-peer's "wall_ms", Date.now() in Chromium):
//
// - call_setup_ms_median: the kiosk welcomed by the hub (it asks for the agency at once) to its
//   first decoded remote frame. The queue and the adviser's take (a click in the console, or
//   relais-peer taking by itself) are included.
// - call_media_setup_ms_median: the call handed over (the kiosk's "connecting": the hub's `call`
//   reached it, it sends the offer it prepared while queued) to the first decoded video frame on
//   both sides, the later of the two. call_media_setup_kiosk_ms_median stops at the kiosk's own
//   first frame. The kiosk is prepared as in production (CallSession::prepare(): pipeline
//   playing, data channel and offer made); the console's camera is already open (it keeps it
//   between calls) and it makes its peer connection on the `call`.
// - chromium_pair_setup_ms_median (--peer chromium), the reference: the same call with a
//   Chromium page in the kiosk's place, in the same state at the same moment. The offerer page
//   is prepared as the kiosk is (camera open, tracks and data channel added, offer made but not
//   set); the answerer page runs the console's own AgentCall with its camera open. Timed from
//   the hand-over (the answerer makes its call, the offerer sets and sends its offer, both
//   trickle candidates with the hub's STUN and TURN servers) to the first decoded video frame
//   on both pages, the later of the two. Messages between the pages pass through the driver
//   (browseragent.mjs) instead of the hub; the hub's share is hub_route_p99_ms.
//   Chromium notices a decoded frame by polling getStats every 10 ms, relais-peer at once.
// - kiosk_cpu_percent: the kiosk process during one long call at a fixed picture (100 % = one
//   core); chromium_pair_cpu_percent per side for the pair; hub_route_p99_ms from
//   hub_route_bench.
// - What each side delivered during the two long calls (fixed_… for the fixed-rate one):
//   kiosk_sent_size and kiosk_sent_fps (the kiosk's encoder output, median of its per-second
//   figures), adviser_received_size and adviser_received_fps (decoded by the adviser: the
//   console's framesDecoded over the call, or relais-peer's own figures), adviser_sent_size
//   and kiosk_received_fps the other way; a WARNING line when the kiosk sent a smaller
//   picture than --size.

#include "browseragent.h"
#include "e2efixture.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
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
    qint64 setupMs = -1;           // welcomed (the request) to the kiosk's first decoded frame
    qint64 mediaSetupMs = -1;      // the call handed over to a decoded frame on both sides
    qint64 kioskMediaSetupMs = -1; // the call handed over to the kiosk's first decoded frame
    double cpuPercent = -1;
    QString sentSize;     // the kiosk's picture in its last statistics, WxH
    QString receivedSize; // the adviser's picture, as the kiosk last decoded it
    // Over the measured part of the call (medians of the per-second figures).
    double kioskSentFps = -1;     // pictures the kiosk's encoder produced
    double kioskReceivedFps = -1; // the adviser's pictures the kiosk decoded
    QString adviserReceivedSize;  // the kiosk's picture as the adviser decoded it last
    double adviserReceivedFps = -1;
};

double medianOf(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? -1 : values.at(values.size() / 2);
}

// What the adviser's side decoded of the kiosk's picture: a size and a frame count.
struct Decoded
{
    QString size;
    double frames = -1;
    qint64 atMs = 0;
};

// Who answers: a relais-peer agent process per call, or one Chromium at the agents' console
// taking each request as it appears.
class Adviser
{
public:
    Adviser(const HubAndTurn &env, const QStringList &media, bool chromium)
        : m_env(env), m_media(media), m_chromium(chromium)
    {}

    bool open()
    {
        if (!m_chromium)
            return true;
        // Watched from before the login, whose device check opens the camera and so makes the
        // next call's connection.
        return m_browser.start(m_env.hub->consoleUrl()) &&
               m_browser.run({{"cmd", "watchFirstFrames"}}).value(QStringLiteral("ok")).toBool() &&
               m_browser
                   .run({{"cmd", "login"},
                         {"agency", "caf"},
                         {"login", kAgentLogin},
                         {"password", "agent-password"}})
                   .value(QStringLiteral("ok"))
                   .toBool();
    }

    // Before the kiosk asks.
    bool ready()
    {
        if (m_chromium)
            return true;
        m_agent = std::make_unique<PeerProcess>(QStringLiteral("agent"));
        return m_agent->start(m_env.agentArgs() + m_media) &&
               m_agent->waitFor(QStringLiteral("welcomed"), 30000);
    }

    // Whether the adviser takes with a click (the console) or by itself (relais-peer).
    bool clicks() const { return m_chromium; }

    // Once the kiosk is queued (relais-peer takes by itself).
    bool take()
    {
        return !m_chromium ||
               m_browser.run({{"cmd", "takeWhenQueued"}}).value(QStringLiteral("ok")).toBool();
    }

    // When the adviser's side decoded its first video frame of this call, on the wall clock;
    // -1 if it did not.
    qint64 firstFrameWallMs()
    {
        if (m_chromium) {
            const QJsonObject r = m_browser.run({{"cmd", "firstFrame"}});
            return r.value(QStringLiteral("ok")).toBool()
                       ? r.value(QStringLiteral("at")).toInteger()
                       : -1;
        }
        return m_agent->waitFor(QStringLiteral("first_remote_frame"), 30000)
                   ? m_agent->firstWallMs(QStringLiteral("first_remote_frame"))
                   : -1;
    }

    bool ended()
    {
        if (m_chromium)
            return m_browser.run({{"cmd", "waitEnded"}}).value(QStringLiteral("ok")).toBool();
        const bool ok = m_agent->waitFinished(10000) && m_agent->exitCode() == 0;
        return ok;
    }

    // Chromium: the console's counters now; relais-peer: its own per-second figures, read
    // with receivedFps() at the end.
    Decoded decoded()
    {
        Decoded d;
        d.atMs = QDateTime::currentMSecsSinceEpoch();
        if (m_chromium) {
            const QJsonObject r = m_browser.run({{"cmd", "stats"}});
            d.size = QStringLiteral("%1x%2")
                         .arg(r.value(QStringLiteral("videoWidth")).toInt())
                         .arg(r.value(QStringLiteral("videoHeight")).toInt());
            d.frames = r.value(QStringLiteral("framesDecoded")).toDouble(-1);
        } else if (m_agent) {
            const QList<QJsonObject> stats = m_agent->all(QStringLiteral("stats"));
            if (!stats.isEmpty())
                d.size = QStringLiteral("%1x%2")
                             .arg(stats.last().value(QStringLiteral("receive_width")).toInt())
                             .arg(stats.last().value(QStringLiteral("receive_height")).toInt());
        }
        return d;
    }
    // Frames per second the adviser decoded between two readings.
    double receivedFps(const Decoded &from, const Decoded &to, int skipStats) const
    {
        if (m_chromium)
            return from.frames < 0 || to.frames < 0 || to.atMs <= from.atMs
                       ? -1
                       : (to.frames - from.frames) * 1000.0 / double(to.atMs - from.atMs);
        QList<double> fps;
        const QList<QJsonObject> stats = m_agent->all(QStringLiteral("stats"));
        for (qsizetype i = skipStats; i < stats.size(); ++i)
            fps << stats.at(i).value(QStringLiteral("fps")).toDouble();
        return medianOf(fps);
    }

    QString dump() const { return m_agent ? m_agent->dump() : QString(); }
    BrowserAgent &browser() { return m_browser; }

private:
    const HubAndTurn &m_env;
    QStringList m_media;
    bool m_chromium;
    BrowserAgent m_browser;
    std::unique_ptr<PeerProcess> m_agent;
};

// One call: the adviser waits, the kiosk asks and hangs up durationS after connecting.
Call placeCall(const HubAndTurn &env, Adviser &adviser, const QStringList &media, int durationS,
               bool measureCpu)
{
    Call result;
    PeerProcess kiosk(QStringLiteral("kiosk"));
    if (!adviser.ready())
        return result;
    if (!kiosk.start(env.kioskArgs(QStringLiteral("borne-1")) + media +
                     QStringList{QStringLiteral("--duration"), QString::number(durationS)}))
        return result;
    // A resident waits in the queue for longer than the kiosk takes to prepare its call; an
    // adviser here takes at once, so the console waits for the prepared offer as a real queue
    // would. relais-peer as the adviser takes by itself, prepared or not.
    const bool prepared =
        !adviser.clicks() || kiosk.waitFor(QStringLiteral("offer_prepared"), 30000);
    if (!prepared || !adviser.take() ||
        !kiosk.waitFor(QStringLiteral("first_remote_frame"), 60000)) {
        fprintf(stderr, "%s", qPrintable(kiosk.dump() + adviser.dump()));
        return result;
    }
    // The kiosk sends its request as soon as it is welcomed; its call session starts
    // ("connecting") when the hub hands it the call.
    const qint64 welcomed = kiosk.firstWallMs(QStringLiteral("welcomed"));
    const qint64 handedOver = kiosk.firstWallMs(QStringLiteral("state"), [](const QJsonObject &e) {
        return e.value(QStringLiteral("state")).toString() == QLatin1String("connecting");
    });
    const qint64 kioskFrame = kiosk.firstWallMs(QStringLiteral("first_remote_frame"));
    const qint64 adviserFrame = adviser.firstFrameWallMs();
    if (welcomed < 0 || handedOver < 0 || kioskFrame < 0 || adviserFrame < 0) {
        fprintf(stderr, "relais-callbench: a side did not see the other's picture\n%s",
                qPrintable(kiosk.dump() + adviser.dump()));
        return result;
    }
    result.setupMs = kioskFrame - welcomed;
    result.kioskMediaSetupMs = kioskFrame - handedOver;
    result.mediaSetupMs = std::max(kioskFrame, adviserFrame) - handedOver;
    if (measureCpu) {
        const long hz = sysconf(_SC_CLK_TCK);
        // The adviser's counters start with the call a moment after the first frame.
        QTest::qWait(2000);
        const qint64 before = cpuTicks(kiosk.pid());
        const qsizetype kioskStatsBefore = kiosk.all(QStringLiteral("stats")).size();
        const Decoded adviserBefore = adviser.decoded();
        QElapsedTimer wall;
        wall.start();
        // Measure the steady call, not the hangup: stop a second before it.
        QTest::qWait(std::max(1000, durationS * 1000 - 3000));
        const qint64 after = cpuTicks(kiosk.pid());
        const Decoded adviserAfter = adviser.decoded();
        result.adviserReceivedSize = adviserAfter.size;
        result.adviserReceivedFps = adviser.receivedFps(adviserBefore, adviserAfter, 2);
        QList<double> sentFps;
        QList<double> receivedFps;
        const QList<QJsonObject> all = kiosk.all(QStringLiteral("stats"));
        for (qsizetype i = kioskStatsBefore; i < all.size(); ++i) {
            sentFps << all.at(i).value(QStringLiteral("send_fps")).toDouble();
            receivedFps << all.at(i).value(QStringLiteral("fps")).toDouble();
        }
        result.kioskSentFps = medianOf(sentFps);
        result.kioskReceivedFps = medianOf(receivedFps);
        if (before >= 0 && after >= before)
            result.cpuPercent =
                100.0 * double(after - before) / double(hz) / (double(wall.elapsed()) / 1000.0);
        const QList<QJsonObject> stats = kiosk.all(QStringLiteral("stats"));
        if (!stats.isEmpty()) {
            const QJsonObject &last = stats.last();
            result.sentSize = QStringLiteral("%1x%2")
                                  .arg(last.value(QStringLiteral("send_width")).toInt())
                                  .arg(last.value(QStringLiteral("send_height")).toInt());
            result.receivedSize = QStringLiteral("%1x%2")
                                      .arg(last.value(QStringLiteral("receive_width")).toInt())
                                      .arg(last.value(QStringLiteral("receive_height")).toInt());
        }
    }
    result.ok =
        kiosk.waitFinished(durationS * 1000 + 30000) && kiosk.exitCode() == 0 && adviser.ended();
    if (!result.ok)
        fprintf(stderr, "%s", qPrintable(kiosk.dump() + adviser.dump()));
    return result;
}

// What each side delivered during a measured call, and a warning when the kiosk sent a
// smaller picture than configured (the machine or the line made it shrink).
void printDelivered(const char *prefix, const Call &c, const QString &configured)
{
    printf("%skiosk_sent_size: %s\n", prefix, qPrintable(c.sentSize));
    printf("%skiosk_sent_fps: %.1f fps\n", prefix, c.kioskSentFps);
    printf("%sadviser_received_size: %s\n", prefix, qPrintable(c.adviserReceivedSize));
    printf("%sadviser_received_fps: %.1f fps\n", prefix, c.adviserReceivedFps);
    printf("%sadviser_sent_size: %s (as the kiosk decoded it)\n", prefix,
           qPrintable(c.receivedSize));
    printf("%skiosk_received_fps: %.1f fps\n", prefix, c.kioskReceivedFps);
    const QStringList sent = c.sentSize.split(QLatin1Char('x'));
    const QStringList wanted = configured.split(QLatin1Char('x'));
    if (sent.value(0).toInt() * sent.value(1).toInt() <
        wanted.value(0).toInt() * wanted.value(1).toInt())
        printf("WARNING: %sthe kiosk sent %s, below the configured %s\n", prefix,
               qPrintable(c.sentSize), qPrintable(configured));
}

double median(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? double(values[n / 2]) : (values[n / 2 - 1] + values[n / 2]) / 2.0;
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
        {"peer",
         "Who answers: relais-peer or chromium (the agents' console in Debian's "
         "Chromium, then Chromium calling Chromium as the reference).",
         "kind", "relais-peer"},
    });
    p.process(app);
    const int calls = std::max(1, p.value(QStringLiteral("calls")).toInt());
    const int cpuCallS = std::max(3, p.value(QStringLiteral("cpu-call-s")).toInt());
    const QStringList media =
        HubAndTurn::media(p.value(QStringLiteral("size")), p.value(QStringLiteral("fps")).toInt());

    const bool chromium = p.value(QStringLiteral("peer")) == QLatin1String("chromium");
    HubAndTurn env;
    if (!env.start(false, 10, chromium)) {
        fprintf(stderr, "relais-callbench: the hub or coturn did not start\n");
        return 1;
    }
    Adviser adviser(env, media, chromium);
    if (!adviser.open()) {
        fprintf(stderr, "relais-callbench: Chromium did not log in to the console\n");
        return 1;
    }
    QList<qint64> setups;
    QList<qint64> mediaSetups;
    QList<qint64> kioskMediaSetups;
    for (int i = 0; i < calls; ++i) {
        const Call c = placeCall(env, adviser, media, 1, false);
        if (!c.ok) {
            fprintf(stderr, "relais-callbench: call %d failed\n", i + 1);
            return 1;
        }
        setups.append(c.setupMs);
        mediaSetups.append(c.mediaSetupMs);
        kioskMediaSetups.append(c.kioskMediaSetupMs);
        fprintf(stderr, "call %d: setup %lld ms, media %lld ms (kiosk's side %lld ms)\n", i + 1,
                c.setupMs, c.mediaSetupMs, c.kioskMediaSetupMs);
    }
    std::sort(setups.begin(), setups.end());
    printf("call_setup_ms_samples: %lld (%s %s fps, adviser %s)\n", qlonglong(setups.size()),
           qPrintable(p.value(QStringLiteral("size"))), qPrintable(p.value(QStringLiteral("fps"))),
           chromium ? "Chromium" : "relais-peer");
    printf("call_setup_ms_min: %lld ms\ncall_setup_ms_max: %lld ms\n", setups.first(),
           setups.last());
    printf("call_setup_ms_median: %.0f ms\n", median(setups));
    // Without the queue: comparable with two browsers calling each other.
    printf("call_media_setup_ms_median: %.0f ms (both sides)\n", median(mediaSetups));
    printf("call_media_setup_kiosk_ms_median: %.0f ms\n", median(kioskMediaSetups));
    fflush(stdout);

    // The figure asked for is the kiosk's CPU for a 720p30 call: both peers send exactly the
    // configured picture (Chromium too, see holdPicture in browseragent.mjs). This machine also
    // runs the adviser's side, the hub and coturn, so the kiosk's rate controller would otherwise
    // see a busy machine and shrink the picture; that adaptive call is measured next, with the size
    // it ended at.
    if (chromium)
        adviser.browser().run({{"cmd", "holdPicture"}, {"on", true}});
    const Call cpu = placeCall(env, adviser, media + QStringList{QStringLiteral("--fixed-rate")},
                               cpuCallS, true);
    if (chromium)
        adviser.browser().run({{"cmd", "holdPicture"}, {"on", false}});
    if (!cpu.ok || cpu.cpuPercent < 0) {
        fprintf(stderr, "relais-callbench: the CPU call failed\n");
        return 1;
    }
    printf("kiosk_cpu_percent: %.0f %% (one core = 100 %%, %d s call, %s fixed, receiving %s)\n",
           cpu.cpuPercent, cpuCallS, qPrintable(cpu.sentSize), qPrintable(cpu.receivedSize));
    const QString configured = p.value(QStringLiteral("size"));
    printDelivered("fixed_", cpu, configured);
    const Call adaptive = placeCall(env, adviser, media, cpuCallS, true);
    if (adaptive.ok && adaptive.cpuPercent >= 0) {
        printf("kiosk_cpu_percent_adaptive: %.0f %% (sending %s at the end)\n", adaptive.cpuPercent,
               qPrintable(adaptive.sentSize));
        printDelivered("", adaptive, configured);
    }
    fflush(stdout);

    if (chromium) {
        // The reference: a Chromium page in the kiosk's place, timed as the calls above.
        const QStringList size = p.value(QStringLiteral("size")).split(QLatin1Char('x'));
        const QJsonObject pair = adviser.browser().run({{"cmd", "chromiumPair"},
                                                        {"calls", calls},
                                                        {"seconds", cpuCallS},
                                                        {"width", size.value(0).toInt()},
                                                        {"height", size.value(1).toInt()}},
                                                       600000);
        if (!pair.value(QStringLiteral("ok")).toBool()) {
            fprintf(stderr, "relais-callbench: the Chromium pair failed\n");
            return 1;
        }
        QList<qint64> pairSetups;
        for (const QJsonValue v : pair.value(QStringLiteral("setups")).toArray())
            pairSetups.append(v.toInteger());
        printf("chromium_pair_setup_ms_median: %.0f ms (both sides)\n", median(pairSetups));
        printf("chromium_pair_cpu_percent: %.0f %% per side (%d s call, %d px wide received)\n",
               pair.value(QStringLiteral("cpuPercentPerSide")).toDouble(), cpuCallS,
               pair.value(QStringLiteral("width")).toInt());
        fflush(stdout);
    }
    env.hub->stop();

    if (!p.isSet(QStringLiteral("no-hub-route"))) {
        QProcess route;
        route.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        route.start(QStringLiteral(RELAIS_HUB_ROUTE_BENCH_EXE), QStringList{});
        route.waitForFinished(300000);
        for (const QByteArray &line : route.readAllStandardOutput().split('\n')) {
            if (line.startsWith("hub_route_p99_ms"))
                printf("%s\n", line.constData());
        }
    }
    return 0;
}
