// SPDX-License-Identifier: EUPL-1.2
// The kiosk's send-rate decisions, fed with the reports a bad line or a slow machine produces.

#include "videoratecontroller.h"

#include <QTest>

using namespace relais::media;

class TestVideoRateController : public QObject
{
    Q_OBJECT
private slots:
    void startsAtTheConfiguredPicture();
    void heavyLossLowersBitrateThenPicture();
    void moderateLossHolds();
    void unknownLossHolds();
    void cleanLineClimbsBackSlowly();
    void queueingDelayLowersBitrate();
    void repeatedKeyframeRequestsCountAsHeavyLoss();
    void slowEncoderCapsThePictureForAWhile();
    void overshootingEncoderCapsThePictureForAWhile();
    void smallConfigurationKeepsItsOwnSize();
    void delayBasedEstimateCapsTheTarget();
    void starvedLineKeepsTheVoiceThenTriesThePictureAgain();
    void weakLineIsToldOnlyForTheLine();

private:
    static void feed(VideoRateController &c, const RateInput &in, int ticks)
    {
        for (int i = 0; i < ticks; ++i)
            c.update(in);
    }
};

void TestVideoRateController::startsAtTheConfiguredPicture()
{
    VideoRateController c(QSize(1280, 720), 1200);
    QCOMPARE(c.targetKbps(), 1200);
    QCOMPARE(c.targetSize(), QSize(1280, 720));
    QCOMPARE(c.limitation(), "");
}

void TestVideoRateController::heavyLossLowersBitrateThenPicture()
{
    VideoRateController c(QSize(1280, 720), 1200);
    QVERIFY(c.update({0.2, 50, 0}));
    QCOMPARE(c.targetKbps(), 1080); // 1200 × (1 − 0.5 × 0.2)
    QCOMPARE(c.targetSize(), QSize(1280, 720));
    QCOMPARE(c.limitation(), "network");
    c.update({0.2, 50, 0}); // 972
    c.update({0.2, 50, 0}); // 874: below the 720p rung at once
    QCOMPARE(c.targetKbps(), 874);
    QCOMPARE(c.targetSize(), QSize(960, 540));
    feed(c, {0.3, 50, 0}, 40);
    QCOMPARE(c.targetKbps(), VideoRateController::MinKbps);
    QCOMPARE(c.targetSize(), QSize(320, 180));
}

void TestVideoRateController::moderateLossHolds()
{
    VideoRateController c(QSize(1280, 720), 1200);
    c.update({0.5, 50, 0});
    const int held = c.targetKbps();
    QVERIFY(!c.update({0.05, 50, 0}));
    QVERIFY(!c.update({0.09, 50, 0}));
    QCOMPARE(c.targetKbps(), held);
}

void TestVideoRateController::unknownLossHolds()
{
    VideoRateController c(QSize(1280, 720), 1200);
    c.update({0.5, 50, 0});
    const int held = c.targetKbps();
    QVERIFY(!c.update({-1, -1, 0}));
    QCOMPARE(c.targetKbps(), held);
}

void TestVideoRateController::cleanLineClimbsBackSlowly()
{
    VideoRateController c(QSize(1280, 720), 1200);
    feed(c, {0.4, 50, 0}, 20);
    QCOMPARE(c.targetSize(), QSize(320, 180));
    // The bitrate grows every second; the picture waits until the next rung is comfortable
    // for five seconds, so a short clean spell does not make it pump.
    QSize last = c.targetSize();
    int sizeChanges = 0;
    int ticks = 0;
    for (; ticks < 120 && c.targetKbps() < 1200; ++ticks) {
        const int kbps = c.targetKbps();
        c.update({0, 50, 0});
        QVERIFY(c.targetKbps() > kbps);
        if (c.targetSize() != last) {
            ++sizeChanges;
            QVERIFY(c.targetSize().height() > last.height());
            last = c.targetSize();
        }
    }
    QCOMPARE(c.targetKbps(), 1200);
    QVERIFY(ticks > 20); // 150 → 1200 at 8 % a second takes about 27 s
    feed(c, {0, 50, 0}, 10);
    QCOMPARE(c.targetSize(), QSize(1280, 720));
    QCOMPARE(c.limitation(), "");
    QVERIFY(sizeChanges >= 2);
}

void TestVideoRateController::queueingDelayLowersBitrate()
{
    VideoRateController c(QSize(1280, 720), 1200);
    QVERIFY(c.update({0, 800, 0}));
    QCOMPARE(c.targetKbps(), 1020);
    QCOMPARE(c.limitation(), "network");
}

void TestVideoRateController::repeatedKeyframeRequestsCountAsHeavyLoss()
{
    VideoRateController c(QSize(1280, 720), 1200);
    QVERIFY(!c.update({0, 10, 0, 1})); // one request: a decoder starting, nothing more
    QCOMPARE(c.targetKbps(), 1200);
    QVERIFY(c.update({0, 10, 0, 3}));
    QCOMPARE(c.targetKbps(), 1110); // as 15 % loss
    // One a second for three seconds is the same: the far end keeps losing pictures.
    VideoRateController d(QSize(1280, 720), 1200);
    QVERIFY(!d.update({0, 10, 0, 1}));
    QVERIFY(!d.update({0, 10, 0, 1}));
    QVERIFY(d.update({0, 10, 0, 1}));
    QCOMPARE(d.targetKbps(), 1110);
    // Then a quiet second: the window still holds two, not enough; the line is clean again.
    QVERIFY(d.update({0, 10, 0, 0}));
    QVERIFY(d.targetKbps() > 1110);
}

void TestVideoRateController::slowEncoderCapsThePictureForAWhile()
{
    VideoRateController c(QSize(1280, 720), 1200);
    c.update({0, 10, 0.5});
    c.update({0, 10, 0.5});
    QCOMPARE(c.targetSize(), QSize(1280, 720)); // two bad seconds are not enough
    c.update({0, 10, 0.5});
    QCOMPARE(c.targetSize(), QSize(960, 540));
    QCOMPARE(c.targetKbps(), 1200); // the line is fine: only the picture shrinks
    QCOMPARE(c.limitation(), "machine");
    feed(c, {0, 10, 0.5}, 3);
    QCOMPARE(c.targetSize(), QSize(640, 360));
    // Half a minute without drops lets it try one rung bigger, then the next.
    feed(c, {0, 10, 0}, 29);
    QCOMPARE(c.targetSize(), QSize(640, 360));
    feed(c, {0, 10, 0}, 1 + 5);
    QCOMPARE(c.targetSize(), QSize(960, 540));
    feed(c, {0, 10, 0}, 30 + 5);
    QCOMPARE(c.targetSize(), QSize(1280, 720));
    QCOMPARE(c.limitation(), "");
}

// A noisy picture at 640×360 on a 700 kbit/s line: the encoder sends 1.3 Mbit/s however
// coarsely it codes (measured on the shaped ADSL link with the snow pattern), and the size
// steps down until it holds the target.
void TestVideoRateController::overshootingEncoderCapsThePictureForAWhile()
{
    VideoRateController c(QSize(1280, 720), 1200);
    QVERIFY(c.setDelayBasedKbps(700));
    feed(c, {0, 10, 0, 0, 700}, 5);
    QCOMPARE(c.targetSize(), QSize(960, 540));
    // One second above the target is a keyframe, not a picture too rich for the line.
    c.update({0, 10, 0, 0, 1300});
    QCOMPARE(c.targetSize(), QSize(960, 540));
    c.update({0, 10, 0, 0, 700});
    c.update({0, 10, 0, 0, 1300});
    c.update({0, 10, 0, 0, 1300});
    QCOMPARE(c.targetSize(), QSize(640, 360));
    QCOMPARE(c.targetKbps(), 700); // the bitrate is the line's; only the size shrinks
    // Within its target at the smaller size for half a minute: the bigger one is tried again.
    feed(c, {0, 10, 0, 0, 650}, 29);
    QCOMPARE(c.targetSize(), QSize(640, 360));
    feed(c, {0, 10, 0, 0, 650}, 1 + 5);
    QCOMPARE(c.targetSize(), QSize(960, 540));

    // Holding the target by skipping most frames (2 fps of a 30 fps camera, measured with
    // noise at 720p over TURN/TCP) also steps the size down.
    VideoRateController d(QSize(1280, 720), 1200);
    d.update({0, 10, 0, 0, 1150, 0.9});
    QCOMPARE(d.targetSize(), QSize(1280, 720));
    d.update({0, 10, 0, 0, 1150, 0.9});
    QCOMPARE(d.targetSize(), QSize(960, 540));
    QCOMPARE(d.targetKbps(), 1200);
}

void TestVideoRateController::smallConfigurationKeepsItsOwnSize()
{
    VideoRateController c(QSize(320, 240), 300);
    QCOMPARE(c.targetSize(), QSize(320, 240));
    feed(c, {0.5, 50, 0}, 10);
    QCOMPARE(c.targetKbps(), VideoRateController::MinKbps);
    QCOMPARE(c.targetSize(), QSize(240, 180));
    feed(c, {0, 50, 0}, 40);
    QCOMPARE(c.targetSize(), QSize(320, 240));
    QCOMPARE(c.targetKbps(), 300);
}

void TestVideoRateController::delayBasedEstimateCapsTheTarget()
{
    VideoRateController c(QSize(1280, 720), 1200);
    QVERIFY(c.setDelayBasedKbps(600));
    QCOMPARE(c.targetKbps(), 600); // at once, for the encoder
    QCOMPARE(c.targetSize(), QSize(1280, 720));
    c.update({0, 10, 0}); // a clean line: the loss rule would allow more, the lower one wins
    QCOMPARE(c.targetKbps(), 600);
    QCOMPARE(c.targetSize(), QSize(960, 540));
    QCOMPARE(c.limitation(), "network");
    // Loss now: the decrease starts from what is sent, not from the loss rule's 1200.
    c.update({0.2, 10, 0});
    QCOMPARE(c.targetKbps(), 540);
}

void TestVideoRateController::starvedLineKeepsTheVoiceThenTriesThePictureAgain()
{
    VideoRateController c(QSize(1280, 720), 1200);
    c.setDelayBasedKbps(80);
    QCOMPARE(c.targetKbps(), VideoRateController::MinKbps);
    c.update({0, 10, 0});
    QVERIFY(!c.voiceOnly()); // one second could be a blip
    QVERIFY(c.update({0, 10, 0}));
    QVERIFY(c.voiceOnly());
    QCOMPARE(c.lineState(), VideoRateController::LineState::VoiceOnly);
    QCOMPARE(VideoRateController::lineStateName(c.lineState()), "audio_only");
    feed(c, {0, 10, 0}, 14);
    QVERIFY(c.voiceOnly());
    // 15 s later the smallest picture is tried again.
    c.update({0, 10, 0});
    QVERIFY(!c.voiceOnly());
    QCOMPARE(c.targetKbps(), VideoRateController::MinKbps);
    QCOMPARE(c.targetSize(), QSize(320, 180));
    QCOMPARE(c.lineState(), VideoRateController::LineState::ReducedPicture);
    // The line holds it and recovers: the picture grows back and the notice goes.
    c.setDelayBasedKbps(1200);
    feed(c, {0, 10, 0}, 30);
    QCOMPARE(c.targetSize(), QSize(1280, 720));
    QCOMPARE(c.lineState(), VideoRateController::LineState::Good);
    QCOMPARE(VideoRateController::lineStateName(c.lineState()), "ok");
}

void TestVideoRateController::weakLineIsToldOnlyForTheLine()
{
    VideoRateController line(QSize(1280, 720), 1200);
    feed(line, {0.3, 50, 0}, 5);
    QCOMPARE(line.lineState(), VideoRateController::LineState::ReducedPicture);
    QCOMPARE(VideoRateController::lineStateName(line.lineState()), "reduced");
    // A slow machine shrinks the picture too, but the connection is not to blame.
    VideoRateController machine(QSize(1280, 720), 1200);
    feed(machine, {0, 10, 0.5}, 3);
    QCOMPARE(machine.targetSize(), QSize(960, 540));
    QCOMPARE(machine.lineState(), VideoRateController::LineState::Good);
}

QTEST_GUILESS_MAIN(TestVideoRateController)
#include "tst_videoratecontroller.moc"
