// SPDX-License-Identifier: EUPL-1.2
// Qt Quick Test runner for the screens' flows (flows/tst_*.qml), with the kiosk's
// QML modules linked in and a kiosk whose timers are short enough for tests.
#include "staticqmlmodules.h"
#include "testkiosk.h"

#include "enrollmentcode.h"
#include "enrollmenttoken.h"

#include <QDir>
#include <QProcess>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
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

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/"));
        // Where the non-visual mode's test saves its pictures of the focus ring.
        QDir().mkpath(QStringLiteral(SCREENSHOT_DIR));
        engine->rootContext()->setContextProperty(QStringLiteral("testScreenshotDir"),
                                                  QStringLiteral(SCREENSHOT_DIR));
        // The administrator's QR code for an observatory that does not answer, as a picture
        // the enrollment page's camera is shown.
        const QString token = relais::provisioning::newEnrollmentToken();
        const QString picture = m_files.filePath(QStringLiteral("enrollment-code.png"));
        QProcess qrencode;
        qrencode.start(QStringLiteral("qrencode"),
                       {QStringLiteral("-o"), picture, QStringLiteral("-s"), QStringLiteral("8"),
                        relais::provisioning::enrollmentCodeText(
                            {QStringLiteral("https://127.0.0.1:9"), token})});
        if (!qrencode.waitForFinished(10000) || qrencode.exitCode() != 0)
            qFatal("qrencode is missing (the qrencode package)");
        engine->rootContext()->setContextProperty(QStringLiteral("testEnrollmentPicture"), picture);
        engine->rootContext()->setContextProperty(QStringLiteral("testEnrollmentToken"), token);
    }

    void cleanupTestCase() { m_kiosk.reset(); }

private:
    std::unique_ptr<TestKiosk> m_kiosk;
    QTemporaryDir m_files;
};

QUICK_TEST_MAIN_WITH_SETUP(flows, Setup)

#include "tst_flows.moc"
