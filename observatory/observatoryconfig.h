// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "operationssettings.h"
#include "site.h"

#include <QHostAddress>
#include <QList>
#include <QString>

namespace relais::observatory {

// Improvement levels of the accessibility matrix (DOMAIN.md), in points of "satisfied" share.
struct MatrixThresholds
{
    double reviseBelow = 50;   // à réviser under this share
    double watchBelow = 65;    // à surveiller under this share
    double optimiseBelow = 80; // à optimiser under this share
    double gapPoints = -5;     // territory − département at or under this is a warning
};

// The dashboard's map. No outside tile server unless one is named here: by default the map
// shows only the shipped outlines, so that no partner's browser asks a third party.
struct MapSettings
{
    QString tileUrl;         // https://…/{z}/{x}/{y}.png; empty: no tiles
    QString tileAttribution; // required with a tile URL (the tiles' licence asks for it)
};

// A territory's relais-hub, which sends its advisers' wrap-ups (API.md, "Call outcomes from a
// hub") with a bearer token; only the token's SHA-256 is written here.
struct HubEntry
{
    QString id;
    QByteArray tokenSha256; // 32 raw bytes
};

struct ObservatoryConfig
{
    QString path; // the file it came from; relative paths below are resolved against it
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8444;
    std::optional<OperationsSettings> operations; // absent: no operations endpoint
    QString certFile;
    QString keyFile;
    QString caDirectory;
    QString bundlesDirectory; // signed configuration bundles, one per site: <site>.json
    QString database;         // a SQLite file path, or a postgresql:// URL
    qint64 maxBodyBytes = 8 * 1024 * 1024;
    int maxRecordsPerBatch = 1000;
    int tokenHours = 72;
    int onTimeDays = 3;
    // The fleet view flags a kiosk not heard from for longer ("silencieuse depuis …").
    int silentAfterHours = 24;
    double co2KgPerKm = 0.179;
    QString co2Source;
    MatrixThresholds matrix;
    MapSettings map;
    QList<HubEntry> hubs;
    QList<Site> sites; // merged into the store at start; the store keeps them afterwards
};

// The hub a presented token belongs to (compared in constant time); null when none.
const HubEntry *hubForToken(const ObservatoryConfig &config, const QByteArray &token);

// Reads and validates the file field by field; throws json::FieldError naming the field.
ObservatoryConfig loadObservatoryConfig(const QString &path);
// The site list format shared by the configuration and `relais-observatory import-sites`.
QList<Site> parseSites(const QJsonArray &array, const QString &path);

} // namespace relais::observatory
