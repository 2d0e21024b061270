// Qt Quick Test runner for the call screens (tests/qml/visio/tst_*.qml): the demo kiosk
// pointed at a real relais-hub started here, and a CAF adviser in this process that the QML
// test drives as the TestAgent singleton.
#include "../print/sanetestdevices.h"
#include "staticqmlmodules.h"
#include "testagent.h"
#include "testkiosk.h"
#include "visiokiosk.h"

#include <QDir>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QtQuickTest>

#include <gst/gst.h>

using relais::hub::test::HubProcess;

class Setup : public QObject
{
    Q_OBJECT
    // Where the test saves a picture of each phase for review.
    Q_PROPERTY(QString screenshotDir READ screenshotDir CONSTANT)

public:
    QString screenshotDir() const { return QStringLiteral(SCREENSHOT_DIR); }

public slots:
    void applicationAvailable()
    {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        gst_init(nullptr, nullptr);
        QDir().mkpath(screenshotDir());
        m_hub = std::make_unique<HubProcess>();
        m_hub->addAgents({{QStringLiteral("caf"), QStringLiteral("agent-1")}});
        if (!m_hub->start())
            qFatal("relais-hub did not start");
        m_kiosk = std::make_unique<TestKiosk>(
            relais::SessionController::Timing{},
            withVisio(QStringLiteral("19-allday"), m_hub->port(), m_hub->path()));
        m_agent = std::make_unique<TestAgent>();
        m_agent->connectTo(*m_hub);
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/"));
        qmlRegisterSingletonInstance("Relais.Test", 1, 0, "TestAgent", m_agent.get());
        qmlRegisterSingletonInstance("Relais.Test", 1, 0, "Rig", this);
    }

    void cleanupTestCase()
    {
        m_agent.reset();
        m_kiosk.reset();
        m_hub.reset();
    }

    // The scanner of "Scanner un papier" during the call: SANE's test backend.
    Q_INVOKABLE int scannedSide(int dpi) const { return SaneTestDevices::side(dpi); }

private:
    SaneTestDevices m_sane;
    std::unique_ptr<HubProcess> m_hub;
    std::unique_ptr<TestKiosk> m_kiosk;
    std::unique_ptr<TestAgent> m_agent;
};

QUICK_TEST_MAIN_WITH_SETUP(visioflow, Setup)

#include "tst_visioflow.moc"
