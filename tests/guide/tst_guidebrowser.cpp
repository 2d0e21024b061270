// SPDX-License-Identifier: EUPL-1.2
// Qt Quick Test of the guided browser with a real Qt WebEngine: the kiosk's screens in a
// window, the agencies' sites served on loopback by SitesServer (every host name mapped to
// it), and the whole disk the browser could write to (HOME, XDG folders, TMPDIR) made for
// the run so that the wipe test can look at all of it.
#include "guidesession.h"
#include "sitesserver.h"
#include "staticqmlmodules.h"
#include "testkiosk.h"

#include <QQmlEngine>
#include <QQuickStyle>
#include <QtQuickTest>
#include <QtWebEngineQuick/qtwebenginequickglobal.h>

class Setup : public QObject
{
    Q_OBJECT

public:
    Setup()
    {
        // Before anything reads them: Qt, GLib and Chromium all look at these once.
        m_disk.setAutoRemove(true);
        for (const char *name : {"HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                                 "XDG_RUNTIME_DIR", "TMPDIR"}) {
            const QString path = m_disk.filePath(QString::fromLatin1(name).toLower());
            QDir().mkpath(path);
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            qputenv(name, path.toLocal8Bit());
        }
        QtWebEngineQuick::initialize();
    }

public slots:
    void applicationAvailable()
    {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QString error;
        m_sites.m_diskRoot = m_disk.path();
        if (!m_sites.start(&error))
            qFatal("sites server: %s", qPrintable(error));
        // Every host name leads to the loopback server; its certificate is the run's own.
        // Chromium reads its flags when the first profile is made, after this.
        const QByteArray flags =
            qgetenv("QTWEBENGINE_CHROMIUM_FLAGS") +
            " --host-resolver-rules=\"MAP * 127.0.0.1:" + QByteArray::number(m_sites.port()) +
            "\" --ignore-certificate-errors";
        qputenv("QTWEBENGINE_CHROMIUM_FLAGS", flags);
        // As in relais-kiosk: the session's profile is made while the procedures are listed,
        // so the wipe tests cover a profile made ahead of its guide.
        relais::GuideSession::setPreparesAhead(true);
        relais::SessionController::Timing timing;
        timing.goodbyeMs = 800;
        timing.countdownSeconds = 2;
        timing.tickMs = 100;
        m_kiosk = std::make_unique<TestKiosk>(timing);
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/"));
        qmlRegisterSingletonInstance("GuideTest", 1, 0, "Sites", &m_sites);
    }

    void cleanupTestCase() { m_kiosk.reset(); }

private:
    QTemporaryDir m_disk;
    SitesServer m_sites;
    std::unique_ptr<TestKiosk> m_kiosk;
};

QUICK_TEST_MAIN_WITH_SETUP(guidebrowser, Setup)

#include "tst_guidebrowser.moc"
