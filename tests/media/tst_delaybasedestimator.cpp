// SPDX-License-Identifier: EUPL-1.2
// The delay-based estimator on feedback from a simulated bottleneck (a FIFO with a rate and a
// buffer, as an ADSL modem is) and on feedback recorded from a real call.

#include "delaybasedestimator.h"

#include <QFile>
#include <QTest>

#include <functional>
#include <random>

using namespace relais::media;

namespace {

// A sender at the estimator's rate, 30 frames a second, through one bottleneck; transport-cc
// feedback every 100 ms, as Chromium sends it.
struct Bottleneck
{
    std::function<double(qint64 ms)> capacityKbps;
    double bufferMs = 400;
    double baseDelayMs = 20;
    double randomLoss = 0;
};

struct Run
{
    qint64 firstDecreaseMs = -1;
    QList<double> queueDelayMs;  // per report, the longest time a packet it covers queued
    QList<int> targets;          // per report
    QList<double> deliveredKbps; // per second
    int overuses = 0;
};

Run simulate(DelayBasedEstimator &e, const Bottleneck &link, qint64 fromMs, qint64 toMs)
{
    Run run;
    std::minstd_rand random(19);
    std::uniform_real_distribution<double> uniform(0, 1);
    std::vector<PacketFeedback> pending;
    std::vector<std::pair<qint64, double>> queued; // (arrival µs, queue delay ms) of pending
    double lastDepartureUs = 0;
    qint64 nextReportMs = fromMs + 100;
    qint64 deliveredBytes = 0;
    qint64 nextSecondMs = fromMs + 1000;
    for (qint64 frameMs = fromMs; frameMs < toMs; frameMs += 33) {
        const int frameBytes = e.targetKbps() * 1000 / 8 / 30;
        for (int sent = 0, i = 0; sent < frameBytes; ++i) {
            const int bytes = std::min(1200, frameBytes - sent);
            sent += bytes;
            PacketFeedback p;
            p.sendUs = frameMs * 1000 + i * 50; // a frame leaves in a burst
            p.bytes = bytes;
            const double startUs = std::max(double(p.sendUs), lastDepartureUs);
            const double queueMs = (startUs - double(p.sendUs)) / 1000;
            if (queueMs <= link.bufferMs && uniform(random) >= link.randomLoss) {
                lastDepartureUs = startUs + bytes * 8 * 1000.0 / link.capacityKbps(frameMs);
                p.arrivalUs = qint64(lastDepartureUs + link.baseDelayMs * 1000);
                deliveredBytes += bytes;
            } else if (queueMs > link.bufferMs) {
                // tail drop: the modem's buffer is full
            }
            pending.push_back(p);
            queued.emplace_back(p.arrivalUs, queueMs);
        }
        const qint64 nowMs = frameMs + 33;
        if (nowMs >= nextReportMs) {
            // The report covers what has arrived by now, and what was lost before it.
            std::vector<PacketFeedback> report;
            std::vector<PacketFeedback> later;
            double lastQueue = 0;
            for (std::size_t i = 0; i < pending.size(); ++i) {
                if (pending[i].arrivalUs <= nowMs * 1000) {
                    report.push_back(pending[i]);
                    lastQueue = std::max(lastQueue, queued[i].second);
                } else {
                    later.push_back(pending[i]);
                }
            }
            std::vector<std::pair<qint64, double>> laterQueued;
            for (const auto &q : queued)
                if (q.first > nowMs * 1000)
                    laterQueued.push_back(q);
            pending = later;
            queued = laterQueued;
            const int decreasesBefore = e.decreases();
            e.onFeedback(report, nowMs + qint64(link.baseDelayMs));
            if (e.decreases() > decreasesBefore) {
                ++run.overuses;
                if (run.firstDecreaseMs < 0)
                    run.firstDecreaseMs = nowMs;
            }
            run.queueDelayMs << lastQueue;
            run.targets << e.targetKbps();
            nextReportMs += 100;
        }
        if (nowMs >= nextSecondMs) {
            run.deliveredKbps << double(deliveredBytes) * 8 / 1000;
            deliveredBytes = 0;
            nextSecondMs += 1000;
        }
    }
    return run;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

class TestDelayBasedEstimator : public QObject
{
    Q_OBJECT
private slots:
    void growingDelayBacksOffWithinASecond();
    void keepsTheAdslQueueShort();
    void steadyLinkClimbsBack();
    void lossWithoutDelayGrowthIsLeftToTheLossRule();
    void recordedChromiumCallIsNeverOverused();
};

void TestDelayBasedEstimator::growingDelayBacksOffWithinASecond()
{
    DelayBasedEstimator e(1500, 150, 1500);
    Bottleneck link;
    // Ample for 5 s, then a 1 Mbit/s line: the queue starts growing at 5 s.
    link.capacityKbps = [](qint64 ms) { return ms < 5000 ? 10000.0 : 1000.0; };
    const Run run = simulate(e, link, 0, 8000);
    QCOMPARE(e.decreases() > 0, true);
    qInfo() << "first decrease at" << run.firstDecreaseMs << "ms; target" << e.targetKbps();
    QVERIFY(run.firstDecreaseMs >= 5000);
    QVERIFY(run.firstDecreaseMs <= 6000);
    // Down to what the far end received, not further.
    QVERIFY(e.targetKbps() < 1000);
    QVERIFY(e.targetKbps() >= 500);
}

void TestDelayBasedEstimator::keepsTheAdslQueueShort()
{
    // The adsl profile of issue 19: 1 Mbit/s up, 400 ms of buffer, 60 s.
    DelayBasedEstimator e(1200, 150, 1500);
    Bottleneck link;
    link.capacityKbps = [](qint64) { return 1000.0; };
    const Run run = simulate(e, link, 0, 60000);
    const QList<double> settled = run.queueDelayMs.mid(run.queueDelayMs.size() / 3);
    const QList<double> delivered = run.deliveredKbps.mid(run.deliveredKbps.size() / 3);
    qInfo() << "queue delay median" << median(settled) << "ms, worst"
            << *std::max_element(settled.begin(), settled.end()) << "ms, delivered"
            << median(delivered) << "kbps, decreases" << e.decreases();
    QVERIFY(median(settled) < 150);
    QVERIFY(median(delivered) > 700);
}

void TestDelayBasedEstimator::steadyLinkClimbsBack()
{
    DelayBasedEstimator e(1500, 150, 1500);
    Bottleneck link;
    // 10 s at 600 kbit/s (the estimate comes down), then 3 Mbit/s.
    link.capacityKbps = [](qint64 ms) { return ms < 10000 ? 600.0 : 3000.0; };
    simulate(e, link, 0, 10000);
    QVERIFY(e.targetKbps() < 600);
    const Run after = simulate(e, link, 10000, 50000);
    qInfo() << "back to" << e.targetKbps() << "kbps";
    QCOMPARE(e.targetKbps(), 1500);
    QCOMPARE(after.overuses, 0);
}

void TestDelayBasedEstimator::lossWithoutDelayGrowthIsLeftToTheLossRule()
{
    DelayBasedEstimator e(1000, 150, 1500);
    Bottleneck link;
    link.capacityKbps = [](qint64) { return 5000.0; };
    link.randomLoss = 0.05;
    const Run run = simulate(e, link, 0, 20000);
    QCOMPARE(e.decreases(), 0);
    QCOMPARE(e.targetKbps(), 1500);
    QVERIFY(e.usage() != BandwidthUsage::Overusing);
    Q_UNUSED(run);
}

void TestDelayBasedEstimator::recordedChromiumCallIsNeverOverused()
{
    // Feedback recorded from a real call (tests/media/data/README.md says how): one report
    // per line, "now_ms send_us:arrival_us:bytes ..." with arrival -1 for a lost packet.
    QFile file(QStringLiteral(RELAIS_TEST_SOURCE_DIR "/data/twcc-kiosk-to-chromium.txt"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    DelayBasedEstimator e(300, 150, 1500);
    int reports = 0;
    while (!file.atEnd()) {
        const QList<QByteArray> fields = file.readLine().trimmed().split(' ');
        if (fields.size() < 2 || fields.first().startsWith('#'))
            continue;
        std::vector<PacketFeedback> packets;
        for (qsizetype i = 1; i < fields.size(); ++i) {
            const QList<QByteArray> p = fields.at(i).split(':');
            QCOMPARE(p.size(), 3);
            packets.push_back({p[0].toLongLong(), p[1].toLongLong(), p[2].toInt()});
        }
        e.onFeedback(packets, fields.first().toLongLong());
        ++reports;
    }
    QVERIFY(reports > 100);
    qInfo() << reports << "reports, target" << e.targetKbps() << "acknowledged"
            << e.acknowledgedKbps();
    QCOMPARE(e.decreases(), 0);
    QVERIFY(e.acknowledgedKbps() > 0);
    QVERIFY(e.targetKbps() > 300);
}

QTEST_APPLESS_MAIN(TestDelayBasedEstimator)
#include "tst_delaybasedestimator.moc"
