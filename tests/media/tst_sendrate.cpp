// SPDX-License-Identifier: EUPL-1.2
// The kiosk sends the picture at the rate its camera gives and the size it is configured for,
// for as long as the line and the machine allow. The resident's own small picture (ten frames
// a second) once held the camera itself at 10 fps through the tee; the send branch filled
// the gap with repeated frames, and the rate controller took the encoder's skipped repeats
// for an overloaded machine and shrank the picture.

#include "callpair.h"
#include "medianof.h"

#include <QSignalSpy>
#include <QTest>

using namespace relais::media;

class TestSendRate : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { gst_init(nullptr, nullptr); }
    void keepsTheSourceRateAndSize_data();
    void keepsTheSourceRateAndSize();
};

void TestSendRate::keepsTheSourceRateAndSize_data()
{
    QTest::addColumn<QString>("cameraCaps");
    QTest::newRow("test pattern") << QString();
    // What v4l2src offers for a webcam's mode: a list of rates, the slowest last or first.
    QTest::newRow("camera, fastest first")
        << QStringLiteral("video/x-raw,format=YUY2,width=320,height=240,"
                          "framerate={30/1,15/1,10/1,5/1}");
    QTest::newRow("camera, slowest first")
        << QStringLiteral("video/x-raw,format=YUY2,width=320,height=240,"
                          "framerate={5/1,10/1,15/1,30/1}");
}

void TestSendRate::keepsTheSourceRateAndSize()
{
    QFETCH(QString, cameraCaps);
    CallConfig kioskConfig = test::loopbackConfig(CallRole::Offerer);
    kioskConfig.videoFps = 30;
    kioskConfig.testCameraCaps = cameraCaps;
    const QSize configured(kioskConfig.videoWidth, kioskConfig.videoHeight);
    CallSession kiosk(kioskConfig);
    CallSession agent(test::loopbackConfig(CallRole::Answerer));
    test::connectDirect(kiosk, agent);
    QVERIFY(agent.start());
    QVERIFY(kiosk.start());
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.framesDecoded() > 20 && agent.framesDecoded() > 20, 20000);
    QCOMPARE(kiosk.stats().cameraFps, 30.0);

    // Twelve statistics ticks: the size must hold at every one, and the rates, sent and
    // received, stay near the camera's (medians, so one slow second does not decide).
    QSignalSpy kioskTicks(&kiosk, &CallSession::statsUpdated);
    QSignalSpy agentTicks(&agent, &CallSession::statsUpdated);
    QTRY_VERIFY_WITH_TIMEOUT(kioskTicks.size() >= 12 && agentTicks.size() >= 12, 30000);
    QList<double> sent;
    QList<double> received;
    for (const auto &tick : kioskTicks) {
        const auto s = tick.at(0).value<CallStats>();
        QCOMPARE(QSize(s.sendWidth, s.sendHeight), configured);
        QCOMPARE(s.sendLimitation, QString());
        sent << s.sendFps;
    }
    for (const auto &tick : agentTicks) {
        const auto s = tick.at(0).value<CallStats>();
        QCOMPARE(QSize(s.receiveWidth, s.receiveHeight), configured);
        received << s.fps;
    }
    qInfo() << "sent fps" << sent << "received fps" << received;
    QVERIFY2(relais::test::medianOf(sent) >= 25,
             qPrintable(QString::number(relais::test::medianOf(sent))));
    QVERIFY2(relais::test::medianOf(received) >= 25,
             qPrintable(QString::number(relais::test::medianOf(received))));
    QCOMPARE(kiosk.sendSize(), configured);
    kiosk.hangUp();
    agent.hangUp();
}

QTEST_GUILESS_MAIN(TestSendRate)
#include "tst_sendrate.moc"
