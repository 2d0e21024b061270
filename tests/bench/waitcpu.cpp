// SPDX-License-Identifier: EUPL-1.2
// What the kiosk's screens cost the processor when nothing happens: the whole kiosk (Main.qml,
// the demo site) on the attract screen, then on a waiting screen whose indicator turns (the
// resident's call for the mediator, told to a desk where nobody has answered yet, against a
// real relais-hub), each over SECONDS (default 20), offscreen as the tests run. This process's
// user and system time (getrusage) over the wall time; the hub is another process. Prints
//   attract_cpu: X % of one core
//   waiting_cpu: X % of one core
// Usage: relais-waitcpu-bench [SECONDS]   (never run by ctest)
#include "hubprocess.h"
#include "signallingclient.h"
#include "staticqmlmodules.h"
#include "testkiosk.h"
#include "visiokiosk.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTest>

#include <sys/resource.h>

#include <cstdio>

using relais::hub::test::HubProcess;

namespace {

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &t) { return double(t.tv_sec) + t.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double cpuPercentOver(int seconds)
{
    const double before = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    QTest::qWait(seconds * 1000);
    return 100.0 * (cpuSeconds() - before) / (double(wall.elapsed()) / 1000.0);
}

bool waitFor(const std::function<bool()> &done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QTest::qWait(50);
    return done();
}

// Screens are loaded into the shell's items, whose QObject parents are not always their
// visual parents: the visual tree is searched.
QQuickItem *findItem(QQuickItem *item, const QString &name)
{
    if (item->objectName() == name)
        return item;
    for (QQuickItem *child : item->childItems()) {
        if (QQuickItem *found = findItem(child, name))
            return found;
    }
    return nullptr;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    const int seconds = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 20;

    const QString site = QStringLiteral("19-allday");
    HubProcess hub;
    hub.addMediators({{site, QStringLiteral("c.roux"), QStringLiteral("Mme Roux")}});
    if (!hub.start()) {
        std::fprintf(stderr, "relais-hub did not start\n");
        return 1;
    }
    relais::media::SignallingClient desk;
    desk.setCaCertificates({hub.certificate()});
    desk.open(QUrl(QStringLiteral("wss://localhost:%1/v1").arg(hub.port())),
              relais::hub::test::mediatorHello(site, QStringLiteral("c.roux")));
    if (!waitFor([&desk] { return desk.isWelcomed(); }, 20000)) {
        std::fprintf(stderr, "the mediator's desk is not logged in\n");
        return 1;
    }

    TestKiosk kiosk(relais::SessionController::Timing{}, withVisio(site, hub.port(), hub.path()));
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.load(QUrl(QStringLiteral("qrc:/Relais/App/Main.qml")));
    auto *window = engine.rootObjects().isEmpty()
                       ? nullptr
                       : qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window) {
        std::fprintf(stderr, "the interface did not load\n");
        return 1;
    }
    window->resize(1920, 1080);
    window->show();
    if (!QTest::qWaitForWindowExposed(window)) {
        std::fprintf(stderr, "the window was never shown\n");
        return 1;
    }
    QTest::qWait(3000); // the first frames, fonts and pictograms
    std::printf("attract_cpu: %.2f %% of one core\n", cpuPercentOver(seconds));
    std::fflush(stdout);

    kiosk.kiosk->session()->begin();
    kiosk.kiosk->session()->openActivity(QStringLiteral("mediator"));
    QQuickItem *indicator = nullptr;
    const bool turning = waitFor(
        [&] {
            indicator = findItem(window->contentItem(), QStringLiteral("mediatorWaitIndicator"));
            return indicator && indicator->isVisible() && indicator->property("running").toBool() &&
                   kiosk.kiosk->session()->state() == relais::SessionController::Activity;
        },
        20000);
    if (!turning) {
        std::fprintf(stderr, "no turning indicator on the call for the mediator\n");
        return 1;
    }
    QTest::qWait(3000);
    std::printf("waiting_cpu: %.2f %% of one core\n", cpuPercentOver(seconds));
    return 0;
}
