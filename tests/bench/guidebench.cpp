// SPDX-License-Identifier: EUPL-1.2
// Guided-browser benchmark (not part of the suite). Prints, as `name: value unit`:
//   guide_open_ms            tap on "Commencer" to the first frame whose picture shows the
//                            procedure's page (a local page: its text in the view), first
//                            guide of the process (no page shown before it)
//   guide_open_view_ms       of which: tap to the guide's view made (the screen and the view;
//                            with --no-pause, also the session's profile and the web
//                            engine's start, all on the UI thread)
//   guide_open_loaded_ms     of which: tap to the page loaded (title set, loading over)
//   guide_open_warm_ms       the same in the next session (engine up, new profile), and
//   guide_open_warm_view_ms  its two steps
//   guide_open_warm_loaded_ms
//   session_wipe_ms          "Terminer et effacer" to the profile, its storage and the
//                            session's files gone
//   kiosk_rss_with_web_mb    resident memory of the kiosk and its web processes during a
//                            guided session (RSS summed over the process tree; shared pages
//                            counted in each process)
//   kiosk_pss_with_web_mb    the same, shared pages divided between the processes
// Each guide is reached as a resident reaches it: "Faire ma démarche en ligne" opens the
// agency's procedures, she reads them for 2 s and taps one, reads "Avant de commencer" for
// 3 s and taps "Commencer" (a reader takes longer). As in relais-kiosk, the flow makes the
// session's profile once its first screen is up (GuideSession::preparesAhead), so the web
// engine's start and the profile fall in those seconds; the renderer, the page's request and
// everything after start with the tap. With --no-pause every tap comes as soon as its screen
// is up (no reader is that quick), and the tap pays for whatever was not ready.
// Every wait runs the event loop as the kiosk's does (runUntil); the grab of the window that
// checks the frame is counted in the time.
// Usage: build/tests/guide/relais-guidebench [--no-pause] (offscreen; as root it turns
// Chromium's sandbox off, as the tests do).
#include "guidesession.h"
#include "sitesserver.h"
#include "staticqmlmodules.h"
#include "testkiosk.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QGuiApplication>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QTest>
#include <QTimer>
#include <QtWebEngineQuick/qtwebenginequickglobal.h>

#include <cstdio>
#include <unistd.h>

namespace {

QQuickItem *findVisible(QQuickItem *item, const QString &name)
{
    if (!item || !item->isVisible())
        return nullptr;
    if (item->objectName() == name)
        return item;
    for (QQuickItem *child : item->childItems()) {
        if (QQuickItem *found = findVisible(child, name))
            return found;
    }
    return nullptr;
}

// Runs the event loop, as the kiosk does, until `done` holds or `timeoutMs` passes. Not
// QTest::qWaitFor or qWait: they sleep 10 ms between passes over the events, and Chromium's
// UI thread is this thread, so each of the hundreds of tasks a first page posts to it would
// wait for the next pass (measured that way, the first guide took about 3 s longer).
template<typename Predicate> bool runUntil(Predicate done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, [&] { loop.exit(1); });
    poll.start(2);
    const bool held = loop.exec() == 0;
    // What was deleted later inside that loop goes now, as it would in the kiosk's.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return held;
}

QQuickItem *waitFor(QQuickWindow &window, const QString &name)
{
    QQuickItem *item = nullptr;
    if (!runUntil([&] { return (item = findVisible(window.contentItem(), name)); }, 30000))
        qFatal("relais-guidebench: no %s on screen", qPrintable(name));
    return item;
}

// Whether the window's picture shows the page's text inside the view (the local page is
// black text on white; the view is blank until the page's first frame reaches the window).
bool showsPageText(QQuickWindow &window, QQuickItem *view)
{
    const QImage picture = window.grabWindow();
    const qreal scale = picture.width() / qreal(window.width());
    const QRect area =
        QRectF(view->mapToScene(QPointF(0, 0)), view->size() * scale).toAlignedRect() &
        picture.rect();
    int dark = 0;
    for (int y = area.top(); y <= area.bottom(); y += 2) {
        for (int x = area.left(); x <= area.right(); x += 2)
            dark += qGray(picture.pixel(x, y)) < 96 ? 1 : 0;
    }
    return dark > 50;
}

void tap(QQuickWindow &window, QQuickItem *item)
{
    const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    QTest::mouseClick(&window, Qt::LeftButton, {}, centre.toPoint());
}

// Kilobytes of a /proc/PID/status or smaps_rollup field.
qint64 procField(qint64 pid, const char *file, const QByteArray &field)
{
    QFile f(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(file)));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

QList<qint64> processTree(qint64 root)
{
    QList<qint64> tree{root};
    for (qsizetype i = 0; i < tree.size(); ++i) {
        const QDir proc(QStringLiteral("/proc"));
        for (const QString &entry : proc.entryList(QDir::Dirs)) {
            bool ok = false;
            const qint64 pid = entry.toLongLong(&ok);
            if (ok && procField(pid, "status", "PPid") == tree.at(i))
                tree << pid;
        }
    }
    return tree;
}

void print(const char *name, qint64 value, const char *unit)
{
    std::printf("%s: %lld %s\n", name, static_cast<long long>(value), unit);
    std::fflush(stdout);
}

struct Opening
{
    qint64 viewMs = 0;
    qint64 loadedMs = 0;
    qint64 shownMs = 0;
};

struct Bench : QObject
{
    bool pause = true;

    Opening openGuide(QQuickWindow &window, relais::Kiosk &kiosk)
    {
        Opening opening;
        kiosk.session()->begin();
        kiosk.session()->openAgency(QStringLiteral("caf"));
        kiosk.session()->openActivity(QStringLiteral("online"));
        QQuickItem *procedure =
            waitFor(window, QStringLiteral("procedure-caf-attestation-paiement"));
        if (pause)
            runUntil([] { return false; }, 2000); // reading the agency's procedures
        tap(window, procedure);
        QQuickItem *start = waitFor(window, QStringLiteral("startGuideButton"));
        if (pause)
            runUntil([] { return false; }, 3000); // reading "Avant de commencer"
        QElapsedTimer timer;
        timer.start();
        tap(window, start);
        QQuickItem *view = waitFor(window, QStringLiteral("guideWebView"));
        opening.viewMs = timer.elapsed();
        if (!runUntil(
                [&] {
                    return view->property("title").toString() == QLatin1String("Accueil CAF") &&
                           !view->property("loading").toBool();
                },
                30000))
            qFatal("relais-guidebench: the page did not load");
        opening.loadedMs = timer.elapsed();
        // The page is loaded: the time is that of the first frame after it whose picture
        // shows the page (the check itself, a grab of the window, is counted too).
        for (int attempt = 0;; ++attempt) {
            bool swapped = false;
            const auto connection =
                connect(&window, &QQuickWindow::frameSwapped, this, [&] { swapped = true; });
            window.update();
            const bool framed = runUntil([&] { return swapped; }, 10000);
            disconnect(connection);
            if (!framed || attempt == 500)
                qFatal("relais-guidebench: the page never showed in a frame");
            if (showsPageText(window, view)) {
                opening.shownMs = timer.elapsed();
                return opening;
            }
        }
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QByteArray flags = qgetenv("QTWEBENGINE_CHROMIUM_FLAGS");
    if (geteuid() == 0)
        flags += " --no-sandbox";
    flags += " --disable-gpu";
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
    QtWebEngineQuick::initialize();
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    QTemporaryDir disk;
    SitesServer sites;
    sites.m_diskRoot = disk.path();
    QString error;
    if (!sites.start(&error)) {
        std::fprintf(stderr, "relais-guidebench: %s\n", qPrintable(error));
        return 1;
    }
    flags += " --ignore-certificate-errors --host-resolver-rules=\"MAP * 127.0.0.1:" +
             QByteArray::number(sites.port()) + "\"";
    qputenv("QTWEBENGINE_CHROMIUM_FLAGS", flags);

    relais::GuideSession::setPreparesAhead(true);
    TestKiosk kiosk(relais::SessionController::Timing{});
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.loadData("import QtQuick\nimport Relais.App\nWindow { width: 1920; height: 1080; "
                    "visible: true; KioskShell { anchors.fill: parent } }");
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().value(0));
    if (!window || !QTest::qWaitForWindowExposed(window)) {
        std::fprintf(stderr, "relais-guidebench: no window\n");
        return 1;
    }
    Bench bench;
    bench.pause = !app.arguments().contains(QStringLiteral("--no-pause"));
    relais::Kiosk &k = *kiosk.kiosk;
    const Opening cold = bench.openGuide(*window, k);
    runUntil([] { return false; }, 2000); // the session as the resident sees it, renderer settled
    qint64 rss = 0;
    qint64 pss = 0;
    for (const qint64 pid : processTree(QCoreApplication::applicationPid())) {
        rss += procField(pid, "status", "VmRSS");
        pss += procField(pid, "smaps_rollup", "Pss");
    }

    QObject *guide =
        engine.singletonInstance<QObject *>(qmlTypeId("Relais.Guide", 1, 0, "GuideSession"));
    QPointer<QObject> profile = guide ? guide->property("profile").value<QObject *>() : nullptr;
    QElapsedTimer wipe;
    wipe.start();
    k.session()->endSession();
    if (!runUntil([&] { return profile.isNull(); }, 10000))
        qFatal("relais-guidebench: the profile outlived the session");
    const qint64 wipeMs = wipe.elapsed();
    k.session()->acknowledgeGoodbye();

    const Opening warm = bench.openGuide(*window, k);
    print("guide_open_ms", cold.shownMs, "ms");
    print("guide_open_view_ms", cold.viewMs, "ms");
    print("guide_open_loaded_ms", cold.loadedMs, "ms");
    print("guide_open_warm_ms", warm.shownMs, "ms");
    print("guide_open_warm_view_ms", warm.viewMs, "ms");
    print("guide_open_warm_loaded_ms", warm.loadedMs, "ms");
    print("session_wipe_ms", wipeMs, "ms");
    print("kiosk_rss_with_web_mb", rss / 1024, "MB");
    print("kiosk_pss_with_web_mb", pss / 1024, "MB");
    // The second session's view and profile go in the event loop, as in the kiosk, before the
    // engine that made them (destroyed with the QML engine, they would outlive its views).
    profile = guide ? guide->property("profile").value<QObject *>() : nullptr;
    k.session()->endSession();
    runUntil([&] { return profile.isNull(); }, 10000);
    return 0;
}
