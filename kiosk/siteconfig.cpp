// SPDX-License-Identifier: EUPL-1.2
#include "siteconfig.h"

#include "jsonfields.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace relais {

namespace {

const QStringList kLanguages = {QStringLiteral("fr"), QStringLiteral("en")};

void require(bool condition, const QString &field, const QString &problem)
{
    if (!condition)
        throw json::FieldError{field, problem};
}

SurveySettings readSurveys(const QJsonObject &surveys)
{
    using namespace json;
    const QString path = QStringLiteral("surveys");
    rejectUnknownKeys(surveys,
                      {QStringLiteral("after_session"), QStringLiteral("after_call"),
                       QStringLiteral("free_text"), QStringLiteral("directory")},
                      path);
    SurveySettings settings;
    for (auto [key, target] : {std::pair{QStringLiteral("after_session"), &settings.afterSession},
                               std::pair{QStringLiteral("after_call"), &settings.afterCall}}) {
        *target = optionalString(surveys, key, path, 64).value_or(*target);
        require(isIdentifier(*target), child(path, key),
                QStringLiteral("must be a survey id (lowercase letters, digits and '-')"));
    }
    settings.freeText =
        optionalBool(surveys, QStringLiteral("free_text"), path).value_or(settings.freeText);
    settings.directory =
        optionalString(surveys, QStringLiteral("directory"), path, 500).value_or(QString());
    return settings;
}

SiteConfig parse(const QJsonObject &root, const AgencyCatalog &catalog)
{
    using namespace json;
    rejectUnknownKeys(
        root,
        {QStringLiteral("format"), QStringLiteral("site"), QStringLiteral("opening_hours"),
         QStringLiteral("agencies"), QStringLiteral("idle"), QStringLiteral("languages"),
         QStringLiteral("display"), QStringLiteral("visio"), QStringLiteral("surveys"),
         QStringLiteral("mediator"), QStringLiteral("observatory"), QStringLiteral("keypad")},
        QString());
    require(string(root, QStringLiteral("format"), QString()) ==
                QLatin1String("relais-site-config/1"),
            QStringLiteral("format"), QStringLiteral("must be \"relais-site-config/1\""));

    SiteConfig config;
    const QJsonObject site = object(root, QStringLiteral("site"), QString());
    const QString sitePath = QStringLiteral("site");
    rejectUnknownKeys(site,
                      {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("commune"),
                       QStringLiteral("territory"), QStringLiteral("departement")},
                      sitePath);
    config.siteId = string(site, QStringLiteral("id"), sitePath, 64);
    require(isIdentifier(config.siteId), QStringLiteral("site.id"),
            QStringLiteral("must be lowercase letters, digits and '-' (1 to 64)"));
    config.name = string(site, QStringLiteral("name"), sitePath, 120);
    config.commune = string(site, QStringLiteral("commune"), sitePath, 120);
    config.territory = string(site, QStringLiteral("territory"), sitePath, 120);
    config.departement = string(site, QStringLiteral("departement"), sitePath, 3);
    static const QRegularExpression departementPattern(
        QStringLiteral("^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$"));
    require(departementPattern.match(config.departement).hasMatch(),
            QStringLiteral("site.departement"),
            QStringLiteral("must be a French département code such as \"46\" or \"2A\""));

    config.openingHours = WeeklyHours::fromJson(
        object(root, QStringLiteral("opening_hours"), QString()), QStringLiteral("opening_hours"));
    require(!config.openingHours.isClosedAllWeek(), QStringLiteral("opening_hours"),
            QStringLiteral("must open on at least one day"));

    const QJsonArray agencies = array(root, QStringLiteral("agencies"), QString());
    require(!agencies.isEmpty(), QStringLiteral("agencies"),
            QStringLiteral("must list at least one agency"));
    for (qsizetype i = 0; i < agencies.size(); ++i) {
        const QString path = element(QStringLiteral("agencies"), i);
        const QJsonObject entry = objectAt(agencies, i, QStringLiteral("agencies"));
        rejectUnknownKeys(entry, {QStringLiteral("id"), QStringLiteral("video_hours")}, path);
        AgencyOffer offer;
        offer.id = string(entry, QStringLiteral("id"), path, 64);
        require(catalog.find(offer.id) != nullptr, child(path, QStringLiteral("id")),
                QStringLiteral("\"%1\" is not a known agency (known: %2)")
                    .arg(offer.id.left(64), catalog.ids().join(QStringLiteral(", "))));
        for (const AgencyOffer &earlier : std::as_const(config.agencies))
            require(earlier.id != offer.id, child(path, QStringLiteral("id")),
                    QStringLiteral("repeats agency \"%1\"").arg(offer.id));
        if (entry.contains(QStringLiteral("video_hours")))
            offer.videoHours =
                WeeklyHours::fromJson(object(entry, QStringLiteral("video_hours"), path),
                                      child(path, QStringLiteral("video_hours")));
        config.agencies.append(offer);
    }

    if (root.contains(QStringLiteral("idle"))) {
        const QJsonObject idle = object(root, QStringLiteral("idle"), QString());
        const QString idlePath = QStringLiteral("idle");
        rejectUnknownKeys(idle,
                          {QStringLiteral("timeout_s"), QStringLiteral("countdown_s"),
                           QStringLiteral("goodbye_s")},
                          idlePath);
        config.idleTimeoutSeconds =
            integer(idle, QStringLiteral("timeout_s"), idlePath, 20, 3600, 120);
        config.idleCountdownSeconds =
            integer(idle, QStringLiteral("countdown_s"), idlePath, 10, 300, 30);
        config.goodbyeSeconds = integer(idle, QStringLiteral("goodbye_s"), idlePath, 2, 60, 6);
    }

    const QJsonArray languages = array(root, QStringLiteral("languages"), QString());
    require(!languages.isEmpty(), QStringLiteral("languages"),
            QStringLiteral("must list at least one language"));
    for (qsizetype i = 0; i < languages.size(); ++i) {
        const QString language = stringAt(languages, i, QStringLiteral("languages"), 8);
        require(kLanguages.contains(language), element(QStringLiteral("languages"), i),
                QStringLiteral("\"%1\" is not a shipped language (shipped: fr, en)").arg(language));
        require(!config.languages.contains(language), element(QStringLiteral("languages"), i),
                QStringLiteral("repeats \"%1\"").arg(language));
        config.languages << language;
    }

    if (root.contains(QStringLiteral("display"))) {
        const QJsonObject display = object(root, QStringLiteral("display"), QString());
        rejectUnknownKeys(display, {QStringLiteral("dpi")}, QStringLiteral("display"));
        config.screenDpi =
            optionalNumber(display, QStringLiteral("dpi"), QStringLiteral("display"), 50, 600);
    }
    if (root.contains(QStringLiteral("visio"))) {
        const QJsonObject visio = object(root, QStringLiteral("visio"), QString());
        const QString path = QStringLiteral("visio");
        rejectUnknownKeys(visio,
                          {QStringLiteral("hub"), QStringLiteral("kiosk"), QStringLiteral("token"),
                           QStringLiteral("ca_file"), QStringLiteral("test_sources"),
                           QStringLiteral("local_addresses"), QStringLiteral("audio_sink"),
                           QStringLiteral("shared_room"), QStringLiteral("headset_switch")},
                          path);
        VisioSettings settings;
        settings.hubUrl = string(visio, QStringLiteral("hub"), path, 300);
        // Checked as the socket will read it: "wss://" alone, or a URL QUrl cannot parse, would
        // pass a prefix test and only fail at the first call.
        const QUrl hub(settings.hubUrl, QUrl::StrictMode);
        require(hub.isValid() && hub.scheme() == QLatin1String("wss"), QStringLiteral("visio.hub"),
                QStringLiteral("must be a wss:// address (the hub only speaks TLS)"));
        require(!hub.host().isEmpty(), QStringLiteral("visio.hub"),
                QStringLiteral("\"%1\" names no host (e.g. \"wss://hub.example:8443/v1\")")
                    .arg(settings.hubUrl.left(80)));
        settings.kioskId = string(visio, QStringLiteral("kiosk"), path, 64);
        require(isIdentifier(settings.kioskId), QStringLiteral("visio.kiosk"),
                QStringLiteral("must be lowercase letters, digits and '-' (1 to 64)"));
        // Optional: an enrolled kiosk shows the hub its client certificate instead.
        settings.token =
            optionalString(visio, QStringLiteral("token"), path, 256).value_or(QString());
        require(!visio.contains(QStringLiteral("token")) || settings.token.size() >= 16,
                QStringLiteral("visio.token"), QStringLiteral("must be at least 16 characters"));
        settings.caFile =
            optionalString(visio, QStringLiteral("ca_file"), path, 500).value_or(QString());
        settings.testSources = optionalBool(visio, QStringLiteral("test_sources"), path)
                                   .value_or(settings.testSources);
        settings.sharedRoom =
            optionalBool(visio, QStringLiteral("shared_room"), path).value_or(settings.sharedRoom);
        settings.headsetSwitch = optionalBool(visio, QStringLiteral("headset_switch"), path)
                                     .value_or(settings.headsetSwitch);
        if (visio.contains(QStringLiteral("local_addresses"))) {
            const QJsonArray addresses = array(visio, QStringLiteral("local_addresses"), path);
            for (qsizetype i = 0; i < addresses.size(); ++i)
                settings.localAddresses
                    << stringAt(addresses, i, child(path, QStringLiteral("local_addresses")), 64);
        }
        settings.audioSink = optionalString(visio, QStringLiteral("audio_sink"), path, 64)
                                 .value_or(settings.audioSink);
        config.visio = settings;
    }
    if (root.contains(QStringLiteral("observatory"))) {
        const QString path = QStringLiteral("observatory");
        const QJsonObject o = object(root, path, QString());
        rejectUnknownKeys(o, {QStringLiteral("heartbeat_s")}, path);
        if (o.contains(QStringLiteral("heartbeat_s")))
            config.observatory.heartbeatSeconds =
                integer(o, QStringLiteral("heartbeat_s"), path, 30, 3600);
    }
    if (root.contains(QStringLiteral("surveys")))
        config.surveys = readSurveys(object(root, QStringLiteral("surveys"), QString()));
    if (root.contains(QStringLiteral("keypad")))
        config.keypad = KeypadMap::parse(object(root, QStringLiteral("keypad"), QString()),
                                         QStringLiteral("keypad"));
    if (root.contains(QStringLiteral("mediator"))) {
        const QJsonObject mediator = object(root, QStringLiteral("mediator"), QString());
        rejectUnknownKeys(mediator, {QStringLiteral("pin_hash")}, QStringLiteral("mediator"));
        config.mediatorPinHash =
            string(mediator, QStringLiteral("pin_hash"), QStringLiteral("mediator"), 200);
        static const QRegularExpression pinPattern(QStringLiteral(
            "^pbkdf2-sha256\\$([0-9]{6,8})\\$[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=$"));
        const auto match = pinPattern.match(config.mediatorPinHash);
        require(match.hasMatch() && match.captured(1).toInt() >= 200000 &&
                    match.captured(1).toInt() <= 10000000,
                QStringLiteral("mediator.pin_hash"),
                QStringLiteral("must be \"pbkdf2-sha256$<200000 to 10000000>$<16-byte salt, "
                               "base64>$<32-byte hash, base64>\""));
    }
    return config;
}

} // namespace

ConfigResult loadSiteConfig(const QString &fileName, const AgencyCatalog &catalog)
{
    try {
        return parse(json::parseFile(fileName), catalog);
    } catch (const json::FieldError &error) {
        return ConfigError{fileName, error.field, error.problem};
    }
}

ConfigResult parseSiteConfig(const QJsonObject &root, const AgencyCatalog &catalog,
                             const QString &origin)
{
    try {
        return parse(root, catalog);
    } catch (const json::FieldError &error) {
        return ConfigError{origin, error.field, error.problem};
    }
}

QString demoSiteConfigPath()
{
    return QStringLiteral(":/relais/data/demo-site.json");
}

} // namespace relais
