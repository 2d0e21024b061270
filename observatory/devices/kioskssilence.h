// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace relais::observatory {

class Store;

// When each kiosk in service (enrolled, not revoked) was last heard from: its newest heartbeat,
// or its enrollment when it never sent one. One reading for the fleet view and the metrics.
struct KioskLastHeard
{
    QString deviceId;
    QString site;
    QDateTime lastHeard; // UTC
};

QList<KioskLastHeard> kiosksLastHeard(Store &store);

} // namespace relais::observatory
