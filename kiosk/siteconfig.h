#pragma once

#include "agencycatalog.h"
#include "openinghours.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace relais {

struct AgencyOffer
{
    QString id;
    WeeklyHours videoHours; // when the agency's advisers answer video calls from this site
};

// One service point's configuration, as validated from its JSON file.
struct SiteConfig
{
    QString siteId;
    QString name;
    QString commune;
    QString territory;
    QString departement;
    WeeklyHours openingHours;
    QList<AgencyOffer> agencies;
    int idleTimeoutSeconds = 120;
    int idleCountdownSeconds = 30;
    int goodbyeSeconds = 6;
    QStringList languages;           // first one is the language each session starts in
    std::optional<double> screenDpi; // overrides what the display reports (EDIDs lie)
};

// Why a configuration file was refused: the file, the field, and what is wrong with it.
struct ConfigError
{
    QString file;
    QString field;
    QString problem;

    QString message() const;
};

using ConfigResult = std::variant<SiteConfig, ConfigError>;

ConfigResult loadSiteConfig(const QString &fileName, const AgencyCatalog &catalog);

// The demo configuration compiled into the kiosk; used when no --config is given.
QString demoSiteConfigPath();

} // namespace relais
