// SPDX-License-Identifier: EUPL-1.2
#include "partnertables.h"

#include "dashboard/sitemap.h"
#include "devices/fleetstatus.h"
#include "indicators/accessibilitymatrix.h"
#include "indicators/indicators.h"
#include "indicators/surveyindicators.h"
#include "indicators/xlsxexport.h"
#include "ingest/records.h"

#include <QDebug>
#include <QJsonObject>

#include <algorithm>

namespace relais::observatory {

namespace {

// Each list is what was asked ∩ what the partner may see; a partner limited to some values who
// asks for none gets theirs.
QStringList within(const QString &asked, const QStringList &allowed, bool *refused)
{
    if (asked.isEmpty())
        return allowed;
    if (!allowed.isEmpty() && !allowed.contains(asked)) {
        *refused = true;
        return allowed;
    }
    return {asked};
}

} // namespace

PartnerTables::PartnerTables(Store &store, const SurveyCatalog &surveys,
                             const ObservatoryConfig &config, std::function<QDateTime()> clock)
    : m_store(store), m_surveys(surveys), m_config(config), m_clock(std::move(clock))
{}

bool PartnerTables::filterFor(const net::HttpRequest &request, const Partner &partner,
                              IndicatorFilter *filter, QString *error) const
{
    const QUrlQuery &q = request.query;
    const QString from = q.queryItemValue(QStringLiteral("from"), QUrl::FullyDecoded);
    const QString to = q.queryItemValue(QStringLiteral("to"), QUrl::FullyDecoded);
    if (!from.isEmpty()) {
        if (!mondayOfIsoWeek(from).isValid()) {
            *error = QStringLiteral("from must be an ISO week like 2026-W01");
            return false;
        }
        filter->fromWeek = from;
    }
    if (!to.isEmpty()) {
        if (!mondayOfIsoWeek(to).isValid()) {
            *error = QStringLiteral("to must be an ISO week like 2026-W52");
            return false;
        }
        filter->toWeek = to;
    }
    bool refused = false;
    filter->territories = within(q.queryItemValue(QStringLiteral("territory"), QUrl::FullyDecoded),
                                 partner.territories, &refused);
    filter->agencies = within(q.queryItemValue(QStringLiteral("agency"), QUrl::FullyDecoded),
                              partner.agencies, &refused);
    const QString departement = q.queryItemValue(QStringLiteral("departement"), QUrl::FullyDecoded);
    if (!departement.isEmpty())
        filter->departements = {departement};
    const QString site = q.queryItemValue(QStringLiteral("site"), QUrl::FullyDecoded);
    if (!site.isEmpty())
        filter->sites = {site};
    if (refused) {
        *error = QStringLiteral("outside your scope");
        return false;
    }
    return true;
}

QList<Table> PartnerTables::compute(const IndicatorFilter &filter, Grain grain,
                                    const Partner &partner) const
{
    Indicators indicators(m_store);
    const SurveyIndicators surveys(m_store, m_surveys);
    const FleetView fleetView{m_clock(), 3600LL * m_config.silentAfterHours};
    using Scale = SurveyIndicator::Scale;
    QList<Table> all = {
        indicators.persons(filter, grain),
        indicators.personsBySite(filter),
        indicators.autonomy(filter),
        indicators.sessionEnds(filter),
        indicators.procedures(filter),
        indicators.helpSteps(filter),
        indicators.visitsByPeriod(filter, grain),
        indicators.visitsByTerritory(filter),
        indicators.callsByPeriod(filter, grain),
        indicators.callsByAgency(filter),
        indicators.callWrapUps(filter),
        surveys.satisfaction(filter),
        surveys.trend(filter, grain),
        surveys.answersOf(filter, QStringLiteral("profile"), {Scale::Profile}),
        surveys.answersOf(filter, QStringLiteral("venue"), {Scale::Choice, Scale::YesNo}),
        indicators.completeness(filter, grain, m_config.onTimeDays),
        indicators.travelAvoided(filter, m_config.co2KgPerKm),
        accessibilityMatrix(m_store, m_surveys, filter, m_config.matrix),
        fleetStatus(m_store, filter, fleetView),
    };
    all << siteMap(m_store, m_surveys, filter, fleetView);
    // Only when a definition asks for a 0–10 recommendation.
    if (auto nps = surveys.netPromoterScore(filter))
        all << *nps;
    // Sessions belong to sites, not agencies: for a partner limited to agencies they are outside
    // its scope. Exact figures of them, at any filter it chooses, would undo the open data's
    // secrecy (a count under 11, read off or subtracted from the published totals), and no
    // suppression per answer can hold against differences between answers: such a partner reads
    // them in the open data, where they are published with the secrecy rule.
    if (!partner.agencies.isEmpty()) {
        static const QStringList sessionTables = {
            QStringLiteral("persons"), QStringLiteral("persons_by_site"),
            QStringLiteral("autonomy"), QStringLiteral("session_ends")};
        for (Table &table : all) {
            if (!sessionTables.contains(table.id))
                continue;
            table.rows.clear();
            table.note = QStringLiteral(
                "Hors du périmètre de votre organisme : les personnes venues aux bornes "
                "appartiennent au site, pas à un organisme. Ces chiffres sont publiés par "
                "trimestre et territoire, avec le secret statistique, dans les données ouvertes "
                "(/open-data/).");
        }
    }
    return all;
}

QStringList PartnerTables::about(const net::HttpRequest &request, const Partner &partner) const
{
    static const QList<std::pair<const char *, const char *>> filters = {
        {"from", "Du"},
        {"to", "Au"},
        {"grain", "Par"},
        {"departement", "Département"},
        {"territory", "Territoire"},
        {"site", "Site"},
        {"agency", "Organisme"}};
    static const QHash<QString, QString> grains = {
        {QStringLiteral("week"), QStringLiteral("semaine")},
        {QStringLiteral("month"), QStringLiteral("mois")},
        {QStringLiteral("quarter"), QStringLiteral("trimestre")},
        {QStringLiteral("year"), QStringLiteral("année")}};
    QStringList asked;
    for (const auto &[key, words] : filters) {
        const QString value =
            request.query.queryItemValue(QString::fromLatin1(key), QUrl::FullyDecoded);
        if (!value.isEmpty())
            asked << QStringLiteral("%1 %2").arg(QString::fromUtf8(words),
                                                 grains.value(value, value));
    }
    QStringList lines = {QStringLiteral("Observatoire Relais — tableau de bord des partenaires"),
                         QStringLiteral("Partenaire : ") + partner.name,
                         QStringLiteral("Filtres : ") + (asked.isEmpty()
                                                             ? QStringLiteral("aucun")
                                                             : asked.join(QStringLiteral(", ")))};
    if (!partner.territories.isEmpty())
        lines << QStringLiteral("Territoires du partenaire : ") +
                     partner.territories.join(QStringLiteral(", "));
    if (!partner.agencies.isEmpty())
        lines << QStringLiteral("Organismes du partenaire : ") +
                     partner.agencies.join(QStringLiteral(", "));
    lines << QStringLiteral("Exporté le ") +
                 m_clock().toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
          << QStringLiteral("Les effectifs de moins de 11 sont remplacés par « <11 » (secret "
                            "statistique).");
    return lines;
}

net::HttpResponse PartnerTables::answer(const net::HttpRequest &request, const Partner &partner,
                                        const QString &table, Format wanted) const
{
    IndicatorFilter filter;
    QString error;
    if (!filterFor(request, partner, &filter, &error))
        return net::HttpResponse::error(error == QLatin1String("outside your scope") ? 403 : 400,
                                        QStringLiteral("bad_filter"), error);
    bool ok = false;
    const Grain grain = grainFromName(request.query.queryItemValue(QStringLiteral("grain")), &ok);
    if (!ok)
        return net::HttpResponse::error(400, QStringLiteral("bad_filter"),
                                        QStringLiteral("grain is week, month, quarter or year"));
    // "format=tableur": for a person's spreadsheet; else for programs.
    const QString format = request.query.queryItemValue(QStringLiteral("format"));
    if (wanted == Format::Csv && !format.isEmpty() && format != QLatin1String("tableur"))
        return net::HttpResponse::error(400, QStringLiteral("bad_filter"),
                                        QStringLiteral("format is tableur, or absent"));
    const QList<Table> all = compute(filter, grain, partner);
    if (wanted == Format::Xlsx) {
        QList<Table> chosen;
        std::copy_if(all.cbegin(), all.cend(), std::back_inserter(chosen),
                     [&table](const Table &each) { return table.isEmpty() || each.id == table; });
        if (chosen.isEmpty())
            return net::HttpResponse::error(404, QStringLiteral("not_found"),
                                            QStringLiteral("no such table"));
        QString error;
        const auto workbook = xlsxWorkbook(chosen, about(request, partner), &error);
        if (!workbook) {
            qWarning().noquote() << "dashboard: an XLSX export failed:" << error;
            return net::HttpResponse::error(500, QStringLiteral("export_failed"),
                                            QStringLiteral("the workbook could not be made: ") +
                                                error);
        }
        net::HttpResponse out = net::HttpResponse::text(200, kXlsxContentType, *workbook);
        const QByteArray name = table.isEmpty() ? "tableau-de-bord" : table.toLatin1();
        out.addHeader("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
        return out;
    }
    if (table.isEmpty()) {
        QJsonObject out;
        for (const Table &each : all)
            out.insert(each.id, each.toJson());
        return net::HttpResponse::json(200,
                                       QJsonDocument(QJsonObject{{QStringLiteral("tables"), out}}));
    }
    for (const Table &each : all) {
        if (each.id != table)
            continue;
        if (wanted == Format::Json)
            return net::HttpResponse::json(200, QJsonDocument(each.toJson()));
        const auto dialect =
            format.isEmpty() ? CsvWriter::Dialect::Data : CsvWriter::Dialect::Spreadsheet;
        net::HttpResponse out =
            net::HttpResponse::text(200, "text/csv; charset=utf-8", each.toCsv(dialect));
        out.addHeader("Content-Disposition",
                      "attachment; filename=\"" + table.toLatin1() + ".csv\"");
        return out;
    }
    return net::HttpResponse::error(404, QStringLiteral("not_found"),
                                    QStringLiteral("no such table"));
}

} // namespace relais::observatory
