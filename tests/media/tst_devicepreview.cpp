// SPDX-License-Identifier: EUPL-1.2
#include "devicepreview.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gst/gst.h>

using namespace relais::media;

// The pre-call check: the resident's own picture and a sound bar, from the call's sources.
class TestDevicePreview : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { gst_init(nullptr, nullptr); }

    void levelScale()
    {
        QCOMPARE(levelFromDecibels(-120), 0.0);
        QCOMPARE(levelFromDecibels(-60), 0.0);
        QCOMPARE(levelFromDecibels(-30), 0.5);
        QCOMPARE(levelFromDecibels(0), 1.0);
        QCOMPARE(levelFromDecibels(6), 1.0);
    }

    void showsPictureAndSound()
    {
        CallConfig config;
        config.testSources = true;
        DevicePreview preview;
        QSignalSpy frames(&preview, &DevicePreview::frame);
        QSignalSpy levels(&preview, &DevicePreview::level);
        QVERIFY(preview.start(config));
        QVERIFY(preview.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 5, 20000);
        const QImage image = frames.last().first().value<QImage>();
        QCOMPARE(image.size(), QSize(640, 360));
        // The test source ticks: the bar rises with each tick and falls between them.
        const auto loudest = [&levels] {
            double most = 0;
            for (const auto &args : levels)
                most = std::max(most, args.first().toDouble());
            return most;
        };
        QTRY_VERIFY_WITH_TIMEOUT(loudest() > 0.2, 20000);
        preview.stop();
        QVERIFY(!preview.isRunning());
        const auto seen = frames.count();
        QTest::qWait(300);
        QCOMPARE(frames.count(), seen);
    }

    void restartsCleanly()
    {
        CallConfig config;
        config.testSources = true;
        DevicePreview preview;
        for (int i = 0; i < 3; ++i) {
            QSignalSpy frames(&preview, &DevicePreview::frame);
            QVERIFY(preview.start(config));
            QTRY_VERIFY_WITH_TIMEOUT(!frames.isEmpty(), 20000);
        }
    }

    // Enrollment by QR code: a paper held before the camera (a still picture of a code made
    // by qrencode) is read, and only the camera is opened.
    void readsAQrCode()
    {
        QTemporaryDir dir;
        const QString picture = dir.filePath(QStringLiteral("code.png"));
        const QString text =
            QStringLiteral("relais-enroll:?address=https%3A%2F%2Fobs.lot.fr&token=abc");
        QProcess qrencode;
        qrencode.start(QStringLiteral("qrencode"),
                       {QStringLiteral("-o"), picture, QStringLiteral("-s"), QStringLiteral("8"),
                        QStringLiteral("-m"), QStringLiteral("6"), text});
        QVERIFY2(qrencode.waitForFinished(10000) && qrencode.exitCode() == 0,
                 "qrencode is missing (the qrencode package)");
        CallConfig config;
        config.testSources = true;
        config.testPicture = picture;
        DevicePreview preview;
        QSignalSpy frames(&preview, &DevicePreview::frame);
        QSignalSpy codes(&preview, &DevicePreview::codeRead);
        QSignalSpy levels(&preview, &DevicePreview::level);
        QVERIFY(preview.start(config, DevicePreview::Purpose::ReadCodes));
        QTRY_VERIFY_WITH_TIMEOUT(!codes.isEmpty(), 20000);
        QCOMPARE(codes.first().first().toString(), text);
        QTRY_VERIFY_WITH_TIMEOUT(!frames.isEmpty(), 20000);
        QCOMPARE(frames.last().first().value<QImage>().size(), QSize(640, 360));
        QVERIFY(levels.isEmpty());
        // The same code left in view is read once.
        QTest::qWait(500);
        QCOMPARE(codes.count(), 1);
    }

    void missingCameraIsReported()
    {
        CallConfig config;
        config.testSources = false;
        config.cameraName = QStringLiteral("Caméra qui n'existe pas");
        DevicePreview preview;
        QSignalSpy errors(&preview, &DevicePreview::errorOccurred);
        QVERIFY(!preview.start(config));
        QCOMPARE(errors.count(), 1);
        QVERIFY(!preview.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestDevicePreview)
#include "tst_devicepreview.moc"
