// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QObject>
#include <QTimer>

namespace relais {

// Tells systemd (Type=notify) where a program stands: ready once it really serves (the kiosk's
// first frame, a server's ports listening), reloading, stopping; and feeds the watchdog from the
// event loop at half of WATCHDOG_USEC, so that a frozen loop gets the program restarted. Without
// NOTIFY_SOCKET (not under systemd) every call does nothing.
class ServiceNotifier : public QObject
{
    Q_OBJECT
public:
    explicit ServiceNotifier(QObject *parent = nullptr);

    void ready();
    // RELOADING=1 with the monotonic time systemd asks for; ready() again once done.
    void reloading();
    void stopping();
    bool watchdogEnabled() const { return m_watchdog.isActive(); }

private:
    QTimer m_watchdog;
};

} // namespace relais
