// SPDX-License-Identifier: EUPL-1.2
#include "fleetstatus.h"

#include "kioskssilence.h"
#include "store/store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVersionNumber>

namespace relais::observatory {

namespace {

QString peripheralsInWords(const QString &json)
{
    static const QMap<QString, QString> states = {
        {QStringLiteral("ok"), QStringLiteral("ok")},
        {QStringLiteral("missing"), QStringLiteral("absent")},
        {QStringLiteral("error"), QStringLiteral("en panne")},
        {QStringLiteral("unknown"), QStringLiteral("inconnu")}};
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    QStringList parts;
    for (auto it = o.begin(); it != o.end(); ++it)
        parts << it.key() + QStringLiteral(" : ") + states.value(it.value().toString());
    return parts.join(QStringLiteral(", "));
}

// A UTC time as the kiosk's site reads its clocks: "2026-11-20 10:00".
QString local(const QString &isoUtc, const QTimeZone &zone)
{
    QDateTime at = QDateTime::fromString(isoUtc, Qt::ISODateWithMs);
    if (!at.isValid())
        at = QDateTime::fromString(isoUtc, Qt::ISODate);
    if (!at.isValid())
        return isoUtc.left(16);
    return at.toTimeZone(zone).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// The heartbeat's other facts are read from the record as stored (records.content): the
// table keeps only what queries filter on.
QString timeOf(const QJsonObject &body, const QString &key, const QTimeZone &zone)
{
    const QJsonValue value = body.value(key);
    if (!body.contains(key))
        return {};
    return value.isNull() ? QStringLiteral("aucun") : local(value.toString(), zone);
}

// "silencieuse depuis 3 jours", from two days on; in hours before.
QString silence(qint64 seconds)
{
    const qint64 hours = seconds / 3600;
    if (hours >= 48)
        return QStringLiteral("silencieuse depuis %1 jours").arg(hours / 24);
    return hours <= 1 ? QStringLiteral("silencieuse depuis 1 heure")
                      : QStringLiteral("silencieuse depuis %1 heures").arg(hours);
}

QString megabytes(const QJsonObject &body, const QString &key)
{
    if (!body.contains(key))
        return {};
    const qint64 mb = body.value(key).toInteger();
    return mb >= 10240 ? QStringLiteral("%1 Go").arg(mb / 1024) : QStringLiteral("%1 Mo").arg(mb);
}

// A refused record in the words of the fleet view: what it was and why it was not counted.
QString refusalInWords(const QString &reason, const QString &holder, const QString &content)
{
    const QString week = QJsonDocument::fromJson(content.toUtf8())
                             .object()
                             .value(QStringLiteral("body"))
                             .toObject()
                             .value(QStringLiteral("week"))
                             .toString();
    const QString kiosk = holder.section(u'/', 1);
    if (reason == QLatin1String("week_already_closed"))
        return QStringLiteral("semaine %1 déjà close par %2 : cette clôture n'est pas comptée")
            .arg(week, kiosk);
    if (reason == QLatin1String("version_taken"))
        return QStringLiteral("semaine %1 déjà corrigée par %2 : cette correction n'est pas "
                              "comptée")
            .arg(week, kiosk);
    if (reason == QLatin1String("replaces_unknown"))
        return QStringLiteral("semaine %1 : correction d'une version inconnue").arg(week);
    if (reason == QLatin1String("sequence_taken"))
        return QStringLiteral("semaine %1 : comptage de la borne envoyé deux fois").arg(week);
    if (reason == QLatin1String("site_mismatch"))
        return QStringLiteral("enregistrement d'un autre site");
    if (reason == QLatin1String("week_inconsistent"))
        return QStringLiteral("semaine %1 sans rapport avec la date de l'enregistrement (ou à "
                              "venir) : non comptée")
            .arg(week);
    if (reason == QLatin1String("created_in_future"))
        return QStringLiteral("horloge de la borne en avance");
    if (reason == QLatin1String("unknown_code"))
        return QStringLiteral("parcours d'une session dans des mots que l'observatoire ne connaît "
                              "pas (borne plus récente)");
    if (reason == QLatin1String("unknown_survey"))
        return QStringLiteral("réponse à un questionnaire que l'observatoire ne connaît pas");
    if (reason == QLatin1String("unknown_question") || reason == QLatin1String("unknown_answer"))
        return QStringLiteral("réponse à un questionnaire hors de sa définition (question ou "
                              "réponse inconnue)");
    return reason;
}

// Kiosks update themselves from the operators' apt repository; one whose version is behind the
// newest the fleet runs has stopped doing so (no network, a held package, a full disk).
void markLaggingVersions(Table &table)
{
    constexpr int kVersion = 2;
    QVersionNumber newest;
    QString newestText;
    for (const QVariantList &row : std::as_const(table.rows)) {
        const QVersionNumber version = QVersionNumber::fromString(row.value(kVersion).toString());
        if (version > newest) {
            newest = version;
            newestText = row.value(kVersion).toString();
        }
    }
    for (QVariantList &row : table.rows) {
        const QVersionNumber version = QVersionNumber::fromString(row.value(kVersion).toString());
        row << (version.isNull() ? QString()
                : version < newest
                    ? QStringLiteral("en retard (la plus récente : %1)").arg(newestText)
                    : QStringLiteral("à jour"));
    }
}

} // namespace

Table fleetStatus(Store &store, const IndicatorFilter &filter, const FleetView &view)
{
    Table table{QStringLiteral("fleet"),
                QStringLiteral("Parc des bornes"),
                {QStringLiteral("device"), QStringLiteral("last_heartbeat"),
                 QStringLiteral("app_version"), QStringLiteral("outbox_depth"),
                 QStringLiteral("peripherals"), QStringLiteral("certificate_end"),
                 QStringLiteral("state"), QStringLiteral("oldest_unsent"),
                 QStringLiteral("last_sync"), QStringLiteral("set_aside"),
                 QStringLiteral("disk_free"), QStringLiteral("memory_available"),
                 QStringLiteral("refused"), QStringLiteral("silence"), QStringLiteral("update")},
                {QStringLiteral("Borne"), QStringLiteral("Dernier signe de vie (heure du site)"),
                 QStringLiteral("Version"), QStringLiteral("Envois en attente"),
                 QStringLiteral("Périphériques"), QStringLiteral("Fin du certificat"),
                 QStringLiteral("État"), QStringLiteral("Plus ancien en attente (heure du site)"),
                 QStringLiteral("Dernier envoi (heure du site)"), QStringLiteral("Mis de côté"),
                 QStringLiteral("Disque libre"), QStringLiteral("Mémoire libre"),
                 QStringLiteral("Refusés par l'observatoire"), QStringLiteral("Silence"),
                 QStringLiteral("Mise à jour")},
                {}};
    QVariantList binds;
    const QString sites = filter.servingSiteCondition(QStringLiteral("d.site"), &binds);
    // Per kiosk: how many of its records were refused, and the last one in words.
    QHash<QString, QPair<int, QString>> refusals;
    QVariantList refusalBinds;
    QSqlQuery refused = store.prepare(
        QStringLiteral("SELECT device_id, reason, holder, content FROM refusals WHERE %1 "
                       "ORDER BY received_at DESC, record_id")
            .arg(filter.servingSiteCondition(QStringLiteral("site"), &refusalBinds)));
    Store::run(refused, refusalBinds);
    while (refused.next()) {
        auto &[count, last] = refusals[refused.value(0).toString()];
        if (count++ == 0)
            last = refusalInWords(refused.value(1).toString(), refused.value(2).toString(),
                                  refused.value(3).toString());
    }
    // Read before the main query: PostgreSQL's driver drops a query's rows when another runs.
    QHash<QString, QDateTime> lastHeard;
    for (const KioskLastHeard &kiosk : kiosksLastHeard(store))
        lastHeard.insert(kiosk.deviceId, kiosk.lastHeard);
    QSqlQuery q = store.prepare(
        QStringLiteral(
            "SELECT d.device_id, h.created_at, h.app_version, h.outbox_depth, "
            "h.peripherals, d.cert_not_after, d.revoked_at, r.content, s.time_zone FROM devices d "
            "LEFT JOIN sites s ON s.id = d.site LEFT JOIN "
            "heartbeats h ON h.device_id = d.device_id AND h.created_at = (SELECT "
            "MAX(created_at) FROM heartbeats WHERE device_id = d.device_id) LEFT JOIN "
            "records r ON r.id = h.record_id WHERE %1 "
            "ORDER BY d.device_id")
            .arg(sites));
    Store::run(q, binds);
    QString previous;
    while (q.next()) {
        // Two heartbeats with the same time: show one line per kiosk.
        if (q.value(0).toString() == previous)
            continue;
        previous = q.value(0).toString();
        const QJsonObject body = QJsonDocument::fromJson(q.value(7).toString().toUtf8())
                                     .object()
                                     .value(QStringLiteral("body"))
                                     .toObject();
        const QTimeZone zone(q.value(8).isNull() ? QByteArray("Europe/Paris")
                                                 : q.value(8).toString().toUtf8());
        const QDateTime heard = lastHeard.value(previous);
        const bool silent = lastHeard.contains(previous) &&
                            (!heard.isValid() || heard.secsTo(view.now) > view.silentAfterS);
        table.rows << QVariantList{
            previous,
            q.value(1).isNull() ? QStringLiteral("jamais") : local(q.value(1).toString(), zone),
            q.value(2).toString(),
            q.value(3).isNull() ? QVariant(QString()) : QVariant(q.value(3).toLongLong()),
            peripheralsInWords(q.value(4).toString()),
            q.value(5).toString().left(10),
            q.value(6).isNull() ? QStringLiteral("active") : QStringLiteral("révoquée"),
            timeOf(body, QStringLiteral("oldest_unsent"), zone),
            timeOf(body, QStringLiteral("last_sync"), zone),
            body.contains(QStringLiteral("set_aside"))
                ? QVariant(body.value(QStringLiteral("set_aside")).toInteger())
                : QVariant(QString()),
            megabytes(body, QStringLiteral("disk_free_mb")),
            megabytes(body, QStringLiteral("memory_available_mb")),
            refusals.contains(previous) ? QStringLiteral("%1 (dernier : %2)")
                                              .arg(refusals.value(previous).first)
                                              .arg(refusals.value(previous).second)
                                        : QString(),
            silent ? silence(heard.isValid() ? heard.secsTo(view.now) : view.silentAfterS)
                   : QString()};
    }
    markLaggingVersions(table);
    return table;
}

} // namespace relais::observatory
