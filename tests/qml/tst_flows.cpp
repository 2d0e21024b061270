// Qt Quick Test runner for the screens' flows (flows/tst_*.qml), with the kiosk's
// QML modules linked in and a kiosk whose timers are short enough for tests.
#include "staticqmlmodules.h"
#include "testkiosk.h"

#include <QQmlEngine>
#include <QQuickStyle>
#include <QtQuickTest>

class Setup : public QObject
{
    Q_OBJECT

public slots:
    void applicationAvailable()
    {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        relais::SessionController::Timing timing;
        timing.idleMs = 1500;
        timing.countdownSeconds = 5;
        timing.tickMs = 100;
        timing.goodbyeMs = 800;
        m_kiosk = std::make_unique<TestKiosk>(timing);
    }

    void qmlEngineAvailable(QQmlEngine *engine) { engine->addImportPath(QStringLiteral("qrc:/")); }

    void cleanupTestCase() { m_kiosk.reset(); }

private:
    std::unique_ptr<TestKiosk> m_kiosk;
};

QUICK_TEST_MAIN_WITH_SETUP(flows, Setup)

#include "tst_flows.moc"
