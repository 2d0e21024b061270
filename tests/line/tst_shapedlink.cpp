// SPDX-License-Identifier: EUPL-1.2
// The kiosk on an ADSL line (the `adsl` profile of relais-linebench: 1 Mbit/s up, 400 ms of
// modem buffer, in the kernel with tc tbf), calling the console in Chromium through coturn for
// 30 s at its real picture size. After a settling time, what the adviser receives must keep
// the line usable for a conversation: the kiosk's round trip above the unloaded one (from the
// RTCP reports, its own queueing behind its media in the modem) stays under 250 ms,
// and the voice is never cut (no second in which 100 ms or more of the sound Chromium played
// had to be made up for packets lost or late).

#include "linecall.h"
#include "linkseries.h"

#include <QTest>

using namespace relais;
using namespace relais::e2e;

namespace {
constexpr int kCallS = 30;
constexpr double kSettleS = 10;
constexpr double kMaxQueueMs = 250;
constexpr double kCutMs = 100;
// A link with nothing queued has a round trip of a few ms here; a lowest round trip above
// this means the buffer never emptied, and no baseline was seen.
constexpr double kMaxUnloadedRttMs = 50;
} // namespace

class TestShapedLink : public QObject
{
    Q_OBJECT
private slots:
    void adsl();
};

void TestShapedLink::adsl()
{
    LineCall line(43);
    QString error;
    if (!line.createLink(&error))
        QSKIP(qPrintable(QStringLiteral("no network namespace here: ") + error));
    QVERIFY2(line.link().shape(1000, 400, &error), qPrintable(error));
    QVERIFY2(line.start({line.turnUdpUrl()}, &error), qPrintable(error));

    PeerProcess kiosk(QStringLiteral("kiosk"));
    qint64 setupMs = -1;
    QVERIFY2(
        line.placeKioskCall(kiosk,
                            line.kioskArguments() + QStringList{QStringLiteral("--force-relay"),
                                                                QStringLiteral("--duration"),
                                                                QString::number(kCallS + 10)},
                            &setupMs, &error),
        qPrintable(error));

    LinkSeries series;
    for (int i = 0; i <= kCallS; ++i) {
        series.add(line.adviser().run({{"cmd", "linkSample"}}), LineCall::kioskRttMs(kiosk));
        QTest::qWait(1000);
    }
    const double baseline = series.lowestRttMs();
    QString figures =
        QStringLiteral("setup %1 ms, unloaded RTT %2 ms\n").arg(setupMs).arg(baseline);
    for (const LinkInterval &i : series.intervals())
        figures += QStringLiteral("%1 s: queue %2 ms, video %3 kbit/s %4 fps, concealed %5 ms, "
                                  "freezes %6\n")
                       .arg(i.endS, 0, 'f', 0)
                       .arg(i.rttMs < 0 ? -1 : i.rttMs - baseline, 0, 'f', 0)
                       .arg(i.videoKbps, 0, 'f', 0)
                       .arg(i.framesPerS, 0, 'f', 1)
                       .arg(i.concealedMs, 0, 'f', 0)
                       .arg(i.freezes);
    qInfo().noquote() << figures;
    QVERIFY2(baseline >= 0 && baseline < kMaxUnloadedRttMs, qPrintable(figures));

    const QList<LinkInterval> settled = series.after(kSettleS);
    QVERIFY(settled.size() >= kCallS - kSettleS - 2);
    int measured = 0;
    for (const LinkInterval &i : settled) {
        // Sound flowed in every second, and none of it was cut.
        QVERIFY2(i.audioMs > 500, qPrintable(figures));
        QVERIFY2(i.concealedMs < kCutMs, qPrintable(figures));
        if (i.rttMs >= 0) {
            ++measured;
            QVERIFY2(i.rttMs - baseline < kMaxQueueMs, qPrintable(figures));
        }
    }
    QVERIFY2(measured >= settled.size() / 2, qPrintable(figures));
}

QTEST_GUILESS_MAIN(TestShapedLink)
#include "tst_shapedlink.moc"
