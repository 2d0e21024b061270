// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace relais {

// What became of the last configuration bundle the kiosk was offered, kept on disk so that
// the heartbeat can report a refusal after a restart too.
struct BundleStatus
{
    // "none" (never checked), "accepted", "unchanged" (the bundle in use again),
    // "rollback" (a lower version), "expired" (past its expiry: a frozen server),
    // "bad_signature", "malformed", "invalid_content", "unreachable", "refused" (by the
    // observatory), "no_bundle" (none published).
    QString result = QStringLiteral("none");
    qint64 versionInUse = 0; // 0: none accepted yet
    qint64 offeredVersion = 0;
    QString detail; // for the log and the heartbeat, in English
    QDateTime checkedAt;

    bool refused() const;
    QJsonObject toJson() const;
    static BundleStatus fromJson(const QJsonObject &object);
};

} // namespace relais
