// SPDX-License-Identifier: EUPL-1.2
#include "deviceregistry.h"

#include "enrollmenttoken.h"
#include "jsonfields.h"
#include "store/store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace relais::observatory {

namespace {

QString utc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

Device deviceFrom(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
            !q.value(3).isNull(),  q.value(4).toString(), q.value(5).toString()};
}

const char *kDeviceColumns =
    "SELECT device_id, site, kiosk, revoked_at, cert_serial, cert_not_after FROM devices";

} // namespace

QString tokenCheckCode(DeviceRegistry::TokenCheck check)
{
    switch (check) {
    case DeviceRegistry::TokenCheck::Accepted:
        return QStringLiteral("accepted");
    case DeviceRegistry::TokenCheck::Unknown:
        return QStringLiteral("token_unknown");
    case DeviceRegistry::TokenCheck::Used:
        return QStringLiteral("token_used");
    case DeviceRegistry::TokenCheck::Expired:
        return QStringLiteral("token_expired");
    case DeviceRegistry::TokenCheck::Revoked:
        return QStringLiteral("device_revoked");
    }
    return {};
}

void DeviceRegistry::putSites(const QList<Site> &sites, const QDate &today)
{
    const auto text = [](const QString &value) {
        return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
    };
    // What the open data's "lieux de médiation numérique" show of a site: when one of them
    // changes, so does its date_maj.
    QStringList changed;
    for (const char *column : {"name", "closed", "insee", "lat", "lon", "street", "postal_code",
                               "commune", "siret", "opening_hours"})
        changed
            << QStringLiteral("sites.%1 IS DISTINCT FROM excluded.%1").arg(QLatin1String(column));
    m_store.transaction([&] {
        for (const Site &site : sites) {
            QJsonObject km;
            for (auto it = site.kmToOffice.begin(); it != site.kmToOffice.end(); ++it)
                km.insert(it.key(), it.value());
            m_store.execute(
                QStringLiteral(
                    "INSERT INTO sites (id, name, territory, departement, opened, closed, "
                    "km_to_office, time_zone, insee, lat, lon, street, postal_code, commune, "
                    "siret, opening_hours, updated_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                    "territory = excluded.territory, departement = excluded.departement, "
                    "opened = excluded.opened, closed = excluded.closed, "
                    "km_to_office = excluded.km_to_office, time_zone = excluded.time_zone, "
                    "insee = excluded.insee, lat = excluded.lat, lon = excluded.lon, "
                    "street = excluded.street, postal_code = excluded.postal_code, "
                    "commune = excluded.commune, siret = excluded.siret, "
                    "opening_hours = excluded.opening_hours, updated_on = CASE WHEN "
                    "sites.updated_on IS NULL OR %1 THEN excluded.updated_on ELSE "
                    "sites.updated_on END")
                    .arg(changed.join(QLatin1String(" OR "))),
                {site.id, site.name, site.territory, site.departement,
                 site.opened.toString(Qt::ISODate),
                 site.closed.isValid() ? QVariant(site.closed.toString(Qt::ISODate))
                                       : QVariant(QMetaType::fromType<QString>()),
                 QString::fromUtf8(QJsonDocument(km).toJson(QJsonDocument::Compact)), site.timeZone,
                 text(site.insee),
                 site.lat ? QVariant(*site.lat) : QVariant(QMetaType::fromType<double>()),
                 site.lon ? QVariant(*site.lon) : QVariant(QMetaType::fromType<double>()),
                 text(site.street), text(site.postalCode), text(site.commune), text(site.siret),
                 text(site.openingHours), today.toString(Qt::ISODate)});
        }
    });
}

QList<Site> DeviceRegistry::sites() const
{
    QSqlQuery q = m_store.prepare(QStringLiteral(
        "SELECT id, name, territory, departement, opened, closed, km_to_office, time_zone, insee, "
        "lat, lon, street, postal_code, commune, siret, opening_hours, updated_on FROM sites "
        "ORDER BY id"));
    Store::run(q);
    QList<Site> sites;
    while (q.next()) {
        Site site{q.value(0).toString(),
                  q.value(1).toString(),
                  q.value(2).toString(),
                  q.value(3).toString(),
                  QDate::fromString(q.value(4).toString(), Qt::ISODate),
                  QDate::fromString(q.value(5).toString(), Qt::ISODate),
                  {},
                  q.value(7).isNull() ? QStringLiteral("Europe/Paris") : q.value(7).toString(),
                  q.value(8).toString(),
                  q.value(9).isNull() ? std::nullopt : std::optional(q.value(9).toDouble()),
                  q.value(10).isNull() ? std::nullopt : std::optional(q.value(10).toDouble()),
                  q.value(11).toString(),
                  q.value(12).toString(),
                  q.value(13).toString(),
                  q.value(14).toString(),
                  q.value(15).toString(),
                  QDate::fromString(q.value(16).toString(), Qt::ISODate)};
        const QJsonObject km = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
        for (auto it = km.begin(); it != km.end(); ++it)
            site.kmToOffice.insert(it.key(), it.value().toDouble());
        sites << site;
    }
    return sites;
}

QString DeviceRegistry::createKiosk(const QString &site, const QString &kiosk, int hours,
                                    const QDateTime &now)
{
    if (!json::isIdentifier(site) || !json::isIdentifier(kiosk))
        throw RegistryError("site and kiosk ids are lowercase letters, digits and '-'");
    const QString deviceId = site + u'/' + kiosk;
    const QString token = provisioning::newEnrollmentToken();
    m_store.transaction([&] {
        if (!m_store.scalar(QStringLiteral("SELECT 1 FROM sites WHERE id = ?"), {site}).isValid())
            throw RegistryError(QStringLiteral("the site %1 is not known; import it first")
                                    .arg(site)
                                    .toStdString());
        const auto existing = device(deviceId);
        if (existing && existing->revoked)
            throw RegistryError(QStringLiteral("the kiosk %1 was revoked; give the replacement "
                                               "another kiosk id")
                                    .arg(deviceId)
                                    .toStdString());
        if (!existing)
            m_store.execute(QStringLiteral("INSERT INTO devices (device_id, site, kiosk, "
                                           "created_at) VALUES (?, ?, ?, ?)"),
                            {deviceId, site, kiosk, utc(now)});
        m_store.execute(QStringLiteral("INSERT INTO enrollment_tokens (token_hash, device_id, "
                                       "expires_at) VALUES (?, ?, ?)"),
                        {provisioning::enrollmentTokenHash(token), deviceId,
                         utc(now.addSecs(qint64(hours) * 3600))});
    });
    return token;
}

void DeviceRegistry::revoke(const QString &deviceId, const QDateTime &now)
{
    m_store.transaction([&] {
        if (!device(deviceId))
            throw RegistryError(
                QStringLiteral("no kiosk %1 is registered").arg(deviceId).toStdString());
        m_store.execute(QStringLiteral("UPDATE devices SET revoked_at = ? WHERE device_id = ? "
                                       "AND revoked_at IS NULL"),
                        {utc(now), deviceId});
        // Its unused tokens die with it.
        m_store.execute(QStringLiteral("UPDATE enrollment_tokens SET used_at = ? WHERE "
                                       "device_id = ? AND used_at IS NULL"),
                        {utc(now), deviceId});
    });
}

std::optional<Device> DeviceRegistry::device(const QString &deviceId) const
{
    QSqlQuery q = m_store.prepare(QString::fromLatin1(kDeviceColumns) +
                                  QStringLiteral(" WHERE device_id = ?"));
    Store::run(q, {deviceId});
    if (!q.next())
        return std::nullopt;
    return deviceFrom(q);
}

QList<Device> DeviceRegistry::devices() const
{
    QSqlQuery q = m_store.prepare(QString::fromLatin1(kDeviceColumns) +
                                  QStringLiteral(" ORDER BY device_id"));
    Store::run(q);
    QList<Device> all;
    while (q.next())
        all << deviceFrom(q);
    return all;
}

DeviceRegistry::TokenCheck DeviceRegistry::burnToken(const QString &token, const QDateTime &now,
                                                     Device *device)
{
    if (!provisioning::looksLikeEnrollmentToken(token))
        return TokenCheck::Unknown;
    const QString hash = provisioning::enrollmentTokenHash(token);
    QSqlQuery q = m_store.prepare(QStringLiteral(
        "SELECT device_id, expires_at, used_at FROM enrollment_tokens WHERE token_hash = ?"));
    Store::run(q, {hash});
    if (!q.next())
        return TokenCheck::Unknown;
    const QString deviceId = q.value(0).toString();
    const QDateTime expires = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
    const bool used = !q.value(2).isNull();
    q.finish();
    const auto owner = this->device(deviceId);
    if (!owner || owner->revoked)
        return TokenCheck::Revoked;
    if (used)
        return TokenCheck::Used;
    if (expires <= now)
        return TokenCheck::Expired;
    // The update is the burn: of two enrollments racing with one token, one changes the row.
    QSqlQuery burn = m_store.prepare(QStringLiteral(
        "UPDATE enrollment_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"));
    Store::run(burn, {utc(now), hash});
    if (burn.numRowsAffected() != 1)
        return TokenCheck::Used;
    *device = *owner;
    return TokenCheck::Accepted;
}

void DeviceRegistry::recordCertificate(const QString &deviceId, const QString &serial,
                                       const QDateTime &notAfter)
{
    m_store.execute(QStringLiteral("UPDATE devices SET cert_serial = ?, cert_not_after = ? "
                                   "WHERE device_id = ?"),
                    {serial, utc(notAfter), deviceId});
}

bool DeviceRegistry::renewCertificate(const QString &deviceId, const QString &previousSerial,
                                      const QString &serial, const QDateTime &notAfter)
{
    QSqlQuery q = m_store.prepare(QStringLiteral("UPDATE devices SET cert_serial = ?, "
                                                 "cert_not_after = ? WHERE device_id = ? AND "
                                                 "UPPER(cert_serial) = UPPER(?)"));
    Store::run(q, {serial, utc(notAfter), deviceId, previousSerial});
    return q.numRowsAffected() == 1;
}

} // namespace relais::observatory
