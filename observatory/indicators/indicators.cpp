// SPDX-License-Identifier: EUPL-1.2
#include "indicators.h"

#include "callwrapup.h"

#include "devices/deviceregistry.h"
#include "ingest/records.h"
#include "journey.h"
#include "procedurenames.h"
#include "store/store.h"

#include <QSqlQuery>

#include <cmath>

namespace relais::observatory {

namespace {

QString helpTitle(const QString &help)
{
    static const QMap<QString, QString> titles = {
        {QStringLiteral("information"), QStringLiteral("Information")},
        {QStringLiteral("online_procedure"), QStringLiteral("Aide à une démarche en ligne")},
        {QStringLiteral("video_call"), QStringLiteral("Rendez-vous en visio")},
        {QStringLiteral("internet_access"), QStringLiteral("Accès internet")},
        {QStringLiteral("print_scan"), QStringLiteral("Impression, numérisation")},
        {QStringLiteral("referral"), QStringLiteral("Orientation")}};
    return titles.value(help, help);
}

QSqlQuery select(const Store &store, const QString &sql, const QVariantList &binds)
{
    QSqlQuery q = store.prepare(sql);
    Store::run(q, binds);
    return q;
}

} // namespace

double percent(qint64 numerator, qint64 denominator)
{
    if (denominator <= 0)
        return 0.0;
    return std::round(1000.0 * double(numerator) / double(denominator)) / 10.0;
}

QString autonomyTitle(const QString &code)
{
    static const QMap<QString, QString> titles = {
        {QStringLiteral("guide_alone"), QStringLiteral("En autonomie avec le guide")},
        {QStringLiteral("mediator"), QStringLiteral("Avec l'aide du médiateur")},
        {QStringLiteral("video_call"), QStringLiteral("Par un appel en visio")},
        {QStringLiteral("none"), QStringLiteral("Ni guide, ni médiateur, ni visio")}};
    return titles.value(code, code);
}

QString screenTitle(const QString &screen)
{
    static const QMap<QString, QString> titles = {
        {QStringLiteral("agency"), QStringLiteral("la page d'un organisme")},
        {QStringLiteral("online"), QStringLiteral("les démarches en ligne (liste ou guide)")},
        {QStringLiteral("visio"), QStringLiteral("l'écran de la visio")},
        {QStringLiteral("print"), QStringLiteral("l'impression ou la numérisation")},
        {QStringLiteral("mediator"), QStringLiteral("l'appel au médiateur")},
        {QStringLiteral("survey"), QStringLiteral("le questionnaire")},
        {QStringLiteral("other"), QStringLiteral("un autre écran")}};
    return titles.value(screen, screen);
}

QString endTitle(const QString &end, const QString &screen)
{
    if (end == QLatin1String("finished"))
        return QStringLiteral("Terminée par « Terminer et effacer »");
    if (end == QLatin1String("idle"))
        return QStringLiteral("Laissée sur l'accueil (fin par inactivité)");
    if (end == QLatin1String("abandoned"))
        return screen.isEmpty() ? QStringLiteral("Abandonnée en cours de démarche (fin par "
                                                 "inactivité)")
                                : QStringLiteral("Abandonnée sur %1 (fin par inactivité)")
                                      .arg(screenTitle(screen));
    return end;
}

Table Indicators::visitsByPeriod(const IndicatorFilter &filter, Grain grain) const
{
    // Kinds of help, never added up: one person may get several (persons are sessions).
    Table table =
        Table::byPeriod(QStringLiteral("visits"),
                        QStringLiteral("Aides par type : une personne peut en recevoir plusieurs"));
    for (const QString &help : helpKinds()) {
        table.columns << help;
        table.titles << helpTitle(help);
    }
    QVariantList binds{filter.fromWeek, filter.toWeek};
    QString sql;
    if (filter.agencies.isEmpty()) {
        // One row per site and week: this stays fast over thousands of sites.
        sql = QStringLiteral("SELECT week, SUM(information), SUM(online_procedure), "
                             "SUM(video_call), SUM(internet_access), SUM(print_scan), "
                             "SUM(referral) FROM site_weeks WHERE week BETWEEN ? AND ? AND %1 "
                             "GROUP BY week ORDER BY week")
                  .arg(filter.siteCondition(QStringLiteral("site"), &binds));
    } else {
        QStringList sums;
        for (const QString &help : helpKinds())
            sums
                << QStringLiteral("SUM(CASE WHEN r.help = '%1' THEN r.count ELSE 0 END)").arg(help);
        const QString sites = filter.siteCondition(QStringLiteral("r.site"), &binds);
        sql = QStringLiteral("SELECT r.week, %1 FROM site_week_rows r WHERE r.week BETWEEN ? AND ? "
                             "AND %2 AND %3 GROUP BY r.week ORDER BY r.week")
                  .arg(sums.join(QStringLiteral(", ")), sites,
                       filter.agencyCondition(QStringLiteral("r.agency"), &binds));
    }
    QSqlQuery q = select(m_store, sql, binds);
    QMap<QString, QList<qint64>> perPeriod;
    while (q.next()) {
        QList<qint64> &sums = perPeriod[periodOf(q.value(0).toString(), grain)];
        sums.resize(helpKinds().size());
        for (qsizetype i = 0; i < helpKinds().size(); ++i)
            sums[i] += q.value(int(i) + 1).toLongLong();
    }
    for (auto it = perPeriod.begin(); it != perPeriod.end(); ++it) {
        QVariantList row{it.key()};
        for (qint64 v : it.value())
            row << v;
        table.rows << row;
    }
    return table;
}

Table Indicators::visitsByTerritory(const IndicatorFilter &filter) const
{
    Table table{QStringLiteral("territories"),
                QStringLiteral("Aides par territoire, tous types (une personne peut en recevoir "
                               "plusieurs)"),
                {QStringLiteral("territory"), QStringLiteral("helps"), QStringLiteral("share_pct")},
                {QStringLiteral("Territoire"), QStringLiteral("Aides"), QStringLiteral("Part (%)")},
                {}};
    const QList<QPair<QString, qint64>> rows = helpsBy(filter, QStringLiteral("territory"));
    qint64 total = 0;
    for (const auto &[territory, visits] : rows)
        total += visits;
    for (const auto &[territory, visits] : rows)
        table.rows << QVariantList{territory, visits, percent(visits, total)};
    return table;
}

QHash<QString, qint64> Indicators::helpsBySite(const IndicatorFilter &filter) const
{
    QHash<QString, qint64> helps;
    for (const auto &[site, count] : helpsBy(filter, QStringLiteral("id")))
        helps.insert(site, count);
    return helps;
}

QList<QPair<QString, qint64>> Indicators::helpsBy(const IndicatorFilter &filter,
                                                  const QString &column) const
{
    QVariantList binds{filter.fromWeek, filter.toWeek};
    // Limited to agencies, the help given for them only, line by line.
    const QString sql =
        filter.agencies.isEmpty()
            ? QStringLiteral("SELECT t.%1, SUM(s.total) FROM site_weeks s JOIN sites t ON "
                             "t.id = s.site WHERE s.week BETWEEN ? AND ? AND %2 GROUP BY "
                             "t.%1 ORDER BY 2 DESC, 1")
                  .arg(column, filter.siteCondition(QStringLiteral("s.site"), &binds))
            : QStringLiteral("SELECT t.%1, SUM(s.count) FROM site_week_rows s JOIN sites t "
                             "ON t.id = s.site WHERE s.week BETWEEN ? AND ? AND %2 AND %3 GROUP "
                             "BY t.%1 ORDER BY 2 DESC, 1")
                  .arg(column, filter.siteCondition(QStringLiteral("s.site"), &binds),
                       filter.agencyCondition(QStringLiteral("s.agency"), &binds));
    QSqlQuery q = select(m_store, sql, binds);
    QList<QPair<QString, qint64>> rows;
    while (q.next())
        rows.append({q.value(0).toString(), q.value(1).toLongLong()});
    return rows;
}

Table Indicators::callsByAgency(const IndicatorFilter &filter) const
{
    Table table{QStringLiteral("calls"),
                QStringLiteral("Appels en visio par organisme"),
                {QStringLiteral("agency"), QStringLiteral("answered"), QStringLiteral("abandoned"),
                 QStringLiteral("callback"), QStringLiteral("failed"), QStringLiteral("total"),
                 QStringLiteral("share_pct")},
                {QStringLiteral("Organisme"), QStringLiteral("Réalisés"),
                 QStringLiteral("Abandonnés"), QStringLiteral("Rappel demandé"),
                 QStringLiteral("Échoués"), QStringLiteral("Total"),
                 QStringLiteral("Part des appels réalisés (%)")},
                {}};
    QVariantList binds{filter.fromWeek, filter.toWeek};
    const QString sites = filter.siteCondition(QStringLiteral("site"), &binds);
    const QString sql =
        QStringLiteral("SELECT agency, SUM(CASE WHEN outcome = 'answered' THEN 1 ELSE 0 END), "
                       "SUM(CASE WHEN outcome = 'abandoned' THEN 1 ELSE 0 END), "
                       "SUM(CASE WHEN outcome = 'callback' THEN 1 ELSE 0 END), "
                       "SUM(CASE WHEN outcome = 'failed' THEN 1 ELSE 0 END), COUNT(*) "
                       "FROM call_events WHERE week BETWEEN ? AND ? AND %1 AND %2 "
                       "GROUP BY agency ORDER BY 2 DESC, 1")
            .arg(sites, filter.agencyCondition(QStringLiteral("agency"), &binds));
    QSqlQuery q = select(m_store, sql, binds);
    QList<QVariantList> rows;
    qint64 answered = 0;
    while (q.next()) {
        QVariantList row{q.value(0).toString()};
        for (int i = 1; i <= 5; ++i)
            row << q.value(i).toLongLong();
        answered += row[1].toLongLong();
        rows << row;
    }
    for (QVariantList &row : rows) {
        row << percent(row[1].toLongLong(), answered);
        table.rows << row;
    }
    return table;
}

Table Indicators::callWrapUps(const IndicatorFilter &filter) const
{
    Table table{QStringLiteral("call_wrapups"),
                QStringLiteral("Issue des appels en visio, selon les conseillers"),
                {QStringLiteral("agency")},
                {QStringLiteral("Organisme")},
                {}};
    QString sums;
    QVariantList binds;
    for (const wrapup::Outcome &outcome : wrapup::outcomes()) {
        table.columns << outcome.code;
        table.titles << outcome.text;
        sums += QStringLiteral("SUM(CASE WHEN outcome = ? THEN 1 ELSE 0 END), ");
        binds << outcome.code;
    }
    table.columns << QStringLiteral("total") << QStringLiteral("resolved_pct");
    table.titles << QStringLiteral("Total") << QStringLiteral("Part réglée (%)");
    binds << filter.fromWeek << filter.toWeek;
    const QString sites = filter.siteCondition(QStringLiteral("site"), &binds);
    const QString sql =
        QStringLiteral("SELECT agency, %1COUNT(*) FROM call_wrapups WHERE week BETWEEN ? AND ? "
                       "AND %2 AND %3 GROUP BY agency ORDER BY %4 DESC, 1")
            .arg(sums, sites, filter.agencyCondition(QStringLiteral("agency"), &binds))
            .arg(wrapup::outcomes().size() + 2);
    QSqlQuery q = select(m_store, sql, binds);
    const int outcomes = int(wrapup::outcomes().size());
    int resolved = 0;
    while (wrapup::outcomes()[resolved].code != QLatin1String("resolved"))
        ++resolved;
    while (q.next()) {
        QVariantList row{q.value(0).toString()};
        for (int i = 1; i <= outcomes + 1; ++i)
            row << q.value(i).toLongLong();
        row << percent(row[1 + resolved].toLongLong(), row[outcomes + 1].toLongLong());
        table.rows << row;
    }
    return table;
}

Table Indicators::callsByPeriod(const IndicatorFilter &filter, Grain grain) const
{
    Table table{QStringLiteral("calls_by_period"),
                QStringLiteral("Appels en visio réalisés par période"),
                {QStringLiteral("period"), QStringLiteral("answered"), QStringLiteral("total")},
                {QStringLiteral("Période"), QStringLiteral("Réalisés"), QStringLiteral("Total")},
                {}};
    QVariantList binds{filter.fromWeek, filter.toWeek};
    const QString sites = filter.siteCondition(QStringLiteral("site"), &binds);
    const QString sql =
        QStringLiteral("SELECT week, SUM(CASE WHEN outcome = 'answered' THEN 1 ELSE 0 END), "
                       "COUNT(*) FROM call_events WHERE week BETWEEN ? AND ? AND %1 AND %2 "
                       "GROUP BY week ORDER BY week")
            .arg(sites, filter.agencyCondition(QStringLiteral("agency"), &binds));
    QSqlQuery q = select(m_store, sql, binds);
    QMap<QString, QPair<qint64, qint64>> perPeriod;
    while (q.next()) {
        auto &sums = perPeriod[periodOf(q.value(0).toString(), grain)];
        sums.first += q.value(1).toLongLong();
        sums.second += q.value(2).toLongLong();
    }
    for (auto it = perPeriod.begin(); it != perPeriod.end(); ++it)
        table.rows << QVariantList{it.key(), it.value().first, it.value().second};
    return table;
}

Table Indicators::completeness(const IndicatorFilter &filter, Grain grain, int onTimeDays) const
{
    Table table{QStringLiteral("completeness"),
                QStringLiteral("Complétude et ponctualité des grilles hebdomadaires"),
                {QStringLiteral("period"), QStringLiteral("expected"), QStringLiteral("received"),
                 QStringLiteral("on_time"), QStringLiteral("received_pct"),
                 QStringLiteral("on_time_pct")},
                {QStringLiteral("Période"), QStringLiteral("Attendues"), QStringLiteral("Reçues"),
                 QStringLiteral("À temps"), QStringLiteral("Complétude (%)"),
                 QStringLiteral("Ponctualité (%)")},
                {}};
    // Expected: one report per site open at some point of the week.
    QVariantList binds;
    const QString sites = filter.servingSiteCondition(QStringLiteral("id"), &binds);
    QSqlQuery q = select(
        m_store, QStringLiteral("SELECT id, opened, closed FROM sites WHERE %1").arg(sites), binds);
    QList<std::tuple<QString, QDate, QDate>> open;
    while (q.next())
        open.append({q.value(0).toString(), QDate::fromString(q.value(1).toString(), Qt::ISODate),
                     QDate::fromString(q.value(2).toString(), Qt::ISODate)});
    QVariantList reportBinds{filter.fromWeek, filter.toWeek};
    const QString reportSites = filter.servingSiteCondition(QStringLiteral("site"), &reportBinds);
    // The first version's closing time says whether the week was closed on time.
    QSqlQuery reports = select(
        m_store,
        QStringLiteral("SELECT site, week, closed_at FROM weekly_reports WHERE version = 1 AND "
                       "week BETWEEN ? AND ? AND %1")
            .arg(reportSites),
        reportBinds);
    QMap<QString, std::tuple<qint64, qint64, qint64>> perPeriod;
    QSet<QString> received;
    while (reports.next()) {
        const QString week = reports.value(1).toString();
        const QDate sunday = mondayOfIsoWeek(week).addDays(6);
        const QDateTime closed =
            QDateTime::fromString(reports.value(2).toString(), Qt::ISODateWithMs);
        auto &[expected, got, onTime] = perPeriod[periodOf(week, grain)];
        Q_UNUSED(expected);
        ++got;
        if (closed.date() <= sunday.addDays(onTimeDays))
            ++onTime;
        received.insert(reports.value(0).toString() + u'|' + week);
    }
    QDate monday = mondayOfIsoWeek(filter.fromWeek);
    const QDate last = mondayOfIsoWeek(filter.toWeek);
    const QDate today = QDate::currentDate();
    if (!monday.isValid() || !last.isValid())
        return table;
    for (; monday <= last && monday <= today; monday = monday.addDays(7)) {
        const QString week = isoWeek(monday);
        qint64 expected = 0;
        for (const auto &[id, opened, closed] : open) {
            if (opened <= monday.addDays(6) && (!closed.isValid() || closed >= monday))
                ++expected;
        }
        if (expected > 0)
            std::get<0>(perPeriod[periodOf(week, grain)]) += expected;
    }
    for (auto it = perPeriod.begin(); it != perPeriod.end(); ++it) {
        const auto [expected, got, onTime] = it.value();
        table.rows << QVariantList{
            it.key(), expected, got, onTime, percent(got, expected), percent(onTime, expected)};
    }
    return table;
}

Table Indicators::travelAvoided(const IndicatorFilter &filter, double co2KgPerKm) const
{
    Table table{QStringLiteral("travel"),
                QStringLiteral("Déplacements évités grâce aux rendez-vous en visio"),
                {QStringLiteral("agency"), QStringLiteral("answered_calls"),
                 QStringLiteral("km_avoided"), QStringLiteral("co2_kg")},
                {QStringLiteral("Organisme"), QStringLiteral("Appels réalisés"),
                 QStringLiteral("Kilomètres évités (aller-retour)"),
                 QStringLiteral("CO2 évité (kg)")},
                {}};
    QMap<QString, QMap<QString, double>> km;
    for (const Site &site : DeviceRegistry(m_store).sites())
        km.insert(site.id, site.kmToOffice);
    QVariantList binds{filter.fromWeek, filter.toWeek};
    const QString sites = filter.siteCondition(QStringLiteral("site"), &binds);
    QSqlQuery q = select(
        m_store,
        QStringLiteral("SELECT agency, site, COUNT(*) FROM call_events WHERE outcome = "
                       "'answered' AND week BETWEEN ? AND ? AND %1 AND %2 GROUP BY agency, site")
            .arg(sites, filter.agencyCondition(QStringLiteral("agency"), &binds)),
        binds);
    QMap<QString, QPair<qint64, double>> perAgency;
    while (q.next()) {
        auto &[calls, distance] = perAgency[q.value(0).toString()];
        calls += q.value(2).toLongLong();
        // A call instead of a round trip to the agency's nearest office.
        distance += 2.0 * km.value(q.value(1).toString()).value(q.value(0).toString()) *
                    double(q.value(2).toLongLong());
    }
    double totalKm = 0;
    qint64 totalCalls = 0;
    for (auto it = perAgency.begin(); it != perAgency.end(); ++it) {
        table.rows << QVariantList{it.key(), it.value().first, std::round(it.value().second),
                                   std::round(it.value().second * co2KgPerKm)};
        totalKm += it.value().second;
        totalCalls += it.value().first;
    }
    table.rows << QVariantList{QStringLiteral("Total"), totalCalls, std::round(totalKm),
                               std::round(totalKm * co2KgPerKm)};
    return table;
}

QSqlQuery Indicators::sessions(const IndicatorFilter &filter, const QString &columns,
                               const QString &aggregates) const
{
    QVariantList binds{filter.fromWeek, filter.toWeek};
    return select(
        m_store,
        QStringLiteral("SELECT %1, %2 FROM journey_events WHERE type = 'session_ended' "
                       "AND week BETWEEN ? AND ? AND %3 GROUP BY %1")
            .arg(columns, aggregates, filter.siteCondition(QStringLiteral("site"), &binds)),
        binds);
}

Table Indicators::persons(const IndicatorFilter &filter, Grain grain) const
{
    Table table{QStringLiteral("persons"),
                QStringLiteral("Personnes (sessions à la borne) et leur autonomie"),
                {QStringLiteral("period"), QStringLiteral("persons")},
                {QStringLiteral("Période"), QStringLiteral("Personnes (sessions)")},
                {}};
    const QStringList &classes = journey::autonomies();
    for (const QString &code : classes) {
        table.columns << code;
        table.titles << autonomyTitle(code);
    }
    table.columns << QStringLiteral("mean_minutes");
    table.titles << QStringLiteral("Durée moyenne (min)");
    QSqlQuery q = sessions(filter, QStringLiteral("week, autonomy"),
                           QStringLiteral("COUNT(*), SUM(duration_s)"));
    struct Sums
    {
        QList<qint64> perClass;
        qint64 sessions = 0;
        qint64 seconds = 0;
    };
    QMap<QString, Sums> perPeriod;
    while (q.next()) {
        Sums &sums = perPeriod[periodOf(q.value(0).toString(), grain)];
        sums.perClass.resize(classes.size());
        const qsizetype at = classes.indexOf(q.value(1).toString());
        if (at >= 0)
            sums.perClass[at] += q.value(2).toLongLong();
        sums.sessions += q.value(2).toLongLong();
        sums.seconds += q.value(3).toLongLong();
    }
    for (auto it = perPeriod.begin(); it != perPeriod.end(); ++it) {
        QVariantList row{it.key(), it.value().sessions};
        for (qint64 n : it.value().perClass)
            row << n;
        // From the summed seconds: never an average of averages.
        row << std::round(10.0 * double(it.value().seconds) / 60.0 / double(it.value().sessions)) /
                   10.0;
        table.rows << row;
    }
    return table;
}

Table Indicators::personsBySite(const IndicatorFilter &filter) const
{
    Table table{QStringLiteral("persons_by_site"),
                QStringLiteral("Personnes (sessions à la borne) par site"),
                {QStringLiteral("site"), QStringLiteral("territory"), QStringLiteral("persons")},
                {QStringLiteral("Site"), QStringLiteral("Territoire"),
                 QStringLiteral("Personnes (sessions)")},
                {}};
    QVariantList binds{filter.fromWeek, filter.toWeek};
    QSqlQuery q = select(
        m_store,
        QStringLiteral("SELECT t.name, t.territory, COUNT(*) FROM journey_events j JOIN sites t "
                       "ON t.id = j.site WHERE j.type = 'session_ended' AND j.week BETWEEN ? AND "
                       "? AND %1 GROUP BY t.name, t.territory ORDER BY 3 DESC, 1")
            .arg(filter.siteCondition(QStringLiteral("j.site"), &binds)),
        binds);
    while (q.next())
        table.rows << QVariantList{q.value(0).toString(), q.value(1).toString(),
                                   q.value(2).toLongLong()};
    return table;
}

Table Indicators::autonomy(const IndicatorFilter &filter) const
{
    Table table{
        QStringLiteral("autonomy"),
        QStringLiteral("Autonomie : comment les personnes ont fait leurs démarches"),
        {QStringLiteral("autonomy"), QStringLiteral("persons"), QStringLiteral("share_pct")},
        {QStringLiteral("Autonomie"), QStringLiteral("Personnes (sessions)"),
         QStringLiteral("Part (%)")},
        {}};
    QSqlQuery q = sessions(filter, QStringLiteral("autonomy"));
    QMap<QString, qint64> counts;
    qint64 total = 0;
    while (q.next()) {
        counts.insert(q.value(0).toString(), q.value(1).toLongLong());
        total += q.value(1).toLongLong();
    }
    if (total == 0)
        return table;
    for (const QString &code : journey::autonomies())
        table.rows << QVariantList{autonomyTitle(code), counts.value(code),
                                   percent(counts.value(code), total)};
    return table;
}

Table Indicators::sessionEnds(const IndicatorFilter &filter) const
{
    Table table{QStringLiteral("session_ends"),
                QStringLiteral("Comment les sessions se terminent"),
                {QStringLiteral("ending"), QStringLiteral("persons"), QStringLiteral("share_pct")},
                {QStringLiteral("Fin de la session"), QStringLiteral("Personnes (sessions)"),
                 QStringLiteral("Part (%)")},
                {}};
    QSqlQuery q = sessions(filter, QStringLiteral("ending, screen"));
    QMap<QPair<QString, QString>, qint64> counts;
    qint64 total = 0;
    while (q.next()) {
        counts.insert({q.value(0).toString(), q.value(1).toString()}, q.value(2).toLongLong());
        total += q.value(2).toLongLong();
    }
    // In the vocabulary's order: finished, idle, then abandoned screen by screen.
    for (const QString &end : journey::ends()) {
        const QStringList screens =
            end == QLatin1String("abandoned") ? journey::screens() : QStringList{QString()};
        for (const QString &screen : screens) {
            const qint64 n = counts.value({end, screen});
            if (n > 0)
                table.rows << QVariantList{endTitle(end, screen), n, percent(n, total)};
        }
    }
    return table;
}

Table Indicators::procedures(const IndicatorFilter &filter) const
{
    Table table{
        QStringLiteral("procedures"),
        QStringLiteral("Démarches guidées les plus utilisées"),
        {QStringLiteral("agency"), QStringLiteral("procedure"), QStringLiteral("title"),
         QStringLiteral("opened"), QStringLiteral("help_requests"), QStringLiteral("help_per_100")},
        {QStringLiteral("Organisme"), QStringLiteral("Démarche (code)"), QStringLiteral("Démarche"),
         QStringLiteral("Ouvertures du guide"), QStringLiteral("Demandes d'aide"),
         QStringLiteral("Demandes d'aide pour 100 ouvertures")},
        {}};
    QVariantList binds{filter.fromWeek, filter.toWeek};
    const QString sites = filter.siteCondition(QStringLiteral("site"), &binds);
    QSqlQuery q = select(
        m_store,
        QStringLiteral("SELECT agency, procedure, SUM(CASE WHEN type = 'procedure_opened' THEN 1 "
                       "ELSE 0 END), SUM(CASE WHEN type = 'guide_help_requested' THEN 1 ELSE 0 "
                       "END) FROM journey_events WHERE type IN ('procedure_opened', "
                       "'guide_help_requested') AND week BETWEEN ? AND ? AND %1 AND %2 "
                       "GROUP BY agency, procedure ORDER BY 3 DESC, 4 DESC, 2")
            .arg(sites, filter.agencyCondition(QStringLiteral("agency"), &binds)),
        binds);
    const ProcedureNames &names = ProcedureNames::builtIn();
    while (q.next()) {
        const qint64 opened = q.value(2).toLongLong();
        const qint64 help = q.value(3).toLongLong();
        table.rows << QVariantList{q.value(0).toString(),
                                   q.value(1).toString(),
                                   names.title(q.value(1).toString()),
                                   opened,
                                   help,
                                   percent(help, opened)};
    }
    return table;
}

Table Indicators::helpSteps(const IndicatorFilter &filter) const
{
    Table table{QStringLiteral("help_steps"),
                QStringLiteral("Où l'aide est demandée : démarche et étape du guide"),
                {QStringLiteral("agency"), QStringLiteral("procedure"), QStringLiteral("title"),
                 QStringLiteral("step"), QStringLiteral("step_text"),
                 QStringLiteral("help_requests")},
                {QStringLiteral("Organisme"), QStringLiteral("Démarche (code)"),
                 QStringLiteral("Démarche"), QStringLiteral("Étape"),
                 QStringLiteral("Ce que dit l'étape"), QStringLiteral("Demandes d'aide")},
                {}};
    QVariantList binds{filter.fromWeek, filter.toWeek};
    const QString sites = filter.siteCondition(QStringLiteral("site"), &binds);
    QSqlQuery q = select(
        m_store,
        QStringLiteral("SELECT agency, procedure, step, COUNT(*) FROM journey_events WHERE type "
                       "= 'guide_help_requested' AND week BETWEEN ? AND ? AND %1 AND %2 "
                       "GROUP BY agency, procedure, step ORDER BY 4 DESC, 2, 3")
            .arg(sites, filter.agencyCondition(QStringLiteral("agency"), &binds)),
        binds);
    const ProcedureNames &names = ProcedureNames::builtIn();
    while (q.next()) {
        const QString procedure = q.value(1).toString();
        const int step = q.value(2).toInt();
        table.rows << QVariantList{q.value(0).toString(),       procedure,
                                   names.title(procedure),      step,
                                   names.step(procedure, step), q.value(3).toLongLong()};
    }
    return table;
}

} // namespace relais::observatory
