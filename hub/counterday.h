// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace relais::hub {

// An agency's counter today, for its supervisors: the requests answered (with how long each
// waited), abandoned (the resident left the queue or her kiosk went) and turned into a
// callback. In memory only, like the queues: a restarted hub starts the day's count again.
// Nothing in it names a resident or an adviser.
class CounterDay
{
public:
    // `outcome`: "answered", "abandoned", "callback" (HubMetrics' words; others are ignored).
    // `day`: the agency's date when it happened; a new day starts the figures over.
    void record(const QString &agency, const QDate &day, const QString &outcome, qint64 waitS = 0);

    // {"day", "answered", "abandoned", "callbacks", "wait_median_s", "wait_p90_s"}: the waits
    // of the answered requests (null when none was answered), for the agency's `day`.
    QJsonObject figures(const QString &agency, const QDate &day) const;

private:
    struct Figures
    {
        QDate day;
        QList<qint64> waitsS;
        int abandoned = 0;
        int callbacks = 0;
    };
    QHash<QString, Figures> m_agencies;
};

// The value at or below which `share` (0–1) of `values` lie, nearest rank; -1 when empty.
qint64 nearestRank(QList<qint64> values, double share);

} // namespace relais::hub
