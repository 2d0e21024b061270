// SPDX-License-Identifier: EUPL-1.2
#include "servicenotifier.h"

#include <QByteArray>

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <ctime>

namespace relais {

ServiceNotifier::ServiceNotifier(QObject *parent) : QObject(parent)
{
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        // Half the period, as systemd recommends, so one late tick never trips it.
        m_watchdog.setInterval(static_cast<int>(std::max<uint64_t>(usec / 2000, 100)));
        connect(&m_watchdog, &QTimer::timeout, this, [] { sd_notify(0, "WATCHDOG=1"); });
        m_watchdog.start();
    }
}

void ServiceNotifier::ready()
{
    sd_notify(0, "READY=1");
}

void ServiceNotifier::reloading()
{
    // systemd 253 and later match a reload to its RELOADING=1 by this time (Type=notify-reload).
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    const quint64 usec = quint64(now.tv_sec) * 1000000 + quint64(now.tv_nsec) / 1000;
    sd_notify(0, QByteArray("RELOADING=1\nMONOTONIC_USEC=" + QByteArray::number(usec)).constData());
}

void ServiceNotifier::stopping()
{
    sd_notify(0, "STOPPING=1");
}

} // namespace relais
