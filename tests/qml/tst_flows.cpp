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

// Lets a test shorten the kiosk's idle period: only the tests of the idle warning do, so that a
// slow step elsewhere (a loaded machine) is never taken for a resident walking away.
class TestTiming : public QObject
{
    Q_OBJECT

public:
    static constexpr int longIdleMs = 600000;

    explicit TestTiming(relais::SessionController *session) : m_session(session) {}

    // From now on, the warning comes after 1.5 s without a touch.
    Q_INVOKABLE void shortIdle() { m_session->setIdleMs(1500); }
    Q_INVOKABLE void longIdle() { m_session->setIdleMs(longIdleMs); }

private:
    relais::SessionController *m_session;
};

class Setup : public QObject
{
    Q_OBJECT

public slots:
    void applicationAvailable()
    {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        relais::SessionController::Timing timing;
        timing.idleMs = TestTiming::longIdleMs;
        timing.countdownSeconds = 5;
        timing.tickMs = 100;
        timing.goodbyeMs = 800;
        m_kiosk = std::make_unique<TestKiosk>(timing);
        m_timing = std::make_unique<TestTiming>(m_kiosk->kiosk->session());
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/"));
        engine->rootContext()->setContextProperty(QStringLiteral("testTiming"), m_timing.get());
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

    void cleanupTestCase()
    {
        m_timing.reset();
        m_kiosk.reset();
    }

private:
    std::unique_ptr<TestKiosk> m_kiosk;
    std::unique_ptr<TestTiming> m_timing;
    QTemporaryDir m_files;
};

QUICK_TEST_MAIN_WITH_SETUP(flows, Setup)

#include "tst_flows.moc"
