#include "fleetstatus.h"

#include "store/store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

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

// The heartbeat's other facts are read from the record as stored (records.content): the
// table keeps only what queries filter on.
QString timeOf(const QJsonObject &body, const QString &key)
{
    const QJsonValue value = body.value(key);
    if (!body.contains(key))
        return {};
    return value.isNull() ? QStringLiteral("aucun") : value.toString().left(16);
}

QString megabytes(const QJsonObject &body, const QString &key)
{
    if (!body.contains(key))
        return {};
    const qint64 mb = body.value(key).toInteger();
    return mb >= 10240 ? QStringLiteral("%1 Go").arg(mb / 1024) : QStringLiteral("%1 Mo").arg(mb);
}

} // namespace

Table fleetStatus(Store &store, const IndicatorFilter &filter)
{
    Table table{QStringLiteral("fleet"),
                QStringLiteral("Parc des bornes"),
                {QStringLiteral("device"), QStringLiteral("last_heartbeat"),
                 QStringLiteral("app_version"), QStringLiteral("outbox_depth"),
                 QStringLiteral("peripherals"), QStringLiteral("certificate_end"),
                 QStringLiteral("state"), QStringLiteral("oldest_unsent"),
                 QStringLiteral("last_sync"), QStringLiteral("set_aside"),
                 QStringLiteral("disk_free"), QStringLiteral("memory_available")},
                {QStringLiteral("Borne"), QStringLiteral("Dernier signe de vie (UTC)"),
                 QStringLiteral("Version"), QStringLiteral("Envois en attente"),
                 QStringLiteral("Périphériques"), QStringLiteral("Fin du certificat"),
                 QStringLiteral("État"), QStringLiteral("Plus ancien en attente (UTC)"),
                 QStringLiteral("Dernier envoi (UTC)"), QStringLiteral("Mis de côté"),
                 QStringLiteral("Disque libre"), QStringLiteral("Mémoire libre")},
                {}};
    QVariantList binds;
    const QString sites = filter.siteCondition(QStringLiteral("d.site"), &binds);
    QSqlQuery q = store.prepare(
        QStringLiteral(
            "SELECT d.device_id, h.created_at, h.app_version, h.outbox_depth, "
            "h.peripherals, d.cert_not_after, d.revoked_at, r.content FROM devices d LEFT JOIN "
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
        table.rows << QVariantList{
            previous,
            q.value(1).isNull() ? QStringLiteral("jamais") : q.value(1).toString().left(16),
            q.value(2).toString(),
            q.value(3).isNull() ? QVariant(QString()) : QVariant(q.value(3).toLongLong()),
            peripheralsInWords(q.value(4).toString()),
            q.value(5).toString().left(10),
            q.value(6).isNull() ? QStringLiteral("active") : QStringLiteral("révoquée"),
            timeOf(body, QStringLiteral("oldest_unsent")),
            timeOf(body, QStringLiteral("last_sync")),
            body.contains(QStringLiteral("set_aside"))
                ? QVariant(body.value(QStringLiteral("set_aside")).toInteger())
                : QVariant(QString()),
            megabytes(body, QStringLiteral("disk_free_mb")),
            megabytes(body, QStringLiteral("memory_available_mb"))};
    }
    return table;
}

} // namespace relais::observatory
