// SPDX-License-Identifier: EUPL-1.2
#include "itemtree.h"
#include "theme.h"
#include "tourwindow.h"

#include <QQuickItem>
#include <QTest>

using namespace relais;

// Walks the item tree of every screen, at every size, language and text size of the review
// tour, and checks that everything a finger can press is at least one touch target (15 mm on
// the real screen, never under 64 px) in both directions.
class TestTouchTargets : public QObject
{
    Q_OBJECT

    TourWindow m_tour;

private slots:
    void initTestCase() { QVERIFY(m_tour.open()); }

    void cleanupTestCase() { m_tour.close(); }

    void everyPressableItemIsLargeEnough()
    {
        const int typeId = qmlTypeId("Relais.Theme", 1, 0, "Theme");
        auto *theme = m_tour.engine->singletonInstance<Theme *>(typeId);
        QVERIFY(theme);
        const int minimum = theme->touchTarget();
        QVERIFY(minimum >= 64);

        int checked = 0;
        QStringList failures;
        const int screens = m_tour.walk([&](const TourWindow::Place &place) {
            const QList<QQuickItem *> pressable = itemtree::pressable(m_tour.window->contentItem());
            if (pressable.isEmpty())
                failures << QStringLiteral("%1: nothing to press").arg(place.name());
            for (const QQuickItem *item : std::as_const(pressable)) {
                ++checked;
                if (item->width() < minimum || item->height() < minimum)
                    failures << QStringLiteral("%1: %2 is under %3 px")
                                    .arg(place.name(), itemtree::describe(item))
                                    .arg(minimum);
            }
        });
        qInfo("checked %d pressable items on %d screens", checked, screens);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QVERIFY(checked > 100);
    }
};

QTEST_MAIN(TestTouchTargets)
#include "tst_touchtargets.moc"
