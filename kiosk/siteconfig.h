// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "agencycatalog.h"
#include "configerror.h"
#include "keypadmap.h"
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

// How this kiosk reaches the video counters (relais-hub). Absent: no video calls here.
struct VisioSettings
{
    QString hubUrl;             // wss://…/v1
    QString kioskId;            // this kiosk's id at the hub
    QString token;              // per-kiosk token (mutual TLS replaces it with provisioning)
    QString caFile;             // PEM certificates to trust for the hub; empty: the system's
    bool testSources = false;   // no camera or microphone: test pattern and tone
    QStringList localAddresses; // ICE host addresses; only for one-machine demos and tests
    QString audioSink = QStringLiteral("autoaudiosink");
    // The kiosk stands in a room others use: before a call the resident is told so, and
    // offered the headset.
    bool sharedRoom = false;
    // The call's sound and the kiosk's speech move to a headset when one is plugged in, and
    // back to the speaker when it goes (media/headsetswitch.h).
    bool headsetSwitch = true;
};

// Which survey definitions the kiosk offers, and whether free text is asked at all.
struct SurveySettings
{
    QString afterSession = QStringLiteral("satisfaction-visite");
    QString afterCall = QStringLiteral("satisfaction-visite");
    bool freeText = false; // residents may write personal data: off unless the site wants it
    QString directory;     // definitions that replace or add to the shipped ones
};

// The sync with relais-observatory as the site tunes it. Where the observatory is and who the
// kiosk is come from enrollment (identity/), never from this file.
struct ObservatorySettings
{
    int heartbeatSeconds = 300;
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
    std::optional<VisioSettings> visio;
    ObservatorySettings observatory;
    SurveySettings surveys;
    QString mediatorPinHash; // PBKDF2 record of the mediator's PIN; empty: no mediator mode
    KeypadMap keypad;        // the tactile keypad of the non-visual mode
};

using ConfigResult = std::variant<SiteConfig, ConfigError>;

ConfigResult loadSiteConfig(const QString &fileName, const AgencyCatalog &catalog);
// The same checks on a configuration that came another way (a signed bundle); `origin` names
// it in the error.
ConfigResult parseSiteConfig(const QJsonObject &root, const AgencyCatalog &catalog,
                             const QString &origin);

// The demo configuration compiled into the kiosk; used when no --config is given.
QString demoSiteConfigPath();

} // namespace relais
