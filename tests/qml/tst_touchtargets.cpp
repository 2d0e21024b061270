// SPDX-License-Identifier: EUPL-1.2
#include "itemtree.h"
#include "screentour.h"
#include "staticqmlmodules.h"
#include "testkiosk.h"
#include "theme.h"

#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTest>

using namespace relais;

// Walks the item tree of every screen, at every size, language and text size of the review
// tour, and checks that everything a finger can press is at least one touch target (15 mm on
// the real screen, never under 64 px) in both directions.
class TestTouchTargets : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestKiosk> m_kiosk;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;

private slots:
    void initTestCase()
    {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        m_kiosk = std::make_unique<TestKiosk>(SessionController::Timing{});
        m_engine = std::make_unique<QQmlApplicationEngine>();
        m_engine->addImportPath(QStringLiteral("qrc:/"));
        m_engine->load(QUrl(QStringLiteral("qrc:/Relais/App/Main.qml")));
        QVERIFY(!m_engine->rootObjects().isEmpty());
        m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
        QVERIFY(m_window);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        m_kiosk.reset();
    }

    void everyPressableItemIsLargeEnough()
    {
        const int typeId = qmlTypeId("Relais.Theme", 1, 0, "Theme");
        auto *theme = m_engine->singletonInstance<Theme *>(typeId);
        QVERIFY(theme);
        const int minimum = theme->touchTarget();
        QVERIFY(minimum >= 64);

        int checked = 0;
        QStringList failures;
        for (const QSize size : tourSizes()) {
            for (const QString &language : m_kiosk->kiosk->languages()) {
                for (const qreal scale : tourTextScales()) {
                    for (const TourStop &stop : tourStops()) {
                        showStop(*m_window, *m_kiosk->kiosk, stop, size, language, scale);
                        const QList<QQuickItem *> pressable =
                            itemtree::pressable(m_window->contentItem());
                        if (pressable.isEmpty())
                            failures << QStringLiteral("%1: nothing to press").arg(stop.name);
                        for (const QQuickItem *item : std::as_const(pressable)) {
                            ++checked;
                            if (item->width() < minimum || item->height() < minimum)
                                failures << QStringLiteral("%1 %2x%3 %4 %5%: %6 is under %7 px")
                                                .arg(stop.name)
                                                .arg(size.width())
                                                .arg(size.height())
                                                .arg(language)
                                                .arg(qRound(scale * 100))
                                                .arg(itemtree::describe(item))
                                                .arg(minimum);
                        }
                    }
                }
            }
        }
        qInfo("checked %d pressable items on %lld screens", checked,
              static_cast<long long>(tourStops().size() * tourSizes().size() * 4));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QVERIFY(checked > 100);
    }
};

QTEST_MAIN(TestTouchTargets)
#include "tst_touchtargets.moc"
