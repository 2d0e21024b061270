// SPDX-License-Identifier: EUPL-1.2
#include "frameview.h"

#include <QQuickView>
#include <QTest>

using relais::FrameView;

// The video item: the newest frame, letterboxed without distortion, mirrored on request.
class TestFrameView : public QObject
{
    Q_OBJECT

    static QImage halves()
    {
        // Left half red, right half blue: mirroring and letterboxing are both visible.
        QImage image(320, 180, QImage::Format_RGB32);
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                image.setPixel(x, y, x < image.width() / 2 ? qRgb(255, 0, 0) : qRgb(0, 0, 255));
        return image;
    }

    static bool near(QRgb a, QRgb b)
    {
        return std::abs(qRed(a) - qRed(b)) < 40 && std::abs(qGreen(a) - qGreen(b)) < 40 &&
               std::abs(qBlue(a) - qBlue(b)) < 40;
    }

private slots:
    void showsLetterboxedAndMirrored()
    {
        QQuickView view;
        view.setColor(Qt::black);
        view.resize(400, 400);
        auto *item = new FrameView(view.contentItem());
        item->setSize(QSizeF(400, 400));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        QVERIFY(!item->hasFrame());
        item->setFrame(halves());
        QVERIFY(item->hasFrame());
        QCOMPARE(item->frameSize(), QSize(320, 180));
        QImage shot = view.grabWindow();
        // 16:9 in a square: bands above and below, picture in the middle.
        QVERIFY(near(shot.pixel(200, 20), qRgb(0, 0, 0)));
        QVERIFY(near(shot.pixel(50, 200), qRgb(255, 0, 0)));
        QVERIFY(near(shot.pixel(350, 200), qRgb(0, 0, 255)));

        item->setMirrored(true);
        shot = view.grabWindow();
        QVERIFY(near(shot.pixel(50, 200), qRgb(0, 0, 255)));
        QVERIFY(near(shot.pixel(350, 200), qRgb(255, 0, 0)));

        item->clear();
        QVERIFY(!item->hasFrame());
        shot = view.grabWindow();
        QVERIFY(near(shot.pixel(200, 200), qRgb(0, 0, 0)));
    }
};

QTEST_MAIN(TestFrameView)
#include "tst_frameview.moc"
