// SPDX-License-Identifier: EUPL-1.2
#include "servicerun.h"

#include "servicenotifier.h"
#include "servicesignals.h"

#include <QCoreApplication>
#include <QTimer>

namespace relais {

int runService(const ServiceHooks &hooks)
{
    ServiceNotifier notifier;
    ServiceSignals unixSignals;
    bool stopping = false;
    QObject::connect(&unixSignals, &ServiceSignals::reloadRequested, &unixSignals, [&] {
        if (stopping)
            return;
        qInfo("%s: reloading its certificates and configuration (SIGHUP)", qPrintable(hooks.name));
        notifier.reloading();
        hooks.reload();
        notifier.ready();
    });
    QObject::connect(&unixSignals, &ServiceSignals::terminateRequested, &unixSignals, [&] {
        if (stopping)
            return; // a second SIGTERM does not cut the first one's work short
        stopping = true;
        notifier.stopping();
        qInfo("%s: stopping: finishing the work in flight", qPrintable(hooks.name));
        QTimer::singleShot(kStopDeadlineMs, &unixSignals, [&] {
            qWarning("%s: work still in flight after %d s, stopping anyway", qPrintable(hooks.name),
                     kStopDeadlineMs / 1000);
            QCoreApplication::exit(0);
        });
        hooks.stop([&] {
            qInfo("%s: stopped", qPrintable(hooks.name));
            QCoreApplication::exit(0);
        });
    });
    notifier.ready();
    return QCoreApplication::exec();
}

} // namespace relais
