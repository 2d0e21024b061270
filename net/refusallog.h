// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QElapsedTimer>
#include <QHostAddress>
#include <QMap>
#include <QString>
#include <QTimer>

namespace relais::net {

// Logs refused connections without letting a flood flood the log: the first refusal of a
// window is logged at once with its address and reason; the others are counted by reason and
// summed up in one line, with the last address, when the window ends (a timer, so that the end
// of a flood is told even when nothing is refused after it). Each line names the server
// ("https", "wss") since one process runs several.
class RefusalLog
{
public:
    explicit RefusalLog(QString server, qint64 windowMs = 10'000);
    ~RefusalLog();
    RefusalLog(const RefusalLog &) = delete;
    RefusalLog &operator=(const RefusalLog &) = delete;

    void refused(const QHostAddress &address, const QString &reason);
    const QString &server() const { return m_server; }
    int logged() const { return m_logged; }

private:
    void flush();

    QString m_server;
    qint64 m_windowMs;
    QElapsedTimer m_window;
    QTimer m_summary;
    QMap<QString, int> m_suppressed;
    QHostAddress m_last;
    int m_logged = 0;
};

} // namespace relais::net
