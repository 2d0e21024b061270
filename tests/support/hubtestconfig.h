// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

// Hub configurations for tests: one site "46-bretenoux" with the demo's counter hours (caf on
// Tuesday 09:00-12:00 and Thursday 13:30-17:00, dgfip without hours), kiosks "borne-1"…, and
// optionally a second site whose counters are open around the clock.
namespace relais::hub::test {

inline QString kioskToken(const QString &site, const QString &kiosk)
{
    return QStringLiteral("token-%1-%2").arg(site, kiosk);
}

inline QString sha256Hex(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

inline QJsonArray kiosks(const QString &site, int count)
{
    QJsonArray list;
    for (int i = 1; i <= count; ++i) {
        const QString id = QStringLiteral("borne-%1").arg(i);
        list.append(QJsonObject{{QStringLiteral("id"), id},
                                {QStringLiteral("token_sha256"), sha256Hex(kioskToken(site, id))}});
    }
    return list;
}

inline QJsonObject allWeek()
{
    QJsonObject hours;
    for (const char *day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
        hours.insert(QLatin1String(day), QJsonArray{QStringLiteral("00:00-24:00")});
    return hours;
}

struct ConfigOptions
{
    int kiosksPerSite = 3;
    double graceS = 0.3;
    bool forceRelay = false;
    bool alwaysOpenSite = true; // adds "19-allday" with caf and cpam open all week
    int port = 0;
    // The device CA's certificate (relative to the hub's folder); empty: tokens only. With
    // it, kiosk "borne-cert" of 46-bretenoux has no token at all.
    QString deviceCa;
    // The agents' console's port (0: the system chooses); -1: no console.
    int consolePort = -1;
    // The browsers' WebSocket port, which never asks for a client certificate (0: the system
    // chooses); -1: none, browsers use the kiosks' port.
    int browserPort = -1;
    // The operations endpoint's port (0: the system chooses); -1: none.
    int operationsPort = -1;
    // The `connections` section (hello deadline, caps); empty: the hub's defaults.
    QJsonObject connections;
    // The `turn` section; the defaults name a TURN server that is never contacted.
    QString turnSecret = QStringLiteral("north-of-the-dordogne-secret");
    QJsonArray stunUrls{QStringLiteral("stun:turn.test:3478")};
    QJsonArray turnUrls{QStringLiteral("turn:turn.test:3478?transport=udp"),
                        QStringLiteral("turns:turn.test:443?transport=tcp")};
    // The `observatory` section (where wrap-ups go); empty: none.
    QJsonObject observatory;
};

inline QJsonObject hubConfigJson(const ConfigOptions &options = {})
{
    QJsonArray sites;
    sites.append(QJsonObject{
        {QStringLiteral("id"), QStringLiteral("46-bretenoux")},
        {QStringLiteral("name"), QStringLiteral("France Services de Bretenoux")},
        {QStringLiteral("commune"), QStringLiteral("Bretenoux")},
        {QStringLiteral("time_zone"), QStringLiteral("Europe/Paris")},
        {QStringLiteral("kiosks"), kiosks(QStringLiteral("46-bretenoux"), options.kiosksPerSite)},
        {QStringLiteral("counters"),
         QJsonArray{QJsonObject{{QStringLiteral("agency"), QStringLiteral("caf")},
                                {QStringLiteral("video_hours"),
                                 QJsonObject{{QStringLiteral("tue"), QJsonArray{"09:00-12:00"}},
                                             {QStringLiteral("thu"), QJsonArray{"13:30-17:00"}}}}},
                    QJsonObject{{QStringLiteral("agency"), QStringLiteral("dgfip")}}}}});
    if (options.alwaysOpenSite)
        sites.append(QJsonObject{
            {QStringLiteral("id"), QStringLiteral("19-allday")},
            {QStringLiteral("name"), QStringLiteral("France Services d'Argentat")},
            {QStringLiteral("commune"), QStringLiteral("Argentat-sur-Dordogne")},
            {QStringLiteral("kiosks"), kiosks(QStringLiteral("19-allday"), options.kiosksPerSite)},
            {QStringLiteral("counters"),
             QJsonArray{QJsonObject{{QStringLiteral("agency"), QStringLiteral("caf")},
                                    {QStringLiteral("video_hours"), allWeek()}},
                        QJsonObject{{QStringLiteral("agency"), QStringLiteral("cpam")},
                                    {QStringLiteral("video_hours"), allWeek()}}}}});
    QJsonObject config{
        {QStringLiteral("format"), QStringLiteral("relais-hub-config/1")},
        {QStringLiteral("listen"),
         QJsonObject{{QStringLiteral("address"), QStringLiteral("127.0.0.1")},
                     {QStringLiteral("port"), options.port}}},
        {QStringLiteral("tls"),
         QJsonObject{{QStringLiteral("cert"), QStringLiteral("hub-cert.pem")},
                     {QStringLiteral("key"), QStringLiteral("hub-key.pem")}}},
        {QStringLiteral("store"), QStringLiteral("hub.sqlite")},
        {QStringLiteral("turn"), QJsonObject{{QStringLiteral("secret"), options.turnSecret},
                                             {QStringLiteral("stun_urls"), options.stunUrls},
                                             {QStringLiteral("turn_urls"), options.turnUrls},
                                             {QStringLiteral("lifetime_s"), 3600},
                                             {QStringLiteral("force_relay"), options.forceRelay}}},
        {QStringLiteral("timing"), QJsonObject{{QStringLiteral("grace_s"), options.graceS},
                                               {QStringLiteral("default_call_s"), 300},
                                               {QStringLiteral("ping_interval_s"), 15}}},
        {QStringLiteral("sites"), sites}};
    if (!options.deviceCa.isEmpty()) {
        config.insert(QStringLiteral("device_ca"), options.deviceCa);
        QJsonObject first = sites.at(0).toObject();
        QJsonArray list = first.value(QStringLiteral("kiosks")).toArray();
        list.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("borne-cert")}});
        first.insert(QStringLiteral("kiosks"), list);
        sites.replace(0, first);
        config.insert(QStringLiteral("sites"), sites);
    }
    if (options.browserPort >= 0) {
        QJsonObject listen = config.value(QStringLiteral("listen")).toObject();
        listen.insert(QStringLiteral("browser_port"), options.browserPort);
        config.insert(QStringLiteral("listen"), listen);
    }
    if (!options.connections.isEmpty())
        config.insert(QStringLiteral("connections"), options.connections);
    if (options.consolePort >= 0)
        config.insert(QStringLiteral("console"),
                      QJsonObject{{QStringLiteral("port"), options.consolePort}});
    if (!options.observatory.isEmpty())
        config.insert(QStringLiteral("observatory"), options.observatory);
    if (options.operationsPort >= 0)
        config.insert(QStringLiteral("operations"),
                      QJsonObject{{QStringLiteral("address"), QStringLiteral("127.0.0.1")},
                                  {QStringLiteral("port"), options.operationsPort}});
    return config;
}

} // namespace relais::hub::test
