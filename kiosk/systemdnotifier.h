// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QObject>
#include <QTimer>

namespace relais {

// Tells systemd when the kiosk is really up (first frame on screen) and keeps the watchdog
// fed from the GUI thread, so a frozen interface gets the kiosk restarted.
class SystemdNotifier : public QObject
{
    Q_OBJECT
public:
    explicit SystemdNotifier(QObject *parent = nullptr);
    void notifyReady();
    bool watchdogEnabled() const { return m_watchdog.isActive(); }

private:
    QTimer m_watchdog;
};

} // namespace relais
