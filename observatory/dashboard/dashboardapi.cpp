// SPDX-License-Identifier: EUPL-1.2
#include "dashboardapi.h"

#include "devices/deviceregistry.h"
#include "indicators/indicatorfilter.h"
#include "indicators/mediationplaces.h"
#include "indicators/opendatareleases.h"
#include "ingest/records.h"
#include "jsonfields.h"
#include "observatorymetrics.h"
#include "partnertables.h"
#include "passwordhash.h"
#include "store/store.h"

#include <QCryptographicHash>
#include <QDebug>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QSqlQuery>

namespace relais::observatory {

namespace {

const QByteArray kCookie = "relais_session";

QString cookie(const net::HttpRequest &request)
{
    for (const QByteArray &part : request.header("cookie").split(';')) {
        const QByteArray item = part.trimmed();
        if (item.startsWith(kCookie + '='))
            return QString::fromLatin1(item.mid(kCookie.size() + 1));
    }
    return {};
}

// `tiles`: the origin of the map's tile server when the configuration names one (the only
// addition to the policy), else empty.
net::HttpResponse staticFile(const QString &name, const QByteArray &tiles)
{
    static const QMap<QString, QByteArray> types = {
        {QStringLiteral("html"), "text/html; charset=utf-8"},
        {QStringLiteral("js"), "text/javascript; charset=utf-8"},
        {QStringLiteral("css"), "text/css; charset=utf-8"},
        {QStringLiteral("json"), "application/json"},
        {QStringLiteral("geojson"), "application/geo+json"}};
    QFile file(QStringLiteral(":/relais/observatory/dashboard/") + name);
    if (name.contains(QLatin1String("..")) || !file.open(QIODevice::ReadOnly))
        return net::HttpResponse::error(404, QStringLiteral("not_found"),
                                        QStringLiteral("no such page"));
    net::HttpResponse response = net::HttpResponse::text(
        200, types.value(name.section(u'.', -1), "application/octet-stream"), file.readAll());
    const QByteArray images = tiles.isEmpty() ? QByteArray() : ' ' + tiles;
    response.addHeader("Content-Security-Policy",
                       "default-src 'self'; img-src 'self' data:" + images +
                           "; style-src 'self'; frame-ancestors 'none'");
    return response;
}

// No page of the dashboard may be framed by another site (clickjacking); older browsers read
// X-Frame-Options, newer ones the CSP's frame-ancestors.
net::HttpResponse unframed(net::HttpResponse response)
{
    response.addHeader("X-Frame-Options", "DENY");
    const bool hasPolicy =
        std::any_of(response.headers.cbegin(), response.headers.cend(),
                    [](const auto &header) { return header.first == "Content-Security-Policy"; });
    if (!hasPolicy)
        response.addHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    return response;
}

net::HttpResponse busy(int status, const QString &code, const QString &message, qint64 seconds)
{
    net::HttpResponse response = net::HttpResponse::error(status, code, message);
    response.addHeader("Retry-After", QByteArray::number(std::max<qint64>(1, seconds)));
    return response;
}

// A login comes from the dashboard's own page: JSON (a cross-site form can only send
// text/plain, url-encoded or multipart without a preflight) and, when the browser says where
// it comes from, from this origin. Programs that send no Origin (curl, scripts) are let
// through: they carry no victim's browser. Empty when the request may go on.
std::optional<net::HttpResponse> crossSiteRefusal(const net::HttpRequest &request)
{
    const QByteArray type = request.header("content-type").split(';').value(0).trimmed().toLower();
    if (type != "application/json")
        return net::HttpResponse::error(415, QStringLiteral("json_required"),
                                        QStringLiteral("send the login as application/json"));
    const QByteArray origin = request.header("origin");
    if (!origin.isEmpty() && origin != "https://" + request.header("host"))
        return net::HttpResponse::error(403, QStringLiteral("cross_origin"),
                                        QStringLiteral("log in from the dashboard's own page"));
    const QByteArray site = request.header("sec-fetch-site");
    if (!site.isEmpty() && site != "same-origin" && site != "none")
        return net::HttpResponse::error(403, QStringLiteral("cross_origin"),
                                        QStringLiteral("log in from the dashboard's own page"));
    return std::nullopt;
}

QByteArray tileOrigin(const MapSettings &map)
{
    if (map.tileUrl.isEmpty())
        return {};
    // The placeholders are not part of a URL: the origin is what comes before them.
    const QUrl url(map.tileUrl.section(u'{', 0, 0));
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
        .toString()
        .toLatin1();
}

} // namespace

DashboardApi::DashboardApi(Store &store, const PartnerTables &tables,
                           const ObservatoryConfig &config, std::function<QDateTime()> clock,
                           ObservatoryMetrics &metrics)
    : m_store(store), m_tables(tables), m_config(config), m_clock(std::move(clock)),
      m_metrics(metrics), m_partners(std::make_unique<Partners>(store))
{}

DashboardApi::~DashboardApi() = default;

std::optional<net::HttpResponse> DashboardApi::handle(const net::HttpRequest &request)
{
    auto response = route(request);
    if (response && !response->deferred && request.path.startsWith(QLatin1String("/dashboard/")))
        return unframed(*response);
    return response;
}

std::optional<net::HttpResponse> DashboardApi::route(const net::HttpRequest &request)
{
    const QString &path = request.path;
    if (path == QLatin1String("/")) {
        net::HttpResponse redirect = net::HttpResponse::text(302, "text/plain", "/dashboard/");
        redirect.addHeader("Location", "/dashboard/");
        return redirect;
    }
    if (!path.startsWith(QLatin1String("/dashboard/")))
        return std::nullopt;
    const QString rest = path.mid(11);
    if (!rest.startsWith(QLatin1String("api/")))
        return staticFile(rest.isEmpty() ? QStringLiteral("index.html") : rest,
                          tileOrigin(m_config.map));
    if (rest == QLatin1String("api/login") && request.method == "POST")
        return login(request);
    const QString token = cookie(request);
    const auto partner = m_partners->session(token, m_clock());
    if (!partner)
        return net::HttpResponse::error(401, QStringLiteral("login_required"),
                                        QStringLiteral("log in first"));
    if (rest == QLatin1String("api/logout") && request.method == "POST") {
        m_partners->closeSession(token);
        net::HttpResponse out = net::HttpResponse::json(200, QJsonDocument(QJsonObject()));
        out.addHeader("Set-Cookie",
                      kCookie + "=; Path=/dashboard; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
        return out;
    }
    if (rest == QLatin1String("api/options"))
        return options(*partner);
    using Format = PartnerTables::Format;
    if (rest == QLatin1String("api/tables"))
        return m_tables.answer(request, *partner, {}, Format::Json);
    if (rest == QLatin1String("api/tables.xlsx"))
        return m_tables.answer(request, *partner, {}, Format::Xlsx);
    if (rest.startsWith(QLatin1String("api/csv/")))
        return m_tables.answer(request, *partner, path.section(u'/', -1).section(u'.', 0, 0),
                               Format::Csv);
    if (rest.startsWith(QLatin1String("api/xlsx/")) && rest.endsWith(QLatin1String(".xlsx")))
        return m_tables.answer(request, *partner, path.section(u'/', -1).chopped(5), Format::Xlsx);
    return net::HttpResponse::error(404, QStringLiteral("not_found"),
                                    QStringLiteral("no such endpoint"));
}

net::HttpResponse DashboardApi::login(const net::HttpRequest &request)
{
    if (auto refused = crossSiteRefusal(request))
        return *refused;
    QString loginName;
    QString password;
    try {
        const QJsonObject body = json::parseObject(request.body);
        loginName = json::string(body, QStringLiteral("login"), QString(), 100);
        password = json::string(body, QStringLiteral("password"), QString(), 200);
    } catch (const json::FieldError &) {
        return net::HttpResponse::error(400, QStringLiteral("malformed"),
                                        QStringLiteral("send {\"login\": …, \"password\": …}"));
    }
    if (const qint64 wait =
            m_throttle.waitS(LoginThrottle::addressKey(request.peer), loginName, m_clock())) {
        m_metrics.dashboardLoginRefused(QStringLiteral("throttled"));
        return busy(429, QStringLiteral("too_many_attempts"),
                    QStringLiteral("too many failed logins; try again later"), wait);
    }
    QString hash;
    const auto partner = m_partners->partner(loginName, &hash);
    // An unknown login costs the same hash as a known one, so time tells nothing.
    const QString encoded = partner ? hash : provisioning::decoyPasswordHash();
    const bool queued = m_hashing.submit<bool>(
        &m_context,
        [password = password.toUtf8(), encoded] {
            return provisioning::verifyPassword(password, encoded);
        },
        [this, request, loginName, partner](bool ok) {
            finishLogin(request, loginName, partner, ok);
        });
    if (!queued) {
        m_metrics.dashboardLoginRefused(QStringLiteral("busy"));
        return busy(503, QStringLiteral("busy"),
                    QStringLiteral("too many logins at once; try again in a moment"), 2);
    }
    return net::HttpResponse::later();
}

void DashboardApi::finishLogin(const net::HttpRequest &request, const QString &loginName,
                               const std::optional<Partner> &partner, bool passwordOk)
{
    if (!partner || !passwordOk) {
        m_metrics.dashboardLoginRefused(QStringLiteral("credentials"));
        const QString address = LoginThrottle::addressKey(request.peer);
        if (m_throttle.failed(address, loginName, m_clock()))
            qWarning().noquote() << "dashboard: login" << loginName.left(100) << "from" << address
                                 << "refused for" << kLoginLimits.refusalS
                                 << "s after too many failed logins";
        request.answer(
            unframed(net::HttpResponse::error(401, QStringLiteral("login_refused"),
                                              QStringLiteral("unknown login or wrong password"))));
        return;
    }
    m_throttle.succeeded(LoginThrottle::addressKey(request.peer), loginName);
    const QString token = m_partners->openSession(partner->login, m_clock());
    net::HttpResponse out = net::HttpResponse::json(
        200, QJsonDocument(QJsonObject{{QStringLiteral("name"), partner->name}}));
    out.addHeader("Set-Cookie", kCookie + '=' + token.toLatin1() +
                                    "; Path=/dashboard; Secure; HttpOnly; SameSite=Strict");
    request.answer(unframed(out));
}

net::HttpResponse DashboardApi::options(const Partner &partner)
{
    IndicatorFilter scope;
    scope.territories = partner.territories;
    QVariantList binds;
    QSqlQuery q = m_store.prepare(
        QStringLiteral("SELECT id, name, territory, departement FROM sites WHERE %1 ORDER BY "
                       "territory, name")
            .arg(scope.siteCondition(QStringLiteral("id"), &binds)));
    Store::run(q, binds);
    QJsonArray sites;
    QStringList territories;
    QStringList departements;
    while (q.next()) {
        if (!departements.contains(q.value(3).toString()))
            departements << q.value(3).toString();
        sites.append(QJsonObject{{QStringLiteral("id"), q.value(0).toString()},
                                 {QStringLiteral("name"), q.value(1).toString()},
                                 {QStringLiteral("territory"), q.value(2).toString()}});
        if (!territories.contains(q.value(2).toString()))
            territories << q.value(2).toString();
    }
    QStringList agencies = partner.agencies;
    if (agencies.isEmpty()) {
        QSqlQuery a = m_store.prepare(QStringLiteral(
            "SELECT DISTINCT agency FROM call_events UNION SELECT DISTINCT agency FROM "
            "report_rows WHERE agency <> 'none' UNION SELECT DISTINCT agency FROM "
            "journey_events WHERE agency IS NOT NULL ORDER BY 1"));
        Store::run(a);
        while (a.next())
            agencies << a.value(0).toString();
    }
    // Never a week still to come, whatever the store holds (ingest refuses them, but stores
    // from before that check may keep some).
    const QString thisWeek = isoWeek(m_clock().date());
    const QString last =
        m_store
            .scalar(QStringLiteral("SELECT MAX(week) FROM site_weeks WHERE week <= ?"), {thisWeek})
            .toString();
    return net::HttpResponse::json(
        200,
        QJsonDocument(QJsonObject{
            {QStringLiteral("partner"), partner.name},
            {QStringLiteral("sites"), sites},
            {QStringLiteral("territories"), QJsonArray::fromStringList(territories)},
            {QStringLiteral("departements"), QJsonArray::fromStringList(departements)},
            {QStringLiteral("agencies"), QJsonArray::fromStringList(agencies)},
            {QStringLiteral("last_week"), last.isEmpty() ? thisWeek : last},
            {QStringLiteral("co2_source"), m_config.co2Source},
            {QStringLiteral("map"),
             QJsonObject{{QStringLiteral("tile_url"), m_config.map.tileUrl},
                         {QStringLiteral("tile_attribution"), m_config.map.tileAttribution}}}}));
}

namespace {

// The file's strong validator: its bytes never change once published.
QByteArray etagOf(const QByteArray &bytes)
{
    return '"' + QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex() + '"';
}

net::HttpResponse publishedFile(const OpenDataRelease &release, const OpenDataFile &file, bool csv)
{
    const QByteArray &bytes = csv ? file.csv : file.schema;
    net::HttpResponse out =
        net::HttpResponse::text(200, csv ? "text/csv; charset=utf-8" : "application/json", bytes);
    out.addHeader("ETag", etagOf(bytes));
    out.addHeader("Last-Modified",
                  QLocale::c()
                      .toString(QDateTime::fromString(release.publishedAt, Qt::ISODate).toUTC(),
                                QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                      .toLatin1());
    out.addHeader("X-Relais-Release", release.id.toLatin1());
    out.addHeader("X-Relais-Published-At", release.publishedAt.toLatin1());
    return out;
}

QByteArray openDataIndex(const QList<OpenDataRelease> &releases, const MediationPlaces &places)
{
    QByteArray html = "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
                      "<link rel=\"icon\" href=\"data:,\">"
                      "<title>Données ouvertes — Relais</title></head><body>"
                      "<h1>Données ouvertes de l'observatoire</h1>"
                      "<p>Licence Ouverte / Open Licence version 2.0 (Etalab). Les effectifs "
                      "inférieurs à 11 sont remplacés par « &lt;11 ». Une publication par "
                      "trimestre clos (deux semaines après sa dernière semaine), calculée une "
                      "fois et jamais modifiée ensuite ; les enregistrements arrivés plus tard ne "
                      "sont pas publiés. Liste lisible par un programme : "
                      "<a href=\"releases.json\">releases.json</a>.</p>";
    html += "<h2>Lieux de médiation numérique</h2><p>Les points de service de l'observatoire au "
            "format national « Schéma de données des lieux de médiation numérique » (version "
            "1.0.1, schema.data.gouv.fr, LaMednum/standard-mediation-num) : <a "
            "href=\"lieux-mediation-numerique.csv\">lieux-mediation-numerique.csv</a> — <a "
            "href=\"lieux-mediation-numerique.json\">JSON</a>. " +
            QByteArray::number(places.published) + " lieu(x) publié(s)";
    if (places.left > 0)
        html += ", " + QByteArray::number(places.left) +
                " non publié(s) faute d'adresse, de code postal, de commune ou de SIRET dans la "
                "configuration";
    html += ".</p>";
    if (releases.isEmpty())
        html += "<p>Aucun trimestre n'est encore clos.</p>";
    for (const OpenDataRelease &release : releases) {
        const QByteArray id = release.id.toUtf8();
        html += "<h2>Trimestre " + id + "</h2><p>Semaines " + release.fromWeek.toUtf8() + " à " +
                release.toWeek.toUtf8() + ", publié le " + release.publishedAt.left(10).toUtf8() +
                "</p><ul>";
        for (const QString &name : release.names) {
            const QByteArray file = id + '/' + name.toUtf8();
            html += "<li><a href=\"" + file + ".csv\">" + name.toUtf8() + ".csv</a> — <a href=\"" +
                    file + ".schema.json\">schéma</a></li>";
        }
        html += "</ul>";
    }
    return html + "</body></html>";
}

QJsonDocument releaseListing(const QList<OpenDataRelease> &releases)
{
    QJsonArray list;
    for (const OpenDataRelease &release : releases)
        list.append(
            QJsonObject{{QStringLiteral("release"), release.id},
                        {QStringLiteral("from_week"), release.fromWeek},
                        {QStringLiteral("to_week"), release.toWeek},
                        {QStringLiteral("published_at"), release.publishedAt},
                        {QStringLiteral("files"), QJsonArray::fromStringList(release.names)}});
    return QJsonDocument(QJsonObject{{QStringLiteral("releases"), list}});
}

} // namespace

std::optional<net::HttpResponse> openDataResponse(Store &store, const SurveyCatalog &surveys,
                                                  const QDateTime &now,
                                                  const net::HttpRequest &request)
{
    if (!request.path.startsWith(QLatin1String("/open-data/")))
        return std::nullopt;
    OpenDataReleases published(store, surveys);
    published.publishDue(now);
    const QList<OpenDataRelease> releases = published.releases();
    const QString rest = request.path.mid(11);
    // The sites as they are now, not by release: they are a directory, not figures.
    const auto places = [&store, &now] {
        return mediationPlaces(DeviceRegistry(store).sites(), now.date());
    };
    if (rest.isEmpty())
        return net::HttpResponse::text(200, "text/html; charset=utf-8",
                                       openDataIndex(releases, places()));
    if (rest == QLatin1String("lieux-mediation-numerique.csv"))
        return net::HttpResponse::text(200, "text/csv; charset=utf-8", places().csv);
    if (rest == QLatin1String("lieux-mediation-numerique.json"))
        return net::HttpResponse::text(200, "application/json", places().json);
    if (rest == QLatin1String("releases.json"))
        return net::HttpResponse::json(200, releaseListing(releases));
    // "<release>/<name>.csv", or "<name>.csv" for the newest release's.
    const QString fileName = rest.section(u'/', -1);
    const bool csv = fileName.endsWith(QLatin1String(".csv"));
    const bool schema = fileName.endsWith(QLatin1String(".schema.json"));
    if ((csv || schema) && rest.count(u'/') <= 1 && !releases.isEmpty()) {
        const QString releaseId =
            rest.contains(u'/') ? rest.section(u'/', 0, 0) : releases.first().id;
        const QString name = fileName.chopped(csv ? 4 : 12);
        for (const OpenDataRelease &release : releases) {
            if (release.id != releaseId)
                continue;
            if (const auto file = published.file(release.id, name))
                return publishedFile(release, *file, csv);
        }
    }
    return net::HttpResponse::error(404, QStringLiteral("not_found"),
                                    QStringLiteral("no such file"));
}

} // namespace relais::observatory
