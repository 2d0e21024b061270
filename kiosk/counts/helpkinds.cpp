// SPDX-License-Identifier: EUPL-1.2
#include "helpkinds.h"

namespace relais {

const QList<HelpKind> &helpKinds()
{
    static const QList<HelpKind> kinds = {
        {QStringLiteral("information"), true}, {QStringLiteral("online"), true},
        {QStringLiteral("visio"), true},       {QStringLiteral("referral"), true},
        {QStringLiteral("internet"), false},   {QStringLiteral("print"), false},
        {QStringLiteral("mediator"), false},
    };
    return kinds;
}

QList<GridRow> gridRows(const QStringList &agencies)
{
    QList<GridRow> rows;
    for (const HelpKind &kind : helpKinds()) {
        if (!kind.perAgency) {
            rows.append({kind.id, QString()});
            continue;
        }
        for (const QString &agency : agencies)
            rows.append({kind.id, agency});
    }
    return rows;
}

} // namespace relais
