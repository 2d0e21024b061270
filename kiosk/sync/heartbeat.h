// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "syncledger.h"

#include <QJsonObject>
#include <QString>

namespace relais {

// The kiosk's health as the observatory's fleet view shows it (observatory/API.md,
// `heartbeat`). A device not checked yet is reported "unknown", never "ok".
struct HeartbeatFacts
{
    QString appVersion;
    qint64 uptimeS = 0;
    SyncSnapshot sync;
    QString camera = QStringLiteral("unknown");
    QString microphone = QStringLiteral("unknown");
    QString printer = QStringLiteral("unknown");
    QString scanner = QStringLiteral("unknown");
    qint64 diskFreeMb = -1; // -1: not known
    qint64 memoryAvailableMb = -1;
    QJsonObject bundle; // BundleStatus::toJson() of the last bundle offered; empty: not sent

    // Disk space of `dataDirectory` and the machine's available memory, read now.
    void readMachine(const QString &dataDirectory);
    QJsonObject body() const;
};

} // namespace relais
