// SPDX-License-Identifier: EUPL-1.2
#include "theme.h"

#include <QTest>

using relais::Theme;

class TestTheme : public QObject
{
    Q_OBJECT

private slots:
    void contrastFormulaMatchesWcag()
    {
        QCOMPARE(qRound(Theme::contrastRatio(Qt::black, Qt::white) * 10), 210);
        QCOMPARE(Theme::contrastRatio(Qt::white, Qt::white), 1.0);
        // #767676 on white is the classic 4.54:1 limit case.
        QCOMPARE(qRound(Theme::contrastRatio(QColor(0x76, 0x76, 0x76), Qt::white) * 100), 454);
    }

    void everyTextPairIsReadable()
    {
        const auto pairs = Theme::textPairs();
        QVERIFY(pairs.size() >= 10);
        for (const Theme::TextPair &pair : pairs) {
            const double ratio = Theme::contrastRatio(pair.foreground, pair.background);
            const double required = pair.largeOnly ? 3.0 : 4.5;
            QVERIFY2(ratio >= required, qPrintable(QStringLiteral("%1: %2:1, needs %3:1")
                                                       .arg(QString::fromLatin1(pair.name))
                                                       .arg(ratio, 0, 'f', 2)
                                                       .arg(required)));
        }
    }

    void touchTargetsFollowTheRealScreen()
    {
        Theme theme(nullptr);
        theme.setDotsPerInch(96);
        QCOMPARE(theme.touchTarget(), 64); // 15 mm is 57 px at 96 dpi: the floor applies
        theme.setDotsPerInch(160);
        QCOMPARE(theme.touchTarget(), 95); // 15 mm at 160 dpi
        QVERIFY(theme.targetGap() >= Theme::millimetresToPixels(8, 160));
        theme.setDotsPerInch(0); // screens that report nothing
        QCOMPARE(theme.touchTarget(), 64);
    }

    void textScalesUpTo200Percent()
    {
        Theme theme(nullptr);
        const int body = theme.bodySize();
        theme.setTextScale(2.0);
        QCOMPARE(theme.bodySize(), body * 2);
        QVERIFY(theme.bodySize() >= 48);
    }
};

QTEST_APPLESS_MAIN(TestTheme)
#include "tst_theme.moc"
