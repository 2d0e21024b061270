// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "database.h"

#include <QString>
#include <QTimeZone>

namespace relais {

// This kiosk's own counts of each week, queued for the observatory as `kiosk_counts` records
// whenever they change (observatory/API.md): they reach the site's figure whether a mediator
// closes the week on this kiosk, on another one, before or after these sessions, or never.
// Each snapshot of a week has the next sequence number; the observatory counts the highest.
class CountSnapshots
{
public:
    CountSnapshots(Database &database, QString siteId, QTimeZone zone);

    // Counts again the weeks of the journal entries written since the last look and queues a
    // snapshot of each week whose counts changed. Returns how many it queued.
    int update();

private:
    Database &m_database;
    QString m_siteId;
    QTimeZone m_zone;
};

} // namespace relais
