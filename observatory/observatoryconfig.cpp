// SPDX-License-Identifier: EUPL-1.2
#include "observatoryconfig.h"

#include "configpath.h"
#include "jsonfields.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

#include <openssl/crypto.h>

namespace relais::observatory {

namespace {

using namespace relais::json;

QDate date(const QJsonObject &parent, const QString &key, const QString &path, bool required)
{
    if (!required && (!parent.contains(key) || parent.value(key).isNull()))
        return {};
    const QString text = string(parent, key, path, 10);
    const QDate value = QDate::fromString(text, Qt::ISODate);
    if (!value.isValid())
        throw FieldError{child(path, key), QStringLiteral("expected a date like 2026-01-05")};
    return value;
}

double number(const QJsonObject &parent, const QString &key, const QString &path, double min,
              double max, double fallback)
{
    return optionalNumber(parent, key, path, min, max).value_or(fallback);
}

// A commune's code in the Code officiel géographique: its département's (two digits, 2A or 2B
// in Corsica, three from 971 overseas) then the commune's number, five characters in all.
const QRegularExpression kInsee(QStringLiteral("^(?:[0-9]{2}|2[AB])[0-9]{3}$"));

// A day's opening hours in the part of OpenStreetMap's opening_hours syntax that a service
// point needs: rules "; "-separated, each days (Mo–Su, PH for public holidays, ranges and lists)
// then hours ("09:00-12:00,14:00-17:00") or off, or 24/7.
const QRegularExpression kOpeningHours = [] {
    const QString day = QStringLiteral("(?:Mo|Tu|We|Th|Fr|Sa|Su)");
    const QString days = QStringLiteral("(?:PH|%1(?:-%1)?)").arg(day);
    const QString time = QStringLiteral("(?:[01][0-9]|2[0-4]):[0-5][0-9]");
    const QString span = QStringLiteral("%1-%1").arg(time);
    const QString rule =
        QStringLiteral("(?:(?:%1(?:,%1)* )?(?:off|%2(?:,%2)*)|24/7)").arg(days, span);
    return QRegularExpression(QStringLiteral("^%1(?:; %1)*$").arg(rule));
}();

// A SIRET: 14 digits whose Luhn sum is a multiple of 10, except La Poste's establishments
// (SIREN 356000000), whose digits' plain sum is a multiple of 5.
bool isSiret(const QString &siret)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{14}$"));
    if (!digits.match(siret).hasMatch())
        return false;
    int luhn = 0;
    int plain = 0;
    for (int i = 0; i < 14; ++i) {
        const int digit = siret[13 - i].digitValue();
        const int doubled = i % 2 ? digit * 2 : digit;
        luhn += doubled > 9 ? doubled - 9 : doubled;
        plain += digit;
    }
    return siret.startsWith(QLatin1String("356000000")) ? plain % 5 == 0 : luhn % 10 == 0;
}

// The address, SIRET and opening hours of the open data's "lieux de médiation numérique".
void readMediationPlace(const QJsonObject &o, const QString &at, Site *site)
{
    const auto refuse = [&](const QString &key, const QString &problem) {
        throw FieldError{child(at, key), QStringLiteral("(site %1) %2").arg(site->id, problem)};
    };
    if (o.contains(QStringLiteral("address"))) {
        const QString path = child(at, QStringLiteral("address"));
        const QJsonObject address = object(o, QStringLiteral("address"), at);
        rejectUnknownKeys(
            address,
            {QStringLiteral("street"), QStringLiteral("postal_code"), QStringLiteral("commune")},
            path);
        site->street = string(address, QStringLiteral("street"), path, 200).simplified();
        site->postalCode = string(address, QStringLiteral("postal_code"), path, 5);
        static const QRegularExpression postal(QStringLiteral("^[0-9]{5}$"));
        if (!postal.match(site->postalCode).hasMatch())
            refuse(QStringLiteral("address.postal_code"),
                   QStringLiteral("\"%1\" is not a postal code (five digits, for example 46130)")
                       .arg(site->postalCode));
        if (site->street.isEmpty())
            refuse(QStringLiteral("address.street"),
                   QStringLiteral("is empty: the number and street, for example \"2 place de la "
                                  "Mairie\""));
        site->commune = optionalString(address, QStringLiteral("commune"), path, 100)
                            .value_or(QString())
                            .simplified();
    }
    if (const auto siret = optionalString(o, QStringLiteral("siret"), at, 14)) {
        if (!isSiret(*siret))
            refuse(QStringLiteral("siret"),
                   QStringLiteral("\"%1\" is not a SIRET (14 digits, as "
                                  "annuaire-entreprises.data.gouv.fr gives it)")
                       .arg(*siret));
        site->siret = *siret;
    }
    if (const auto hours = optionalString(o, QStringLiteral("opening_hours"), at, 300)) {
        if (!kOpeningHours.match(*hours).hasMatch())
            refuse(QStringLiteral("opening_hours"),
                   QStringLiteral("\"%1\" is not in OpenStreetMap's opening_hours syntax as the "
                                  "observatory reads it: days then hours, rules separated by "
                                  "\"; \", for example \"Mo-Fr 09:00-12:00,14:00-17:00; Sa "
                                  "09:00-12:00; PH off\"")
                       .arg(*hours));
        site->openingHours = *hours;
    }
}

// Each problem names the site, not only its index in the list, for the operator to find it.
void readPlace(const QJsonObject &o, const QString &at, Site *site)
{
    const auto refuse = [&](const QString &key, const QString &problem) {
        throw FieldError{child(at, key), QStringLiteral("(site %1) %2").arg(site->id, problem)};
    };
    if (const auto insee = optionalString(o, QStringLiteral("insee"), at, 5)) {
        if (!kInsee.match(*insee).hasMatch())
            refuse(QStringLiteral("insee"),
                   QStringLiteral("\"%1\" is not a commune's INSEE code (five characters, for "
                                  "example 46038 or 2A004)")
                       .arg(*insee));
        if (!insee->startsWith(site->departement))
            refuse(QStringLiteral("insee"),
                   QStringLiteral("%1 is not a commune of the site's département %2")
                       .arg(*insee, site->departement));
        site->insee = *insee;
    }
    try {
        site->lat = optionalNumber(o, QStringLiteral("lat"), at, -90, 90);
        site->lon = optionalNumber(o, QStringLiteral("lon"), at, -180, 180);
    } catch (const FieldError &error) {
        refuse(error.field.section(u'.', -1), error.problem + QStringLiteral(" (WGS84 degrees)"));
    }
    if (site->lat.has_value() != site->lon.has_value())
        refuse(site->lat ? QStringLiteral("lon") : QStringLiteral("lat"),
               QStringLiteral("is required with %1: a position needs both")
                   .arg(site->lat ? QStringLiteral("lat") : QStringLiteral("lon")));
}

MapSettings readMap(const QJsonObject &root)
{
    MapSettings map;
    const QString at = QStringLiteral("map");
    if (!root.contains(at))
        return map;
    const QJsonObject m = object(root, at, QString());
    rejectUnknownKeys(m, {QStringLiteral("tile_url"), QStringLiteral("tile_attribution")}, at);
    map.tileUrl = optionalString(m, QStringLiteral("tile_url"), at, 500).value_or(QString());
    if (map.tileUrl.isEmpty())
        return map;
    const QUrl url(map.tileUrl.section(u'{', 0, 0), QUrl::StrictMode);
    const bool placeholders = map.tileUrl.contains(QLatin1String("{z}")) &&
                              map.tileUrl.contains(QLatin1String("{x}")) &&
                              map.tileUrl.contains(QLatin1String("{y}"));
    if (url.scheme() != QLatin1String("https") || url.host().isEmpty() || !placeholders)
        throw FieldError{child(at, QStringLiteral("tile_url")),
                         QStringLiteral("must be an https:// URL with {z}, {x} and {y}, for "
                                        "example https://tiles.example.org/{z}/{x}/{y}.png")};
    map.tileAttribution = string(m, QStringLiteral("tile_attribution"), at, 300);
    return map;
}

} // namespace

QList<Site> parseSites(const QJsonArray &array, const QString &path)
{
    QList<Site> sites;
    QStringList seen;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString at = element(path, i);
        const QJsonObject o = objectAt(array, i, path);
        rejectUnknownKeys(
            o,
            {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("territory"),
             QStringLiteral("departement"), QStringLiteral("opened"), QStringLiteral("closed"),
             QStringLiteral("km_to_office"), QStringLiteral("time_zone"), QStringLiteral("insee"),
             QStringLiteral("lat"), QStringLiteral("lon"), QStringLiteral("address"),
             QStringLiteral("siret"), QStringLiteral("opening_hours")},
            at);
        Site site;
        site.id = string(o, QStringLiteral("id"), at, 64);
        if (!isIdentifier(site.id))
            throw FieldError{child(at, QStringLiteral("id")),
                             QStringLiteral("must be lowercase letters, digits and '-'")};
        if (seen.contains(site.id))
            throw FieldError{child(at, QStringLiteral("id")), QStringLiteral("appears twice")};
        seen << site.id;
        site.name = string(o, QStringLiteral("name"), at);
        site.territory = string(o, QStringLiteral("territory"), at);
        site.departement = string(o, QStringLiteral("departement"), at, 3);
        site.opened = date(o, QStringLiteral("opened"), at, true);
        site.closed = date(o, QStringLiteral("closed"), at, false);
        if (o.contains(QStringLiteral("km_to_office"))) {
            const QString kmPath = child(at, QStringLiteral("km_to_office"));
            const QJsonObject km = object(o, QStringLiteral("km_to_office"), at);
            for (auto it = km.begin(); it != km.end(); ++it) {
                if (!isIdentifier(it.key()))
                    throw FieldError{child(kmPath, it.key()),
                                     QStringLiteral("is not an agency id")};
                site.kmToOffice.insert(it.key(), *optionalNumber(km, it.key(), kmPath, 0, 1000));
            }
        }
        if (const auto zone = optionalString(o, QStringLiteral("time_zone"), at, 64)) {
            if (!QTimeZone(zone->toUtf8()).isValid())
                throw FieldError{child(at, QStringLiteral("time_zone")),
                                 QStringLiteral("\"%1\" is not a known time zone (for example "
                                                "Europe/Paris, America/Cayenne, Indian/Reunion)")
                                     .arg(*zone)};
            site.timeZone = *zone;
        }
        readPlace(o, at, &site);
        readMediationPlace(o, at, &site);
        sites << site;
    }
    return sites;
}

namespace {

QList<HubEntry> readHubs(const QJsonObject &root)
{
    QList<HubEntry> hubs;
    if (!root.contains(QStringLiteral("hubs")))
        return hubs;
    const QJsonArray list = array(root, QStringLiteral("hubs"), QString());
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString at = element(QStringLiteral("hubs"), i);
        const QJsonObject o = objectAt(list, i, QStringLiteral("hubs"));
        rejectUnknownKeys(o, {QStringLiteral("id"), QStringLiteral("token_sha256")}, at);
        HubEntry hub;
        hub.id = string(o, QStringLiteral("id"), at, 64);
        if (!isIdentifier(hub.id))
            throw FieldError{child(at, QStringLiteral("id")),
                             QStringLiteral("must be lowercase letters, digits and '-'")};
        const QString digest = string(o, QStringLiteral("token_sha256"), at, 64);
        hub.tokenSha256 = QByteArray::fromHex(digest.toLatin1());
        if (digest.size() != 64 || hub.tokenSha256.size() != 32 ||
            hub.tokenSha256.toHex() != digest.toLower().toLatin1())
            throw FieldError{child(at, QStringLiteral("token_sha256")),
                             QStringLiteral("must be 64 hexadecimal digits (sha256sum of the "
                                            "hub's token)")};
        for (const HubEntry &other : hubs)
            if (other.id == hub.id || other.tokenSha256 == hub.tokenSha256)
                throw FieldError{at, QStringLiteral("repeats the id or token of another hub")};
        hubs << hub;
    }
    return hubs;
}

} // namespace

const HubEntry *hubForToken(const ObservatoryConfig &config, const QByteArray &token)
{
    const QByteArray digest = QCryptographicHash::hash(token, QCryptographicHash::Sha256);
    for (const HubEntry &hub : config.hubs)
        if (CRYPTO_memcmp(digest.constData(), hub.tokenSha256.constData(), digest.size()) == 0)
            return &hub;
    return nullptr;
}

ObservatoryConfig loadObservatoryConfig(const QString &path)
{
    const QJsonObject root = parseFile(path);
    rejectUnknownKeys(root,
                      {QStringLiteral("format"), QStringLiteral("listen"), QStringLiteral("tls"),
                       QStringLiteral("ca_dir"), QStringLiteral("bundles_dir"),
                       QStringLiteral("database"), QStringLiteral("limits"),
                       QStringLiteral("enrollment"), QStringLiteral("reports"),
                       QStringLiteral("fleet"), QStringLiteral("travel"), QStringLiteral("matrix"),
                       QStringLiteral("sites"), QStringLiteral("operations"), QStringLiteral("map"),
                       QStringLiteral("hubs")},
                      QString());
    if (string(root, QStringLiteral("format"), QString()) !=
        QLatin1String("relais-observatory-config/1"))
        throw FieldError{QStringLiteral("format"),
                         QStringLiteral("must be \"relais-observatory-config/1\"")};
    ObservatoryConfig config;
    config.path = path;

    const QJsonObject listen = object(root, QStringLiteral("listen"), QString());
    rejectUnknownKeys(listen, {QStringLiteral("address"), QStringLiteral("port")},
                      QStringLiteral("listen"));
    const QString address = string(listen, QStringLiteral("address"), QStringLiteral("listen"));
    if (!config.address.setAddress(address))
        throw FieldError{QStringLiteral("listen.address"), QStringLiteral("is not an IP address")};
    config.port = static_cast<quint16>(
        integer(listen, QStringLiteral("port"), QStringLiteral("listen"), 0, 65535));
    config.operations = parseOperationsSettings(root);

    const QJsonObject tls = object(root, QStringLiteral("tls"), QString());
    rejectUnknownKeys(tls, {QStringLiteral("cert_file"), QStringLiteral("key_file")},
                      QStringLiteral("tls"));
    const QString base = QFileInfo(path).absolutePath();
    config.certFile = filePath(tls, QStringLiteral("cert_file"), QStringLiteral("tls"), base);
    config.keyFile = filePath(tls, QStringLiteral("key_file"), QStringLiteral("tls"), base);
    config.caDirectory = filePath(root, QStringLiteral("ca_dir"), QString(), base);
    config.bundlesDirectory = optionalFilePath(root, QStringLiteral("bundles_dir"), QString(), base)
                                  .value_or(QDir(base).filePath(QStringLiteral("bundles")));

    const QString database = string(root, QStringLiteral("database"), QString(), 4096);
    config.database = database.startsWith(QLatin1String("postgresql://"))
                          ? database
                          : expandPath(database, QStringLiteral("database"), base);

    if (root.contains(QStringLiteral("limits"))) {
        const QJsonObject limits = object(root, QStringLiteral("limits"), QString());
        rejectUnknownKeys(
            limits, {QStringLiteral("max_body_bytes"), QStringLiteral("max_records_per_batch")},
            QStringLiteral("limits"));
        config.maxBodyBytes =
            integer(limits, QStringLiteral("max_body_bytes"), QStringLiteral("limits"), 1024,
                    64 * 1024 * 1024, static_cast<int>(config.maxBodyBytes));
        config.maxRecordsPerBatch =
            integer(limits, QStringLiteral("max_records_per_batch"), QStringLiteral("limits"), 1,
                    10000, config.maxRecordsPerBatch);
    }
    if (root.contains(QStringLiteral("enrollment"))) {
        const QJsonObject e = object(root, QStringLiteral("enrollment"), QString());
        rejectUnknownKeys(e, {QStringLiteral("token_hours")}, QStringLiteral("enrollment"));
        config.tokenHours = integer(e, QStringLiteral("token_hours"), QStringLiteral("enrollment"),
                                    1, 24 * 90, config.tokenHours);
    }
    if (root.contains(QStringLiteral("fleet"))) {
        const QJsonObject f = object(root, QStringLiteral("fleet"), QString());
        rejectUnknownKeys(f, {QStringLiteral("silent_after_hours")}, QStringLiteral("fleet"));
        config.silentAfterHours =
            integer(f, QStringLiteral("silent_after_hours"), QStringLiteral("fleet"), 1, 24 * 90);
    }
    if (root.contains(QStringLiteral("reports"))) {
        const QJsonObject r = object(root, QStringLiteral("reports"), QString());
        rejectUnknownKeys(r, {QStringLiteral("on_time_days")}, QStringLiteral("reports"));
        config.onTimeDays = integer(r, QStringLiteral("on_time_days"), QStringLiteral("reports"), 0,
                                    60, config.onTimeDays);
    }
    if (root.contains(QStringLiteral("travel"))) {
        const QJsonObject t = object(root, QStringLiteral("travel"), QString());
        rejectUnknownKeys(t, {QStringLiteral("co2_kg_per_km"), QStringLiteral("co2_source")},
                          QStringLiteral("travel"));
        config.co2KgPerKm =
            number(t, QStringLiteral("co2_kg_per_km"), QStringLiteral("travel"), 0, 2, 0.179);
        config.co2Source = string(t, QStringLiteral("co2_source"), QStringLiteral("travel"), 500);
    }
    if (root.contains(QStringLiteral("matrix"))) {
        const QJsonObject m = object(root, QStringLiteral("matrix"), QString());
        const QString at = QStringLiteral("matrix");
        rejectUnknownKeys(m,
                          {QStringLiteral("revise_below"), QStringLiteral("watch_below"),
                           QStringLiteral("optimise_below"), QStringLiteral("gap_points")},
                          at);
        MatrixThresholds &t = config.matrix;
        t.reviseBelow = number(m, QStringLiteral("revise_below"), at, 0, 100, t.reviseBelow);
        t.watchBelow = number(m, QStringLiteral("watch_below"), at, 0, 100, t.watchBelow);
        t.optimiseBelow = number(m, QStringLiteral("optimise_below"), at, 0, 100, t.optimiseBelow);
        t.gapPoints = number(m, QStringLiteral("gap_points"), at, -100, 0, t.gapPoints);
        if (!(t.reviseBelow <= t.watchBelow && t.watchBelow <= t.optimiseBelow))
            throw FieldError{at, QStringLiteral("thresholds must grow: revise ≤ watch ≤ optimise")};
    }
    config.map = readMap(root);
    config.hubs = readHubs(root);
    if (root.contains(QStringLiteral("sites")))
        config.sites =
            parseSites(array(root, QStringLiteral("sites"), QString()), QStringLiteral("sites"));
    return config;
}

} // namespace relais::observatory
