// SPDX-License-Identifier: EUPL-1.2
#include "bundlestatus.h"

namespace relais {

bool BundleStatus::refused() const
{
    static const QStringList fine = {QStringLiteral("none"), QStringLiteral("accepted"),
                                     QStringLiteral("unchanged")};
    return !fine.contains(result);
}

QJsonObject BundleStatus::toJson() const
{
    return {{QStringLiteral("result"), result},
            {QStringLiteral("version_in_use"), versionInUse},
            {QStringLiteral("offered_version"), offeredVersion},
            {QStringLiteral("detail"), detail},
            {QStringLiteral("checked_at"), checkedAt.toUTC().toString(Qt::ISODate)}};
}

BundleStatus BundleStatus::fromJson(const QJsonObject &object)
{
    BundleStatus status;
    status.result = object.value(QStringLiteral("result")).toString(status.result);
    status.versionInUse = object.value(QStringLiteral("version_in_use")).toInteger();
    status.offeredVersion = object.value(QStringLiteral("offered_version")).toInteger();
    status.detail = object.value(QStringLiteral("detail")).toString();
    status.checkedAt =
        QDateTime::fromString(object.value(QStringLiteral("checked_at")).toString(), Qt::ISODate);
    return status;
}

} // namespace relais
