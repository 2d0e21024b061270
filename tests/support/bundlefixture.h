// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "configbundle.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

// Bundles as relais-provision signs them, with the demo site as valid content.
namespace relais::test {

inline QJsonObject demoSite()
{
    QFile file(QStringLiteral(RELAIS_SOURCE_DIR "/kiosk/data/demo-site.json"));
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object();
}

inline QJsonObject demoSurvey()
{
    QFile file(QStringLiteral(RELAIS_SOURCE_DIR "/surveys/data/satisfaction-visite.json"));
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object();
}

inline QJsonObject shippedProcedures(const char *agency)
{
    QFile file(QStringLiteral(RELAIS_SOURCE_DIR "/kiosk/data/procedures/%1.json")
                   .arg(QLatin1String(agency)));
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object();
}

inline QJsonObject validContent()
{
    return {{QStringLiteral("site"), demoSite()},
            {QStringLiteral("surveys"), QJsonArray{demoSurvey()}}};
}

inline QByteArray signedBundle(qint64 version, const QDateTime &expires, EVP_PKEY *key,
                               EVP_PKEY *previous = nullptr, QJsonObject content = validContent())
{
    provisioning::BundlePayload payload;
    payload.version = version;
    payload.expiresAt = expires;
    payload.content = std::move(content);
    return provisioning::signBundle(payload, key, previous);
}

} // namespace relais::test
