// SPDX-License-Identifier: EUPL-1.2
// Video-counter benchmark (not a test): call set-up time to the first decoded remote frame over
// direct loopback calls in one process, then the kiosk process's CPU during a 20 s 720p30 call
// between two relais-peer processes, with the size and frame rate each side delivered (a
// WARNING line when the kiosk sent below 1280x720). Prints `name: value unit` lines.

#include "callsession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QTimer>

#include <unistd.h>

#include <algorithm>
#include <cstdio>

using namespace relais::media;

namespace {

CallConfig config(CallRole role)
{
    CallConfig c;
    c.role = role;
    c.testSources = true;
    c.audioSink = QStringLiteral("fakesink");
    c.localAddresses = {QStringLiteral("127.0.0.1")};
    return c; // 1280x720 at 30 fps, the default
}

void spin(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

qint64 setupMs()
{
    CallSession kiosk(config(CallRole::Offerer));
    CallSession agent(config(CallRole::Answerer));
    QObject::connect(&kiosk, &CallSession::localDescription, &agent,
                     &CallSession::setRemoteDescription, Qt::QueuedConnection);
    QObject::connect(&agent, &CallSession::localDescription, &kiosk,
                     &CallSession::setRemoteDescription, Qt::QueuedConnection);
    QObject::connect(&kiosk, &CallSession::localCandidate, &agent, &CallSession::addRemoteCandidate,
                     Qt::QueuedConnection);
    QObject::connect(&agent, &CallSession::localCandidate, &kiosk, &CallSession::addRemoteCandidate,
                     Qt::QueuedConnection);
    bool first = false;
    QObject::connect(&kiosk, &CallSession::firstRemoteFrame, [&first] { first = true; });
    QElapsedTimer t;
    t.start();
    agent.start();
    kiosk.start();
    spin([&first] { return first; }, 20000);
    const qint64 ms = first ? t.elapsed() : -1;
    kiosk.hangUp();
    agent.hangUp();
    return ms;
}

double cpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray s = f.readAll();
    const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the file, 12 and 13 after the command name.
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) / sysconf(_SC_CLK_TCK);
}

double medianOf(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? -1 : values.at(values.size() / 2);
}

// What each side delivered, from the statistics both peers print once a second during the
// measured part of the call, and a warning when the kiosk sent below the configured size.
void printDelivered(const QList<QJsonObject> &kiosk, const QList<QJsonObject> &agent,
                    const QString &configured)
{
    auto size = [](const QList<QJsonObject> &stats, const char *w, const char *h) {
        return stats.isEmpty() ? QStringLiteral("none")
                               : QStringLiteral("%1x%2")
                                     .arg(stats.last().value(QLatin1String(w)).toInt())
                                     .arg(stats.last().value(QLatin1String(h)).toInt());
    };
    auto fps = [](const QList<QJsonObject> &stats, const char *field) {
        QList<double> values;
        for (const QJsonObject &s : stats)
            values << s.value(QLatin1String(field)).toDouble();
        return medianOf(values);
    };
    const QString sent = size(kiosk, "send_width", "send_height");
    printf("kiosk_sent_size: %s\n", qPrintable(sent));
    printf("kiosk_sent_fps: %.1f fps\n", fps(kiosk, "send_fps"));
    printf("adviser_received_size: %s\n",
           qPrintable(size(agent, "receive_width", "receive_height")));
    printf("adviser_received_fps: %.1f fps\n", fps(agent, "fps"));
    printf("adviser_sent_size: %s\n", qPrintable(size(agent, "send_width", "send_height")));
    printf("adviser_sent_fps: %.1f fps\n", fps(agent, "send_fps"));
    printf("kiosk_received_size: %s\n", qPrintable(size(kiosk, "receive_width", "receive_height")));
    printf("kiosk_received_fps: %.1f fps\n", fps(kiosk, "fps"));
    const QStringList a = sent.split(QLatin1Char('x'));
    const QStringList b = configured.split(QLatin1Char('x'));
    if (a.value(0).toInt() * a.value(1).toInt() < b.value(0).toInt() * b.value(1).toInt())
        printf("WARNING: the kiosk sent %s, below the configured %s\n", qPrintable(sent),
               qPrintable(configured));
}

double kioskCpuPercent(const QString &peer, int seconds)
{
    const QStringList common = {
        "--direct",  "--test-sources", "--audio-sink", "fakesink", "--local-address",
        "127.0.0.1", "--size",         "1280x720",     "--fps",    "30"};
    QProcess kiosk, agent;
    bool connected = false;
    bool measuring = false;
    QList<QJsonObject> kioskStats;
    QList<QJsonObject> agentStats;
    auto relay = [&](QProcess &from, QProcess &to) {
        while (from.canReadLine()) {
            const QByteArray line = from.readLine();
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.contains(QStringLiteral("type")))
                to.write(line);
            else if (measuring &&
                     o.value(QStringLiteral("event")).toString() == QLatin1String("stats"))
                (&from == &kiosk ? kioskStats : agentStats) << o;
            else if (o.value(QStringLiteral("event")).toString() == QLatin1String("state") &&
                     o.value(QStringLiteral("state")).toString() == QLatin1String("connected"))
                connected = true;
        }
    };
    QObject::connect(&kiosk, &QProcess::readyReadStandardOutput, [&] { relay(kiosk, agent); });
    QObject::connect(&agent, &QProcess::readyReadStandardOutput, [&] { relay(agent, kiosk); });
    kiosk.setProcessChannelMode(QProcess::SeparateChannels);
    kiosk.setStandardErrorFile(QProcess::nullDevice());
    agent.setStandardErrorFile(QProcess::nullDevice());
    kiosk.start(peer, QStringList{"--role", "kiosk"} + common);
    agent.start(peer, QStringList{"--role", "agent"} + common);
    spin([&connected] { return connected; }, 20000);
    if (!connected)
        return -1;
    // The first seconds of a call are its ramp-up, not what it delivers.
    spin([] { return false; }, 2000);
    measuring = true;
    const double before = cpuSeconds(kiosk.processId());
    QElapsedTimer t;
    t.start();
    spin([] { return false; }, seconds * 1000);
    const double used = cpuSeconds(kiosk.processId()) - before;
    measuring = false;
    printDelivered(kioskStats, agentStats, QStringLiteral("1280x720"));
    const double wall = double(t.elapsed()) / 1000.0;
    kiosk.kill();
    agent.kill();
    kiosk.waitForFinished();
    agent.waitForFinished();
    return 100.0 * used / wall;
}

} // namespace

int main(int argc, char *argv[])
{
    gst_init(&argc, &argv);
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("relais.*=false"));
    const int calls = 5;
    QList<qint64> times;
    for (int i = 0; i < calls; ++i)
        times << setupMs();
    std::sort(times.begin(), times.end());
    printf("call_setup_ms_median: %lld ms\n", static_cast<long long>(times.at(calls / 2)));
    printf("call_setup_ms_all: %s ms\n", qPrintable([&times] {
               QStringList s;
               for (qint64 t : times)
                   s << QString::number(t);
               return s.join(QLatin1Char(','));
           }()));
    const QString peer = QStringLiteral(RELAIS_PEER_EXE);
    printf("kiosk_cpu_percent: %.0f %%\n", kioskCpuPercent(peer, 20));
    return 0;
}
