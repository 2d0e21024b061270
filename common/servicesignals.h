// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QObject>

class QSocketNotifier;

namespace relais {

// SIGTERM, SIGINT and SIGHUP turned into signals of the event loop (a self-pipe): the handler
// itself only writes the signal's number, so that a signal arriving at any moment (in the middle
// of a batch's transaction, of a TLS handshake) changes nothing until the loop gets to it. One
// instance per process; the default dispositions come back when it goes.
class ServiceSignals : public QObject
{
    Q_OBJECT
public:
    explicit ServiceSignals(QObject *parent = nullptr);
    ~ServiceSignals() override;
    ServiceSignals(const ServiceSignals &) = delete;
    ServiceSignals &operator=(const ServiceSignals &) = delete;

signals:
    void terminateRequested(); // SIGTERM (systemd's stop), SIGINT (Ctrl-C)
    void reloadRequested();    // SIGHUP (systemd's ExecReload=)

private:
    void readPipe();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace relais
