// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QDate>
#include <QMap>
#include <QString>

namespace relais::observatory {

// A service point as the observatory knows it: where it sits (territory, département) for
// the indicators, when it opened and closed so that completeness counts the reports really
// expected, and the road distance to each agency's nearest office for the travel avoided.
struct Site
{
    QString id;
    QString name;
    QString territory;
    QString departement;
    QDate opened;
    QDate closed;                     // null while open
    QMap<QString, double> kmToOffice; // agency id → one-way km
    // Its clocks' zone, for the times the fleet view shows (an overseas département's differs).
    QString timeZone = QStringLiteral("Europe/Paris");
};

} // namespace relais::observatory
