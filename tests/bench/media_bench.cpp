// SPDX-License-Identifier: EUPL-1.2
// Video-counter benchmark (not a test): call set-up time to the first decoded remote frame over
// direct loopback calls in one process, then the kiosk process's CPU during a 20 s 720p30 call
// between two relais-peer processes. Prints `name: value unit` lines.

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

double kioskCpuPercent(const QString &peer, int seconds)
{
    const QStringList common = {
        "--direct",  "--test-sources", "--audio-sink", "fakesink", "--local-address",
        "127.0.0.1", "--size",         "1280x720",     "--fps",    "30"};
    QProcess kiosk, agent;
    bool connected = false;
    auto relay = [&connected](QProcess &from, QProcess &to) {
        while (from.canReadLine()) {
            const QByteArray line = from.readLine();
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.contains(QStringLiteral("type")))
                to.write(line);
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
    const double before = cpuSeconds(kiosk.processId());
    QElapsedTimer t;
    t.start();
    spin([] { return false; }, seconds * 1000);
    const double used = cpuSeconds(kiosk.processId()) - before;
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
