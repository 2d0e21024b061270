#pragma once

#include <QElapsedTimer>
#include <QHostAddress>
#include <QString>

namespace relais::net {

// Logs refused connections without letting a flood flood the log: the first refusal of a
// window is logged with its address and reason, the others are only counted and summed up in
// one line when the next window opens.
class RefusalLog
{
public:
    explicit RefusalLog(QString server, qint64 windowMs = 10'000)
        : m_server(std::move(server)), m_windowMs(windowMs)
    {}

    void refused(const QHostAddress &address, const char *reason);
    int logged() const { return m_logged; }

private:
    QString m_server;
    qint64 m_windowMs;
    QElapsedTimer m_window;
    int m_suppressed = 0;
    int m_logged = 0;
};

} // namespace relais::net
