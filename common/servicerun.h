// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>

#include <functional>

namespace relais {

// What a server does at its service manager's word; runService() calls them from the event loop.
struct ServiceHooks
{
    QString name; // in the log: "relais-hub"
    // SIGHUP: take new certificates and configuration, keeping connections; a refused file
    // keeps what is in use (the hook logs why).
    std::function<void()> reload;
    // SIGTERM: stop taking work, finish what is in flight, then call `done` (once).
    std::function<void(std::function<void()> done)> stop;
};

// Runs the event loop of a server that is already listening, as systemd's Type=notify expects:
// READY=1 now, WATCHDOG=1 from the loop, RELOADING=1 and READY=1 around a reload, STOPPING=1 and
// exit code 0 once the stop hook is done, or at kStopDeadlineMs whatever is still in flight (the
// units' TimeoutStopSec leaves room above it).
int runService(const ServiceHooks &hooks);

inline constexpr int kStopDeadlineMs = 9000;

} // namespace relais
