// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QDate>
#include <QMap>
#include <QString>

#include <optional>

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
    // Where it is, for the dashboard's map: its commune's INSEE code (the key of the commune's
    // population, for visits per 1,000 inhabitants) and its WGS84 position. Both optional: a
    // site without them is left off the map, not refused.
    QString insee = {};
    std::optional<double> lat = {};
    std::optional<double> lon = {};
    // For the open data of the "lieux de médiation numérique" (indicators/mediationplaces): the
    // street address (number and street), postal code and commune's name when the INSEE code's
    // is not the one to show, its SIRET, its opening hours in OpenStreetMap's opening_hours
    // syntax. Optional: a site without a street, a postal code or a SIRET is left out of that
    // file, the schema requiring them.
    QString street = {};
    QString postalCode = {};
    QString commune = {};
    QString siret = {};
    QString openingHours = {};
    // The day the store last saw any of the above, its name or its position change (the
    // schema's date_maj); null before the store has it.
    QDate updatedOn = {};
};

} // namespace relais::observatory
