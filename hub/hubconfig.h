// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "openinghours.h"
#include "operationssettings.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <QUrl>

#include <optional>

namespace relais::hub {

struct KioskEntry
{
    QString id;
    QByteArray tokenSha256; // 32 raw bytes, or empty (certificate only); the token is never stored
};

// An agency's video counter at one site. Without hours the counter is never open (callbacks
// only), which is how a site lists an agency it offers only through its guides.
struct Counter
{
    QString agency;
    std::optional<WeeklyHours> videoHours;
};

struct Site
{
    QString id;
    QString name;
    QString commune;
    QTimeZone timeZone;
    QList<KioskEntry> kiosks;
    QList<Counter> counters;

    const KioskEntry *kiosk(const QString &kioskId) const;
    const Counter *counter(const QString &agency) const;
};

struct TurnSettings
{
    QByteArray secret;
    QStringList stunUrls;
    QStringList turnUrls;
    int lifetimeS = 3600;
    bool forceRelay = false;
};

// The observatory the advisers' wrap-ups are sent to (CallOutcomeUploader), as one of its
// "hubs": the token's SHA-256 is in the observatory's configuration.
struct ObservatoryLink
{
    QUrl url;       // https://host[:port]
    QString caPath; // the CA that signed the observatory's certificate; empty: the system's
    QByteArray token;
};

// How many connections the WebSocket link holds for clients that have not said an accepted
// hello yet, and for how long (PROTOCOL.md, "Transport").
struct ConnectionLimits
{
    int helloTimeoutMs = 10000;
    int perAddress = 32;
    // Above what a flood from a few dozen addresses holds (32 each), so that a kiosk's new
    // connection still finds an anonymous slot while the hello deadline recycles the flood's.
    int total = 4096;
    int reservedForAuthenticated = 512;
};

struct HubConfig
{
    QString fileName;
    QHostAddress listenAddress;
    quint16 port = 0;
    // A second WSS port that never asks for a client certificate: browsers (the console, the
    // desk) cancel a handshake that asks them for one. Absent: browsers use `port`.
    std::optional<quint16> browserPort;
    ConnectionLimits connections;
    // The agents' console over HTTPS (same address and certificate); absent: no console.
    std::optional<quint16> consolePort;
    // Health and metrics over plain HTTP (GET /healthz, /metrics); absent: none.
    std::optional<OperationsSettings> operations;
    QString certPath;
    QString keyPath;
    QString storePath;
    // The device CA's certificate (relais-provision init-ca): kiosks holding a client
    // certificate from it are recognised by that certificate; empty: tokens only.
    QString deviceCaPath;
    TurnSettings turn;
    std::optional<ObservatoryLink> observatory;
    int graceMs = 20000;
    int defaultCallS = 300;
    int pingIntervalS = 15;
    QList<Site> sites;

    const Site *site(const QString &siteId) const;
    bool servesAgency(const QString &agency) const;
    QStringList agencies() const;
};

struct ConfigError
{
    QString message; // "<file>: field \"x.y\" <problem>"
};

// Reads and validates the whole file; relative paths are resolved against its folder.
// Throws ConfigError.
HubConfig loadHubConfig(const QString &fileName);
// Throws json::FieldError.
HubConfig parseHubConfig(const QJsonObject &root, const QString &baseDir);

QByteArray sha256(const QByteArray &data);
// Compares a presented kiosk token with the stored digest in constant time.
bool tokenMatches(const KioskEntry &kiosk, const QString &token);

} // namespace relais::hub
