// SPDX-License-Identifier: EUPL-1.2
#include "systemdnotifier.h"

#include <systemd/sd-daemon.h>

namespace relais {

SystemdNotifier::SystemdNotifier(QObject *parent) : QObject(parent)
{
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        // Half the period, as systemd recommends, so one late tick never trips it.
        m_watchdog.setInterval(static_cast<int>(std::max<uint64_t>(usec / 2000, 100)));
        connect(&m_watchdog, &QTimer::timeout, this, [] { sd_notify(0, "WATCHDOG=1"); });
        m_watchdog.start();
    }
}

void SystemdNotifier::notifyReady()
{
    sd_notify(0, "READY=1");
}

} // namespace relais
