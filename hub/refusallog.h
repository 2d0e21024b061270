#pragma once

#include <QElapsedTimer>
#include <QHostAddress>
#include <QMap>
#include <QObject>
#include <QTimer>

namespace relais::hub {

// Connections refused under a flood come by thousands a second: the log says so at once, then
// at most once per interval, with how many were refused, why, and the last address.
class RefusalLog : public QObject
{
    Q_OBJECT
public:
    explicit RefusalLog(int intervalMs = 10000, QObject *parent = nullptr);
    ~RefusalLog() override;

    void note(const QHostAddress &address, const QString &reason);

private:
    void flush();

    int m_intervalMs;
    QElapsedTimer m_sinceLine;
    QTimer m_flush;
    QMap<QString, int> m_pending;
    QHostAddress m_last;
};

} // namespace relais::hub
