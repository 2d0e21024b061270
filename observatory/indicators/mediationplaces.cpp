// SPDX-License-Identifier: EUPL-1.2
#include "mediationplaces.h"

#include "csvwriter.h"
#include "dashboard/sitemap.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace relais::observatory {

namespace {

const QString kServices = QStringLiteral("Aide aux démarches administratives");
const QString kModes = QStringLiteral("En autonomie|À distance");

} // namespace

QStringList mediationPlaceFields()
{
    return {QStringLiteral("id"),
            QStringLiteral("pivot"),
            QStringLiteral("nom"),
            QStringLiteral("commune"),
            QStringLiteral("code_postal"),
            QStringLiteral("code_insee"),
            QStringLiteral("adresse"),
            QStringLiteral("latitude"),
            QStringLiteral("longitude"),
            QStringLiteral("horaires"),
            QStringLiteral("date_maj"),
            QStringLiteral("services"),
            QStringLiteral("modalites_accompagnement")};
}

MediationPlaces mediationPlaces(const QList<Site> &sites, const QDate &today)
{
    MediationPlaces out;
    const QStringList fields = mediationPlaceFields();
    CsvWriter csv;
    for (const QString &field : fields)
        csv.text(field);
    csv.endLine();
    QJsonArray places;
    for (const Site &site : sites) {
        if (site.opened > today || (site.closed.isValid() && site.closed <= today))
            continue;
        const QString commune = site.commune.isEmpty() ? communeName(site.insee) : site.commune;
        if (site.siret.isEmpty() || site.street.isEmpty() || site.postalCode.isEmpty() ||
            commune.isEmpty()) {
            ++out.left;
            continue;
        }
        ++out.published;
        const QDate updated = site.updatedOn.isValid() ? site.updatedOn : today;
        const QStringList texts = {site.id,         site.siret, site.name,  commune,
                                   site.postalCode, site.insee, site.street};
        QJsonObject place;
        for (qsizetype i = 0; i < texts.size(); ++i) {
            csv.text(texts[i]);
            if (!texts[i].isEmpty())
                place.insert(fields[i], texts[i]);
        }
        // Positions to six decimals (about 10 cm), as numbers in both.
        if (site.lat && site.lon) {
            csv.number(*site.lat, 6);
            csv.number(*site.lon, 6);
            place.insert(QStringLiteral("latitude"), *site.lat);
            place.insert(QStringLiteral("longitude"), *site.lon);
        } else {
            csv.text({});
            csv.text({});
        }
        for (const auto &[field, value] :
             {std::pair{QStringLiteral("horaires"), site.openingHours},
              std::pair{QStringLiteral("date_maj"), updated.toString(Qt::ISODate)},
              std::pair{QStringLiteral("services"), kServices},
              std::pair{QStringLiteral("modalites_accompagnement"), kModes}}) {
            csv.text(value);
            if (!value.isEmpty())
                place.insert(field, value);
        }
        csv.endLine();
        places.append(place);
    }
    out.csv = csv.bytes();
    out.json = QJsonDocument(places).toJson(QJsonDocument::Indented);
    return out;
}

} // namespace relais::observatory
