// SPDX-License-Identifier: EUPL-1.2
#include "kioskssilence.h"

#include "store/store.h"

#include <QSqlQuery>

namespace relais::observatory {

QList<KioskLastHeard> kiosksLastHeard(Store &store)
{
    QSqlQuery q = store.prepare(QStringLiteral(
        "SELECT d.device_id, d.site, d.created_at, (SELECT MAX(created_at) FROM heartbeats h "
        "WHERE h.device_id = d.device_id) FROM devices d WHERE d.revoked_at IS NULL AND "
        "d.cert_serial IS NOT NULL ORDER BY d.device_id"));
    Store::run(q);
    QList<KioskLastHeard> result;
    while (q.next()) {
        const QString heard = q.value(3).isNull() ? q.value(2).toString() : q.value(3).toString();
        QDateTime at = QDateTime::fromString(heard, Qt::ISODateWithMs);
        if (!at.isValid())
            at = QDateTime::fromString(heard, Qt::ISODate);
        result.append({q.value(0).toString(), q.value(1).toString(), at.toUTC()});
    }
    return result;
}

} // namespace relais::observatory
