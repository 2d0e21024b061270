// SPDX-License-Identifier: EUPL-1.2
#include "hubconfig.h"

#include "configpath.h"
#include "jsonfields.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

#include <openssl/crypto.h>

namespace relais::hub {

namespace {

void require(bool condition, const QString &field, const QString &problem)
{
    if (!condition)
        throw json::FieldError{field, problem};
}

QString id(const QJsonObject &object, const QString &key, const QString &path)
{
    const QString value = json::string(object, key, path, 64);
    require(json::isIdentifier(value), json::child(path, key),
            QStringLiteral("must be lowercase letters, digits and '-' (1 to 64)"));
    return value;
}

QStringList urls(const QJsonObject &turn, const QString &key, const QStringList &schemes)
{
    const QString path = json::child(QStringLiteral("turn"), key);
    const QJsonArray list = json::array(turn, key, QStringLiteral("turn"));
    QStringList result;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString url = json::stringAt(list, i, path, 300);
        bool known = false;
        for (const QString &scheme : schemes)
            known = known || url.startsWith(scheme + QLatin1Char(':'));
        require(known && !url.contains(QLatin1Char(' ')), json::element(path, i),
                QStringLiteral("\"%1\" must start with %2")
                    .arg(url.left(80), schemes.join(QStringLiteral(": or ")) + QLatin1Char(':')));
        result << url;
    }
    return result;
}

// A secret written in the file (`key`) or, under systemd, kept in a file of its own
// (`key`_file) that LoadCredential= hands over (${CREDENTIALS_DIRECTORY}/…), so the
// configuration holds none.
QByteArray secret(const QJsonObject &object, const QString &key, const QString &path,
                  const QString &baseDir)
{
    using namespace json;
    const QString fileKey = key + QStringLiteral("_file");
    if (!object.contains(fileKey))
        return string(object, key, path, 256).toUtf8();
    require(!object.contains(key), child(path, fileKey),
            QStringLiteral("and %1 are both set: keep one").arg(child(path, key)));
    const QString fileName = filePath(object, fileKey, path, baseDir);
    QFile file(fileName);
    require(file.open(QIODevice::ReadOnly), child(path, fileKey),
            QStringLiteral("%1 cannot be read (%2)").arg(fileName, file.errorString()));
    const QByteArray value = file.read(257).trimmed();
    require(value.size() <= 256, child(path, fileKey),
            QStringLiteral("holds more than 256 characters"));
    return value;
}

// Where the advisers' wrap-ups go (ObservatoryLink); absent: they stay in the store.
std::optional<ObservatoryLink> parseObservatoryLink(const QJsonObject &root, const QString &baseDir)
{
    using namespace json;
    const QString path = QStringLiteral("observatory");
    if (!root.contains(path))
        return std::nullopt;
    const QJsonObject object = json::object(root, path, QString());
    rejectUnknownKeys(object,
                      {QStringLiteral("url"), QStringLiteral("ca"), QStringLiteral("token"),
                       QStringLiteral("token_file")},
                      path);
    ObservatoryLink link;
    link.url = QUrl(string(object, QStringLiteral("url"), path, 512));
    require(link.url.isValid() && link.url.scheme() == QLatin1String("https") &&
                !link.url.host().isEmpty() && link.url.query().isEmpty(),
            QStringLiteral("observatory.url"),
            QStringLiteral("must be the observatory's https:// address, like "
                           "https://observatoire.example.fr:8444"));
    if (object.contains(QStringLiteral("ca")))
        link.caPath = filePath(object, QStringLiteral("ca"), path, baseDir);
    link.token = secret(object, QStringLiteral("token"), path, baseDir);
    require(link.token.size() >= 32, QStringLiteral("observatory.token"),
            QStringLiteral("must be at least 32 characters (the observatory keeps its SHA-256 "
                           "in its \"hubs\")"));
    return link;
}

TurnSettings parseTurn(const QJsonObject &root, const QString &baseDir)
{
    using namespace json;
    const QString path = QStringLiteral("turn");
    const QJsonObject turn = object(root, path, QString());
    rejectUnknownKeys(turn,
                      {QStringLiteral("secret"), QStringLiteral("secret_file"),
                       QStringLiteral("stun_urls"), QStringLiteral("turn_urls"),
                       QStringLiteral("lifetime_s"), QStringLiteral("force_relay")},
                      path);
    TurnSettings settings;
    settings.secret = secret(turn, QStringLiteral("secret"), path, baseDir);
    require(settings.secret.size() >= 16, QStringLiteral("turn.secret"),
            QStringLiteral("must be at least 16 characters (coturn's static-auth-secret)"));
    settings.stunUrls = urls(turn, QStringLiteral("stun_urls"), {QStringLiteral("stun")});
    settings.turnUrls =
        urls(turn, QStringLiteral("turn_urls"), {QStringLiteral("turn"), QStringLiteral("turns")});
    settings.lifetimeS = integer(turn, QStringLiteral("lifetime_s"), path, 60, 86400, 3600);
    if (turn.contains(QStringLiteral("force_relay"))) {
        require(turn.value(QStringLiteral("force_relay")).isBool(),
                QStringLiteral("turn.force_relay"), QStringLiteral("expected true or false"));
        settings.forceRelay = turn.value(QStringLiteral("force_relay")).toBool();
    }
    require(!settings.forceRelay || !settings.turnUrls.isEmpty(), QStringLiteral("turn.turn_urls"),
            QStringLiteral("must not be empty when force_relay is true"));
    return settings;
}

ConnectionLimits parseConnections(const QJsonObject &root)
{
    using namespace json;
    ConnectionLimits limits;
    if (!root.contains(QStringLiteral("connections")))
        return limits;
    const QString path = QStringLiteral("connections");
    const QJsonObject section = object(root, path, QString());
    rejectUnknownKeys(section,
                      {QStringLiteral("hello_timeout_s"), QStringLiteral("per_address"),
                       QStringLiteral("total"), QStringLiteral("reserved_for_authenticated")},
                      path);
    // A fraction of a second is allowed so that tests do not wait the default 10 s.
    limits.helloTimeoutMs = static_cast<int>(
        optionalNumber(section, QStringLiteral("hello_timeout_s"), path, 0.1, 120).value_or(10) *
        1000);
    limits.perAddress =
        integer(section, QStringLiteral("per_address"), path, 1, 100000, limits.perAddress);
    limits.total = integer(section, QStringLiteral("total"), path, 2, 1000000, limits.total);
    // Without a figure of its own, the reserve is the default's, or half of a smaller total.
    limits.reservedForAuthenticated =
        integer(section, QStringLiteral("reserved_for_authenticated"), path, 0, 1000000,
                std::min(limits.reservedForAuthenticated, limits.total / 2));
    require(limits.reservedForAuthenticated < limits.total,
            QStringLiteral("connections.reserved_for_authenticated"),
            QStringLiteral("must be less than connections.total (%1)").arg(limits.total));
    return limits;
}

Site parseSite(const QJsonObject &entry, const QString &path, bool tokenOptional)
{
    using namespace json;
    rejectUnknownKeys(entry,
                      {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("commune"),
                       QStringLiteral("time_zone"), QStringLiteral("kiosks"),
                       QStringLiteral("counters")},
                      path);
    Site site;
    site.id = id(entry, QStringLiteral("id"), path);
    site.name = string(entry, QStringLiteral("name"), path, 120);
    site.commune = string(entry, QStringLiteral("commune"), path, 120);
    const QString zone = optionalString(entry, QStringLiteral("time_zone"), path, 64)
                             .value_or(QStringLiteral("Europe/Paris"));
    site.timeZone = QTimeZone(zone.toUtf8());
    require(site.timeZone.isValid(), child(path, QStringLiteral("time_zone")),
            QStringLiteral("\"%1\" is not a known time zone (e.g. \"Europe/Paris\")").arg(zone));

    static const QRegularExpression hexDigest(QStringLiteral("^[0-9a-f]{64}$"));
    const QString kiosksPath = child(path, QStringLiteral("kiosks"));
    const QJsonArray kiosks = array(entry, QStringLiteral("kiosks"), path);
    for (qsizetype k = 0; k < kiosks.size(); ++k) {
        const QString kioskPath = element(kiosksPath, k);
        const QJsonObject kiosk = objectAt(kiosks, k, kiosksPath);
        rejectUnknownKeys(kiosk, {QStringLiteral("id"), QStringLiteral("token_sha256")}, kioskPath);
        KioskEntry parsed;
        parsed.id = id(kiosk, QStringLiteral("id"), kioskPath);
        // With a device CA, a kiosk may come with its certificate alone.
        if (!tokenOptional || kiosk.contains(QStringLiteral("token_sha256"))) {
            const QString digest = string(kiosk, QStringLiteral("token_sha256"), kioskPath, 64);
            require(hexDigest.match(digest).hasMatch(),
                    child(kioskPath, QStringLiteral("token_sha256")),
                    QStringLiteral("must be 64 lowercase hexadecimal digits (sha256sum of the "
                                   "token)"));
            parsed.tokenSha256 = QByteArray::fromHex(digest.toLatin1());
        }
        require(site.kiosk(parsed.id) == nullptr, child(kioskPath, QStringLiteral("id")),
                QStringLiteral("repeats kiosk \"%1\"").arg(parsed.id));
        site.kiosks.append(parsed);
    }

    const QString countersPath = child(path, QStringLiteral("counters"));
    const QJsonArray counters = array(entry, QStringLiteral("counters"), path);
    require(!counters.isEmpty(), countersPath, QStringLiteral("must list at least one counter"));
    for (qsizetype c = 0; c < counters.size(); ++c) {
        const QString counterPath = element(countersPath, c);
        const QJsonObject counter = objectAt(counters, c, countersPath);
        rejectUnknownKeys(counter, {QStringLiteral("agency"), QStringLiteral("video_hours")},
                          counterPath);
        Counter parsed;
        parsed.agency = id(counter, QStringLiteral("agency"), counterPath);
        require(site.counter(parsed.agency) == nullptr,
                child(counterPath, QStringLiteral("agency")),
                QStringLiteral("repeats agency \"%1\"").arg(parsed.agency));
        if (counter.contains(QStringLiteral("video_hours")))
            parsed.videoHours =
                WeeklyHours::fromJson(object(counter, QStringLiteral("video_hours"), counterPath),
                                      child(counterPath, QStringLiteral("video_hours")));
        site.counters.append(parsed);
    }
    return site;
}

} // namespace

const KioskEntry *Site::kiosk(const QString &kioskId) const
{
    for (const KioskEntry &entry : kiosks) {
        if (entry.id == kioskId)
            return &entry;
    }
    return nullptr;
}

const Counter *Site::counter(const QString &agency) const
{
    for (const Counter &entry : counters) {
        if (entry.agency == agency)
            return &entry;
    }
    return nullptr;
}

const Site *HubConfig::site(const QString &siteId) const
{
    for (const Site &entry : sites) {
        if (entry.id == siteId)
            return &entry;
    }
    return nullptr;
}

bool HubConfig::servesAgency(const QString &agency) const
{
    return agencies().contains(agency);
}

QStringList HubConfig::agencies() const
{
    QStringList result;
    for (const Site &entry : sites) {
        for (const Counter &counter : entry.counters) {
            if (!result.contains(counter.agency))
                result << counter.agency;
        }
    }
    return result;
}

HubConfig parseHubConfig(const QJsonObject &root, const QString &baseDir)
{
    using namespace json;
    rejectUnknownKeys(root,
                      {QStringLiteral("format"), QStringLiteral("listen"), QStringLiteral("tls"),
                       QStringLiteral("store"), QStringLiteral("turn"), QStringLiteral("timing"),
                       QStringLiteral("console"), QStringLiteral("device_ca"),
                       QStringLiteral("connections"), QStringLiteral("operations"),
                       QStringLiteral("observatory"), QStringLiteral("sites")},
                      QString());
    require(string(root, QStringLiteral("format"), QString()) ==
                QLatin1String("relais-hub-config/1"),
            QStringLiteral("format"), QStringLiteral("must be \"relais-hub-config/1\""));

    HubConfig config;
    const QJsonObject listen = object(root, QStringLiteral("listen"), QString());
    rejectUnknownKeys(
        listen, {QStringLiteral("address"), QStringLiteral("port"), QStringLiteral("browser_port")},
        QStringLiteral("listen"));
    const QString address = string(listen, QStringLiteral("address"), QStringLiteral("listen"), 64);
    require(config.listenAddress.setAddress(address), QStringLiteral("listen.address"),
            QStringLiteral("\"%1\" is not an IPv4 or IPv6 address").arg(address));
    // Port 0 lets the system choose; the hub prints the port it got (tests rely on it).
    config.port = static_cast<quint16>(
        integer(listen, QStringLiteral("port"), QStringLiteral("listen"), 0, 65535));
    if (listen.contains(QStringLiteral("browser_port"))) {
        config.browserPort = static_cast<quint16>(
            integer(listen, QStringLiteral("browser_port"), QStringLiteral("listen"), 0, 65535));
        require(*config.browserPort == 0 || *config.browserPort != config.port,
                QStringLiteral("listen.browser_port"),
                QStringLiteral("must differ from listen.port"));
    }

    config.operations = parseOperationsSettings(root);

    if (root.contains(QStringLiteral("console"))) {
        const QJsonObject console = object(root, QStringLiteral("console"), QString());
        rejectUnknownKeys(console, {QStringLiteral("port")}, QStringLiteral("console"));
        config.consolePort = static_cast<quint16>(
            integer(console, QStringLiteral("port"), QStringLiteral("console"), 0, 65535));
    }

    const QJsonObject tls = object(root, QStringLiteral("tls"), QString());
    rejectUnknownKeys(tls, {QStringLiteral("cert"), QStringLiteral("key")}, QStringLiteral("tls"));
    config.certPath = json::filePath(tls, QStringLiteral("cert"), QStringLiteral("tls"), baseDir);
    config.keyPath = json::filePath(tls, QStringLiteral("key"), QStringLiteral("tls"), baseDir);
    config.storePath = json::filePath(root, QStringLiteral("store"), QString(), baseDir);
    if (root.contains(QStringLiteral("device_ca")))
        config.deviceCaPath = json::filePath(root, QStringLiteral("device_ca"), QString(), baseDir);
    // The console's pages would point browsers at a port that asks them for a certificate,
    // which Chromium answers by cancelling the handshake: the console could never connect.
    require(config.deviceCaPath.isEmpty() || !config.consolePort || config.browserPort,
            QStringLiteral("listen.browser_port"),
            QStringLiteral("must be set when device_ca and console are: browsers cannot use a "
                           "port that asks for a client certificate"));
    config.connections = parseConnections(root);
    config.turn = parseTurn(root, baseDir);
    config.observatory = parseObservatoryLink(root, baseDir);

    if (root.contains(QStringLiteral("timing"))) {
        const QString path = QStringLiteral("timing");
        const QJsonObject timing = object(root, path, QString());
        rejectUnknownKeys(timing,
                          {QStringLiteral("grace_s"), QStringLiteral("default_call_s"),
                           QStringLiteral("ping_interval_s")},
                          path);
        // The grace may be a fraction of a second so that tests do not wait 20 s.
        config.graceMs = static_cast<int>(
            optionalNumber(timing, QStringLiteral("grace_s"), path, 0.1, 300).value_or(20) * 1000);
        config.defaultCallS =
            integer(timing, QStringLiteral("default_call_s"), path, 10, 7200, 300);
        config.pingIntervalS = integer(timing, QStringLiteral("ping_interval_s"), path, 1, 300, 15);
    }

    const QJsonArray sites = array(root, QStringLiteral("sites"), QString());
    require(!sites.isEmpty(), QStringLiteral("sites"),
            QStringLiteral("must list at least one site"));
    for (qsizetype i = 0; i < sites.size(); ++i) {
        const QString path = element(QStringLiteral("sites"), i);
        Site site = parseSite(objectAt(sites, i, QStringLiteral("sites")), path,
                              !config.deviceCaPath.isEmpty());
        require(config.site(site.id) == nullptr, child(path, QStringLiteral("id")),
                QStringLiteral("repeats site \"%1\"").arg(site.id));
        config.sites.append(site);
    }
    return config;
}

HubConfig loadHubConfig(const QString &fileName)
{
    try {
        HubConfig config =
            parseHubConfig(json::parseFile(fileName), QFileInfo(fileName).absolutePath());
        config.fileName = fileName;
        return config;
    } catch (const json::FieldError &error) {
        if (error.field.isEmpty())
            throw ConfigError{QStringLiteral("%1: %2").arg(fileName, error.problem)};
        throw ConfigError{
            QStringLiteral("%1: field \"%2\" %3").arg(fileName, error.field, error.problem)};
    }
}

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

bool tokenMatches(const KioskEntry &kiosk, const QString &token)
{
    const QByteArray digest = sha256(token.toUtf8());
    return digest.size() == kiosk.tokenSha256.size() &&
           CRYPTO_memcmp(digest.constData(), kiosk.tokenSha256.constData(),
                         static_cast<size_t>(digest.size())) == 0;
}

} // namespace relais::hub
