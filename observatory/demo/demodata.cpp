// SPDX-License-Identifier: EUPL-1.2
#include "demodata.h"

#include "devices/deviceregistry.h"
#include "indicators/procedurenames.h"
#include "indicators/surveycatalog.h"
#include "ingest/batchparser.h"
#include "ingest/ingestwriter.h"
#include "ingest/records.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUuid>

#include <cmath>

namespace relais::observatory {

namespace {

struct Commune
{
    const char *id;
    const char *name;
    const char *territory;
    const char *insee; // the commune's code (Labastide-Murat is in Cœur de Causse since 2016)
    double lat;        // its town centre, WGS84
    double lon;
};

// Three territories of the Lot, as in the pilot (seed 003), in their real communes.
const Commune kCommunes[] = {
    {"46-gourdon", "Gourdon", "Bouriane", "46127", 44.7372, 1.3831},
    {"46-salviac", "Salviac", "Bouriane", "46297", 44.6808, 1.2650},
    {"46-cazals", "Cazals", "Bouriane", "46066", 44.6350, 1.2236},
    {"46-le-vigan", "Le Vigan", "Bouriane", "46334", 44.7428, 1.4408},
    {"46-payrac", "Payrac", "Bouriane", "46215", 44.7933, 1.4717},
    {"46-catus", "Catus", "Bouriane", "46064", 44.5592, 1.3347},
    {"46-souillac", "Souillac", "Bouriane", "46309", 44.8972, 1.4781},
    {"46-bretenoux", "Bretenoux", "Cère et Dordogne", "46038", 44.9147, 1.8386},
    {"46-biars-sur-cere", "Biars-sur-Cère", "Cère et Dordogne", "46029", 44.9264, 1.8547},
    {"46-saint-cere", "Saint-Céré", "Cère et Dordogne", "46251", 44.8600, 1.8936},
    {"46-martel", "Martel", "Cère et Dordogne", "46185", 44.9369, 1.6086},
    {"46-vayrac", "Vayrac", "Cère et Dordogne", "46330", 44.9531, 1.7039},
    {"46-sousceyrac", "Sousceyrac-en-Quercy", "Cère et Dordogne", "46311", 44.8747, 2.0339},
    {"46-latronquiere", "Latronquière", "Ségala-Limargue", "46160", 44.7997, 2.0769},
    {"46-lacapelle-marival", "Lacapelle-Marival", "Ségala-Limargue", "46143", 44.7281, 1.9258},
    {"46-assier", "Assier", "Ségala-Limargue", "46009", 44.6742, 1.8778},
    {"46-gramat", "Gramat", "Ségala-Limargue", "46128", 44.7808, 1.7247},
    {"46-leyme", "Leyme", "Ségala-Limargue", "46170", 44.7858, 1.8994},
    {"46-aynac", "Aynac", "Ségala-Limargue", "46012", 44.7825, 1.8569},
    {"46-labastide-murat", "Labastide-Murat", "Ségala-Limargue", "46138", 44.6461, 1.5658},
};

const QStringList kAgencies = {QStringLiteral("carsat"),         QStringLiteral("caf"),
                               QStringLiteral("cpam"),           QStringLiteral("msa"),
                               QStringLiteral("france-travail"), QStringLiteral("dgfip")};
const double kCallWeights[] = {0.45, 0.25, 0.12, 0.08, 0.06, 0.04};

class Dice
{
public:
    explicit Dice(quint32 seed) : m_random(seed) {}
    double real() { return m_random.generateDouble(); }
    int below(int n) { return int(m_random.bounded(n)); }
    // Poisson by inversion: small means only.
    int poisson(double mean)
    {
        const double limit = std::exp(-mean);
        double p = 1.0;
        int k = 0;
        do {
            ++k;
            p *= real();
        } while (p > limit && k < 1000);
        return k - 1;
    }
    template<std::size_t N> int weighted(const double (&weights)[N])
    {
        double x = real();
        for (std::size_t i = 0; i < N; ++i) {
            if (x < weights[i])
                return int(i);
            x -= weights[i];
        }
        return int(N - 1);
    }
    QString uuid()
    {
        // Made from the seeded generator so that a seed always gives the same store.
        QByteArray bytes(16, Qt::Uninitialized);
        for (int i = 0; i < 16; ++i)
            bytes[i] = char(m_random.bounded(256));
        bytes[6] = char((bytes[6] & 0x0f) | 0x40);
        bytes[8] = char((bytes[8] & 0x3f) | 0x80);
        return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
    }

private:
    QRandomGenerator m_random;
};

QString at(const QDate &day, int hour)
{
    return day.startOfDay(Qt::UTC).addSecs(3600LL * hour).toString(Qt::ISODate);
}

QJsonObject envelope(Dice &dice, const QString &kind, const QString &site, const QString &created,
                     const QJsonObject &body)
{
    return {{QStringLiteral("id"), dice.uuid()},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("site"), site},
            {QStringLiteral("created_at"), created},
            {QStringLiteral("body"), body}};
}

// How the Lot pilot's respondents answered (seed 003), by indicator: the share giving the best
// answer and the share satisfied (for yes/no, the share of yes). Any other indicator gets
// `kUsual`. The codes themselves always come from the definitions.
struct Figures
{
    double top;
    double positive;
};
constexpr Figures kUsual{0.6, 0.88};
const QHash<QString, Figures> &pilotFigures()
{
    // 94 % satisfied with the welcome, 75 % of them very; 9 in 10 with the service, 55 % very;
    // 9 in 10 needs fully met; 9 in 10 would recommend; 2 in 3 did not know the place.
    static const QHash<QString, Figures> figures = {{QStringLiteral("accueil"), {0.705, 0.94}},
                                                    {QStringLiteral("service"), {0.55, 0.9}},
                                                    {QStringLiteral("besoin"), {0.9, 0.9}},
                                                    {QStringLiteral("recommande"), {0.9, 0.9}},
                                                    {QStringLiteral("connaissait"), {0.34, 0.34}}};
    return figures;
}

QString pick(Dice &dice, const QList<SurveyOption> &choices, const QList<double> &weights)
{
    double total = 0;
    for (const double w : weights)
        total += w;
    double x = dice.real() * total;
    for (qsizetype i = 0; i < choices.size(); ++i) {
        if (x < weights.value(i))
            return choices[i].id;
        x -= weights.value(i);
    }
    return choices.last().id;
}

// One answer to `question` as the kiosk stores it (SurveyQuestion::checkAnswer): a level, a
// boolean, 0–10, an option id or a list of them. `criterion` ranks a matrix row, so that rows
// differ; `quality` makes a site a little better or worse.
QJsonValue demoAnswer(Dice &dice, const SurveyQuestion &question, int criterion, double quality)
{
    using Scale = SurveyIndicator::Scale;
    const SurveyIndicator &indicator = *question.indicator;
    const Figures figures = pilotFigures().value(indicator.id, kUsual);
    const QList<SurveyOption> choices = question.choices();
    switch (indicator.scale) {
    case Scale::Satisfaction:
    case Scale::MatrixCriterion: {
        // Each criterion has its own level, a little better or worse per site.
        const double positive = indicator.scale == Scale::MatrixCriterion
                                    ? std::clamp(0.45 + 0.045 * criterion + quality, 0.2, 0.97)
                                    : figures.positive;
        const double top = indicator.scale == Scale::MatrixCriterion ? positive / 2 : figures.top;
        return pick(dice, choices,
                    {top, positive - top, (1 - positive) * 0.67, (1 - positive) * 0.33});
    }
    case Scale::Need: {
        QList<double> weights;
        for (const SurveyOption &choice : choices)
            weights << (indicator.positive.contains(choice.id)
                            ? figures.positive / double(indicator.positive.size())
                            : (1 - figures.positive) /
                                  double(choices.size() - indicator.positive.size()));
        return pick(dice, choices, weights);
    }
    case Scale::Nps:
        return std::min(10, 6 + dice.poisson(2.5));
    case Scale::YesNo:
        return dice.real() < figures.positive;
    case Scale::Choice:
    case Scale::Profile:
    case Scale::MatrixService:
        break;
    }
    if (question.kind == SurveyQuestion::Kind::YesNo)
        return dice.real() < figures.positive;
    QList<double> weights;
    for (qsizetype i = 0; i < choices.size(); ++i) {
        // Age bands run youngest first, and most who answer are over 45 (seed 003); the first
        // options of a choice are the usual answers; any service may be rated.
        weights << (question.kind == SurveyQuestion::Kind::AgeBracket ? double(i + 1)
                    : indicator.scale == Scale::MatrixService         ? 1.0
                                                                      : 1.0 / double(i + 1));
    }
    if (question.kind != SurveyQuestion::Kind::MultipleChoice)
        return pick(dice, choices, weights);
    QJsonArray chosen;
    for (qsizetype i = 0; i < choices.size(); ++i)
        if (dice.real() < 0.45 * weights[i])
            chosen.append(choices[i].id);
    if (chosen.isEmpty())
        chosen.append(pick(dice, choices, weights));
    return chosen;
}

// A response's answers as its record carries them, built from the definition: every question
// that feeds an indicator, a few skipped.
QJsonObject demoAnswers(Dice &dice, const SurveyDefinition &definition, double quality)
{
    QJsonObject answers;
    int criteria = 0;
    for (const SurveyQuestion &question : definition.questions) {
        if (!question.indicator)
            continue;
        const bool criterion = question.indicator->scale == SurveyIndicator::Scale::MatrixCriterion;
        const int rank = criterion ? criteria++ : 0;
        // The matrix's service is what the criteria are about: never skipped.
        if (question.indicator->scale != SurveyIndicator::Scale::MatrixService &&
            dice.real() < 0.06)
            continue;
        for (const auto &[key, value] :
             recordedAnswers(question.id, demoAnswer(dice, question, rank, quality)))
            answers.insert(key, value);
    }
    return answers;
}

// The definitions the demo's kiosks ask: the newest version of each.
QList<const SurveyDefinition *> askedSurveys(const SurveyCatalog &surveys)
{
    QList<const SurveyDefinition *> newest;
    for (const SurveyDefinition *definition : surveys.definitions()) {
        if (!newest.isEmpty() && newest.last()->id == definition->id)
            newest.last() = definition;
        else
            newest << definition;
    }
    return newest;
}

bool isMatrix(const SurveyDefinition &definition)
{
    return std::any_of(definition.questions.cbegin(), definition.questions.cend(), [](auto &q) {
        return q.indicator && q.indicator->scale == SurveyIndicator::Scale::MatrixService;
    });
}

// A week of kiosk sessions at a site, as the kiosks' journals send them (common/journey.h):
// where each resident went, whether she was guided, asked for help (more often at the first
// steps, where one logs in), called an adviser, and how her session ended.
QList<QJsonObject> journeyWeek(Dice &dice, const QString &site, const QDate &monday, double busy,
                               double season)
{
    const QList<ProcedureNames::Procedure> procedures = ProcedureNames::builtIn().all();
    const QStringList screens{QStringLiteral("agency"),   QStringLiteral("online"),
                              QStringLiteral("visio"),    QStringLiteral("print"),
                              QStringLiteral("mediator"), QStringLiteral("survey")};
    QList<QJsonObject> out;
    const int sessions = dice.poisson(9.0 * busy * season);
    for (int n = 0; n < sessions; ++n) {
        const QDateTime start =
            QDateTime::fromString(at(monday.addDays(dice.below(6)), 8), Qt::ISODate)
                .addSecs(60LL * dice.below(540));
        int seconds = 60 + dice.below(300);
        auto event = [&](const QJsonObject &body) {
            out << envelope(dice, QStringLiteral("journal_event"), site,
                            start.addSecs(seconds).toString(Qt::ISODate), body);
        };
        QString agency;
        if (dice.real() < 0.7) {
            agency = kAgencies[dice.weighted(kCallWeights)];
            event({{QStringLiteral("type"), QStringLiteral("agency_chosen")},
                   {QStringLiteral("agency"), agency}});
        }
        bool guided = false;
        bool mediator = false;
        if (dice.real() < 0.4 && !procedures.isEmpty()) {
            const ProcedureNames::Procedure &p = procedures[dice.below(int(procedures.size()))];
            guided = true;
            seconds += 300 + dice.below(900);
            event({{QStringLiteral("type"), QStringLiteral("procedure_opened")},
                   {QStringLiteral("agency"), p.agency},
                   {QStringLiteral("procedure"), p.id}});
            if (dice.real() < 0.3) {
                mediator = true;
                const int steps = int(p.steps.size());
                const int step =
                    dice.real() < 0.55 ? 1 + dice.below(std::min(2, steps)) : 1 + dice.below(steps);
                event({{QStringLiteral("type"), QStringLiteral("guide_help_requested")},
                       {QStringLiteral("agency"), p.agency},
                       {QStringLiteral("procedure"), p.id},
                       {QStringLiteral("step"), step}});
            }
        }
        if (!guided && dice.real() < 0.08)
            mediator = true;
        const bool videoCall = dice.real() < 0.12;
        if (videoCall)
            seconds += 300 + dice.below(900);
        const QString autonomy = videoCall  ? QStringLiteral("video_call")
                                 : mediator ? QStringLiteral("mediator")
                                 : guided   ? QStringLiteral("guide_alone")
                                            : QStringLiteral("none");
        QJsonObject ended{{QStringLiteral("type"), QStringLiteral("session_ended")},
                          {QStringLiteral("autonomy"), autonomy},
                          {QStringLiteral("duration_s"), seconds}};
        const double e = dice.real();
        if (e < 0.62) {
            ended.insert(QStringLiteral("end"), QStringLiteral("finished"));
        } else if (e < 0.8) {
            ended.insert(QStringLiteral("end"), QStringLiteral("idle"));
        } else {
            ended.insert(QStringLiteral("end"), QStringLiteral("abandoned"));
            ended.insert(QStringLiteral("screen"), guided && dice.real() < 0.7
                                                       ? QStringLiteral("online")
                                                       : screens[dice.below(int(screens.size()))]);
        }
        event(ended);
    }
    return out;
}

} // namespace

DemoSummary fillDemoData(Store &store, SurveyCatalog &surveys, const DemoOptions &options)
{
    const QList<const SurveyDefinition *> asked = askedSurveys(surveys);
    Dice dice(options.seed);
    // The journey draws from its own dice, so that the rest of the demo stays as it was.
    Dice journeyDice(options.seed + 1);
    DemoSummary summary;
    const QDate today = QDate::currentDate();
    const QDate lastMonday = today.addDays(1 - today.dayOfWeek()).addDays(-7);
    const QDate firstMonday = lastMonday.addDays(-7LL * (options.weeks - 1));
    summary.fromWeek = isoWeek(firstMonday);
    summary.toWeek = isoWeek(lastMonday);

    QList<Site> sites;
    for (int i = 0; i < options.sites; ++i) {
        Site site;
        if (i < int(std::size(kCommunes))) {
            site.id = QLatin1String(kCommunes[i].id);
            site.name =
                QStringLiteral("France Services de %1").arg(QString::fromUtf8(kCommunes[i].name));
            site.territory = QString::fromUtf8(kCommunes[i].territory);
            site.departement = QStringLiteral("46");
            site.insee = QLatin1String(kCommunes[i].insee);
            site.lat = kCommunes[i].lat;
            site.lon = kCommunes[i].lon;
        } else {
            const int dep = 1 + (i / 60) % 95;
            site.id = QStringLiteral("%1-site-%2").arg(dep, 2, 10, QLatin1Char('0')).arg(i);
            site.name = QStringLiteral("Site %1").arg(i);
            site.territory = QStringLiteral("Territoire %1").arg(i / 30);
            site.departement = QStringLiteral("%1").arg(dep, 2, 10, QLatin1Char('0'));
        }
        site.opened = firstMonday;
        // One site opens during the year, so completeness has a moving denominator.
        if (i == 4)
            site.opened = firstMonday.addDays(7 * (options.weeks / 3));
        for (qsizetype a = 0; a < kAgencies.size(); ++a)
            site.kmToOffice.insert(kAgencies[a], 8 + dice.below(45));
        sites << site;
    }
    DeviceRegistry registry(store);
    registry.putSites(sites);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    IngestWriter writer(store, surveys);
    for (int s = 0; s < sites.size(); ++s) {
        const Site &site = sites[s];
        const QString device = site.id + QStringLiteral("/borne-1");
        if (options.everything && !registry.device(device))
            registry.createKiosk(site.id, QStringLiteral("borne-1"), 1, now.addDays(-400));
        const double busy = 0.6 + 0.8 * dice.real(); // some sites are busier than others
        const double quality = (dice.real() - 0.5) * 0.3;
        QList<IncomingRecord> records;
        for (QDate monday = firstMonday; monday <= lastMonday; monday = monday.addDays(7)) {
            if (monday.addDays(6) < site.opened)
                continue;
            const QString week = isoWeek(monday);
            // A summer dip and a slow start after the new year, as the pilot saw.
            const double season = monday.month() == 8 ? 0.55 : monday.month() == 1 ? 0.8 : 1.0;
            QJsonArray rows;
            const QStringList helps = helpKinds();
            const double helpMeans[] = {3.0, 2.6, 0.6, 1.4, 1.5, 0.7};
            for (int d = 0; d < 5; ++d) {
                for (qsizetype h = 0; h < helps.size(); ++h) {
                    const QString agency = helps[h] == QLatin1String("internet_access") ||
                                                   helps[h] == QLatin1String("print_scan")
                                               ? QStringLiteral("none")
                                               : kAgencies[dice.weighted(kCallWeights)];
                    const int count = dice.poisson(helpMeans[h] * busy * season);
                    if (count == 0)
                        continue;
                    bool merged = false;
                    for (qsizetype r = 0; r < rows.size(); ++r) {
                        QJsonObject row = rows[r].toObject();
                        if (row[QStringLiteral("help")] == helps[h] &&
                            row[QStringLiteral("agency")] == agency &&
                            row[QStringLiteral("day")] == weekDays()[d]) {
                            row[QStringLiteral("count")] =
                                row[QStringLiteral("count")].toInt() + count;
                            rows[r] = row;
                            merged = true;
                        }
                    }
                    if (!merged)
                        rows.append(QJsonObject{{QStringLiteral("help"), helps[h]},
                                                {QStringLiteral("agency"), agency},
                                                {QStringLiteral("day"), weekDays()[d]},
                                                {QStringLiteral("count"), count}});
                }
            }
            // Most grids are closed the next Monday; some late; a few weeks never sent.
            if (dice.real() < 0.03)
                continue;
            const int delay = dice.real() < 0.85 ? 1 : 3 + dice.below(10);
            const QString closed = at(monday.addDays(6 + delay), 9);
            const QJsonObject v1 = envelope(dice, QStringLiteral("weekly_report"), site.id, closed,
                                            {{QStringLiteral("week"), week},
                                             {QStringLiteral("version"), 1},
                                             {QStringLiteral("replaces"), QJsonValue::Null},
                                             {QStringLiteral("closed_at"), closed},
                                             {QStringLiteral("rows"), rows}});
            records << parseRecord(v1, QStringLiteral("demo"));
            if (options.everything && dice.real() < 0.04 && !rows.isEmpty()) {
                QJsonObject row = rows[0].toObject();
                row[QStringLiteral("count")] = row[QStringLiteral("count")].toInt() + 1;
                rows[0] = row;
                const QString fixed = at(monday.addDays(6 + delay + 2), 10);
                records << parseRecord(
                    envelope(dice, QStringLiteral("weekly_report"), site.id, fixed,
                             {{QStringLiteral("week"), week},
                              {QStringLiteral("version"), 2},
                              {QStringLiteral("replaces"), v1[QStringLiteral("id")].toString()},
                              {QStringLiteral("closed_at"), fixed},
                              {QStringLiteral("rows"), rows}}),
                    QStringLiteral("demo"));
            }
            if (!options.everything)
                continue;
            const int calls = dice.poisson(3.2 * busy * season);
            for (int c = 0; c < calls; ++c) {
                const double o = dice.real();
                const QString outcome = o < 0.86   ? QStringLiteral("answered")
                                        : o < 0.93 ? QStringLiteral("abandoned")
                                        : o < 0.98 ? QStringLiteral("callback")
                                                   : QStringLiteral("failed");
                records << parseRecord(
                    envelope(dice, QStringLiteral("journal_event"), site.id,
                             at(monday.addDays(dice.below(5)), 8 + dice.below(9)),
                             {{QStringLiteral("type"), QStringLiteral("call_ended")},
                              {QStringLiteral("agency"), kAgencies[dice.weighted(kCallWeights)]},
                              {QStringLiteral("outcome"), outcome},
                              {QStringLiteral("duration_s"),
                               outcome == QLatin1String("answered") ? 300 + dice.below(900) : 0}}),
                    QStringLiteral("demo"));
            }
            for (const QJsonObject &event : journeyWeek(journeyDice, site.id, monday, busy, season))
                records << parseRecord(event, QStringLiteral("demo"));
            for (const SurveyDefinition *definition : asked) {
                // An accessibility campaign gets fewer answers than the visit's survey.
                const double rate = isMatrix(*definition) ? 1.2 : 2.4;
                const int responses = dice.poisson(rate * busy * season);
                for (int v = 0; v < responses; ++v) {
                    QJsonObject channel{{QStringLiteral("type"), QStringLiteral("visit")}};
                    if (!isMatrix(*definition) && dice.real() < 0.4)
                        channel = {
                            {QStringLiteral("type"), QStringLiteral("visio")},
                            {QStringLiteral("agency"), kAgencies[dice.weighted(kCallWeights)]}};
                    records << parseRecord(
                        envelope(
                            dice, QStringLiteral("survey_response"), site.id,
                            at(monday.addDays(dice.below(5)), 10 + dice.below(6)),
                            {{QStringLiteral("survey"), definition->id},
                             {QStringLiteral("version"), definition->version},
                             {QStringLiteral("week"), week},
                             {QStringLiteral("channel"), channel},
                             {QStringLiteral("partial"), false},
                             {QStringLiteral("answers"), demoAnswers(dice, *definition, quality)}}),
                        QStringLiteral("demo"));
                }
            }
        }
        if (options.everything) {
            const QString version =
                s % 7 == 3 ? QStringLiteral("0.0.9") : QStringLiteral(RELAIS_VERSION);
            QJsonObject peripherals{{QStringLiteral("camera"), QStringLiteral("ok")},
                                    {QStringLiteral("microphone"), QStringLiteral("ok")},
                                    {QStringLiteral("printer"),
                                     s % 6 == 2 ? QStringLiteral("error") : QStringLiteral("ok")},
                                    {QStringLiteral("scanner"), s % 9 == 4
                                                                    ? QStringLiteral("missing")
                                                                    : QStringLiteral("ok")}};
            const int hoursAgo = s % 8 == 5 ? 70 : dice.below(3);
            const QDateTime beatAt = now.addSecs(-3600LL * hoursAgo);
            const int depth = s % 8 == 5 ? 212 : dice.below(4);
            records << parseRecord(
                envelope(
                    dice, QStringLiteral("heartbeat"), site.id, beatAt.toString(Qt::ISODate),
                    {{QStringLiteral("app_version"), version},
                     {QStringLiteral("outbox_depth"), depth},
                     {QStringLiteral("uptime_s"), 3600 * (1 + dice.below(200))},
                     {QStringLiteral("set_aside"), 0},
                     {QStringLiteral("oldest_unsent"),
                      depth == 0 ? QJsonValue(QJsonValue::Null)
                                 : QJsonValue(beatAt.addSecs(-3600LL * (s % 8 == 5 ? 30 : 0) - 60)
                                                  .toString(Qt::ISODate))},
                     {QStringLiteral("last_sync"),
                      beatAt.addSecs(s % 8 == 5 ? -3600LL * 30 : -120).toString(Qt::ISODate)},
                     {QStringLiteral("disk_free_mb"), 8000 + 500 * dice.below(40)},
                     {QStringLiteral("memory_available_mb"), 900 + 10 * dice.below(80)},
                     {QStringLiteral("peripherals"), peripherals}}),
                QStringLiteral("demo"));
        }
        // Batches of the size kiosks send.
        for (qsizetype from = 0; from < records.size(); from += 1000)
            writer.write(device, site.id, records.mid(from, 1000), now);
        summary.records += int(records.size());
    }
    summary.sites = int(sites.size());
    return summary;
}

} // namespace relais::observatory
