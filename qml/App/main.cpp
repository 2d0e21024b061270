// SPDX-License-Identifier: EUPL-1.2
// relais-kiosk: the public-service kiosk. Everything lives in the core library and the QML
// modules; this file only wires them together for one process.
#include "activityfilter.h"
#include "bundles/bundlestore.h"
#include "database.h"
#include "guidesession.h"
#include "journal.h"
#include "journallog.h"
#include "jsonfields.h"
#include "kiosk.h"
#include "kioskoptions.h"
#include "kioskschema.h"
#include "printdesk.h"
#include "processstats.h"
#include "screentour.h"
#include "servicenotifier.h"
#include "siteconfig.h"
#include "staticqmlmodules.h"

#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>
#include <QtWebEngineQuick/qtwebenginequickglobal.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <unistd.h>
#include <vector>

#ifdef RELAIS_KIOSK_DRIVER
// Defined by the system test's build of the kiosk (tests/system/kioskdriver.cpp), which links
// it in: the product's sources include nothing of the tests.
namespace relais::test {
void attachKioskDriver(QQuickWindow *window);
}
#endif

using namespace relais;

namespace {

void printLine(FILE *stream, const QString &text)
{
    std::fprintf(stream, "%s\n", text.toLocal8Bit().constData());
    std::fflush(stream);
}

// The exit code of a run that ends to start again with a newer configuration bundle.
constexpr int kRestartWithNewBundle = 75;

int run(int argc, char *argv[])
{
    // The on-screen keyboard is the kiosk's only keyboard; it must be chosen before the app.
    if (qEnvironmentVariableIsEmpty("QT_IM_MODULE"))
        qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
    // No title bar with a close button for the resident to tap when the compositor is Wayland.
    if (qEnvironmentVariableIsEmpty("QT_WAYLAND_DISABLE_WINDOWDECORATION"))
        qputenv("QT_WAYLAND_DISABLE_WINDOWDECORATION", "1");
    // Cheap (it only sets how OpenGL is shared); the web engine itself starts when a resident
    // opens the online procedures (GuideFlow.qml).
    QtWebEngineQuick::initialize();
    // Checking a configuration, the help and the version need no screen (an operator over
    // ssh, a package's install test, the manual page made from --help at package build).
    for (int i = 1; i < argc; ++i)
        for (const char *option :
             {"--check-config", "--help", "-h", "--help-all", "--version", "-v"})
            if (qstrcmp(argv[i], option) == 0 && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("Relais"));
    QGuiApplication::setApplicationName(QStringLiteral("relais-kiosk"));
    QGuiApplication::setApplicationVersion(QStringLiteral(RELAIS_VERSION));
    QQuickStyle::setStyle(QStringLiteral("Basic"));

    QString message;
    int exitCode = 0;
    const auto options = parseKioskOptions(app.arguments(), &message, &exitCode);
    if (!options) {
        printLine(exitCode == 0 ? stdout : stderr, message);
        return exitCode;
    }

    AgencyCatalog catalog;
    try {
        catalog = AgencyCatalog::shipped();
    } catch (const json::FieldError &error) {
        printLine(stderr,
                  QStringLiteral("relais-kiosk: the shipped agency catalog is broken: %1 %2")
                      .arg(error.field, error.problem));
        return 70;
    }
    const QString configFile =
        options->configFile.isEmpty() ? demoSiteConfigPath() : options->configFile;
    ConfigResult loaded = loadSiteConfig(configFile, catalog);
    if (const auto *error = std::get_if<ConfigError>(&loaded)) {
        // Refused before anything is opened or written.
        printLine(stderr,
                  QStringLiteral("relais-kiosk: invalid configuration: %1").arg(error->message()));
        return 2;
    }
    SiteConfig config = std::get<SiteConfig>(std::move(loaded));
    if (options->checkConfigOnly) {
        printLine(stdout, QStringLiteral("%1: valid configuration for %2 (%3)")
                              .arg(configFile, config.name, config.siteId));
        return 0;
    }

    // Screenshots and benchmarks must not leave records in a real store.
    QTemporaryDir scratch;
    const bool scratchStore =
        !options->screenshotsDirectory.isEmpty() ||
        (options->benchStartup && !app.arguments().contains(QStringLiteral("--data-dir")));
    const QString dataDirectory = scratchStore ? scratch.path() : options->dataDirectory;
    // The last signed bundle taken from the observatory replaces the file's site settings and
    // its agency catalog, and adds its procedures and surveys; one that no longer opens or
    // validates is left aside and the files are used.
    const BundleStore bundles(dataDirectory, KioskIdentity(dataDirectory),
                              &BundleStore::validateKioskContent);
    BundledDefinitions bundled;
    if (const auto bundle = bundles.currentPayload()) {
        BundleContentResult parsed = parseBundleContent(bundle->content, bundles.currentPath());
        if (auto *taken = std::get_if<BundleContent>(&parsed)) {
            printLine(stderr, QStringLiteral("relais-kiosk: configuration bundle version %1 in use "
                                             "for %2")
                                  .arg(bundle->version)
                                  .arg(taken->site.name));
            config = std::move(taken->site);
            catalog = std::move(taken->agencies);
            bundled = std::move(taken->definitions);
        } else {
            printLine(stderr,
                      QStringLiteral("relais-kiosk: the configuration bundle is not used: %1")
                          .arg(std::get<QString>(parsed)));
        }
    }
    Database::OpenReport report;
    const auto database = Database::open(
        QDir(dataDirectory).filePath(QStringLiteral("kiosk.sqlite")), kioskMigrations(), &report);
    Journal journal(*database, config.siteId);

    SessionController::Timing timing;
    timing.idleMs = config.idleTimeoutSeconds * 1000;
    timing.countdownSeconds = config.idleCountdownSeconds;
    timing.goodbyeMs = config.goodbyeSeconds * 1000;
    Kiosk kiosk(std::move(config), std::move(catalog), &journal, timing, bundled);
    // The print screens' desk (the QML singleton is this one), made here so that the
    // heartbeat can say whether the printer and the scanner answer.
    PrintDesk desk(PrintDesk::systemDevices(), kiosk.session());
    if (!scratchStore && !report.inMemoryFallback) {
        kiosk.startSync(database->path(), dataDirectory);
        desk.reportPeripherals(
            [sync = kiosk.sync()](const QString &printer, const QString &scanner) {
                sync->setPeripherals(printer, scanner);
            },
            std::max(60, kiosk.config().observatory.heartbeatSeconds) * 1000);
    }
    // A headset plugged in takes the call's sound and the speech (visio.headset_switch). Not
    // for screenshots and benchmarks: they must not move the sound of the machine they run on.
    if (kiosk.visioAvailable() && options->screenshotsDirectory.isEmpty() && !options->benchStartup)
        kiosk.startHeadsetSwitch();
    ActivityFilter activity(kiosk.session());
    app.installEventFilter(&activity);

    // The screenshot tour and the start-up benchmark show no web page: no web engine for them.
    GuideSession::setPreparesAhead(options->screenshotsDirectory.isEmpty() &&
                                   !options->benchStartup);
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.load(QUrl(QStringLiteral("qrc:/Relais/App/Main.qml")));
    auto *window = engine.rootObjects().isEmpty()
                       ? nullptr
                       : qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window) {
        printLine(stderr, QStringLiteral("relais-kiosk: the interface could not be loaded"));
        return 1;
    }

    if (!options->screenshotsDirectory.isEmpty()) {
        window->show();
        QTimer::singleShot(0, &app, [&] {
            QString error;
            const int written =
                writeScreenshots(*window, kiosk, options->screenshotsDirectory, &error);
            if (written < 0)
                printLine(stderr, QStringLiteral("relais-kiosk: %1").arg(error));
            else
                printLine(stdout, QStringLiteral("%1 screenshots written to %2")
                                      .arg(written)
                                      .arg(options->screenshotsDirectory));
            QCoreApplication::exit(written < 0 ? 1 : 0);
        });
        return app.exec();
    }

    QObject::connect(&kiosk, &Kiosk::restartRequested, &app,
                     [] { QCoreApplication::exit(kRestartWithNewBundle); });

    ServiceNotifier systemd;
    const bool bench = options->benchStartup;
    auto firstFrame = std::make_shared<QMetaObject::Connection>();
    *firstFrame = QObject::connect(window, &QQuickWindow::frameSwapped, &app, [&, firstFrame] {
        QObject::disconnect(*firstFrame);
        systemd.ready();
        if (bench) {
            printLine(stdout,
                      QStringLiteral("startup_ms: %1 ms").arg(millisecondsSinceProcessStart()));
            printLine(stdout, QStringLiteral("rss_peak: %1 kB").arg(peakResidentKilobytes()));
            QTimer::singleShot(0, &app, &QCoreApplication::quit);
        }
    });

    if (options->windowed || bench) {
        window->show();
    } else if (QGuiApplication::platformName().startsWith(QLatin1String("wayland"))) {
        // Under cage (relais-kiosk.service) the compositor gives its one window the whole
        // output. Cage 0.1.4 answers a full-screen request with "maximized", and Qt 6.4 then
        // never drew the window: the resident saw a black screen (deploy/install-test.sh).
        window->show();
    } else {
        // Without a window manager (a bare X server) the full-screen request alone is not
        // honoured: take the whole screen explicitly as well.
        window->setGeometry(window->screen()->geometry());
        window->showFullScreen();
    }
#ifdef RELAIS_KIOSK_DRIVER
    // The system test's build only: it taps the screens from standard input.
    test::attachKioskDriver(window);
#endif
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    installJournalLevels();
    // Qt takes its own options out of argv: keep the command line as it was given.
    std::vector<std::string> arguments(argv, argv + argc);
    const int code = run(argc, argv);
    if (code != kRestartWithNewBundle)
        return code;
    // Everything of the first run is closed (store, web engine, devices). The same program in
    // the same process, so that systemd keeps watching it.
    std::vector<char *> again;
    for (std::string &argument : arguments)
        again.push_back(argument.data());
    again.push_back(nullptr);
    execv("/proc/self/exe", again.data());
    std::perror("relais-kiosk: cannot start again");
    return 1;
}
