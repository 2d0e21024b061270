// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "site.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>

namespace relais::observatory {

// The service points as open data in the national "Schéma de données des lieux de médiation
// numérique" (LaMednum/standard-mediation-num, version 1.0.1 on schema.data.gouv.fr, Licence
// Ouverte 2.0; the same fields as the ANCT's npm package @gouvfr-anct/lieux-de-mediation-numerique,
// MIT), with only what the observatory knows of them:
// - id (the site's id), nom, pivot (its SIRET), adresse, code_postal, commune (the configured
//   name, else the INSEE code's from dashboard/geo/communes.json), code_insee, latitude,
//   longitude, horaires (OpenStreetMap's opening_hours), date_maj (the day the store last saw
//   one of them change);
// - services "Aide aux démarches administratives" and modalites_accompagnement "En
//   autonomie|À distance": what every Relais kiosk does (guided procedures, video calls with
//   the agencies' advisers).
// A site open on `today` is published when it has what the schema requires (a SIRET, a street,
// a postal code and a commune), else left out; `left` counts those left out.
struct MediationPlaces
{
    QByteArray json; // an array of objects, an absent field left out
    QByteArray csv;  // the schema's CSV: its fields' names as header, ",", "|" between values
    int published = 0;
    int left = 0;
};

MediationPlaces mediationPlaces(const QList<Site> &sites, const QDate &today);

// The schema's fields this file fills, in the schema's order.
QStringList mediationPlaceFields();

} // namespace relais::observatory
