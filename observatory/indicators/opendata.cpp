// SPDX-License-Identifier: EUPL-1.2
#include "opendata.h"

#include "csvwriter.h"
#include "indicatorfilter.h"
#include "indicators.h"
#include "ingest/records.h"
#include "journey.h"
#include "pemfile.h"
#include "store/store.h"
#include "suppression.h"
#include "surveycatalog.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace relais::observatory {

namespace {

const QString kAll = QStringLiteral("Ensemble");

struct Field
{
    QString name;
    QString title;
    QString type; // string or integer
};

// (quarter, territory, column) → count, from a query returning week, territory, column, count,
// added to `out`.
using Cube = QMap<QString, QMap<QString, QMap<QString, qint64>>>;

Cube cube(Store &store, const QString &sql, const QVariantList &binds = {}, Cube out = {})
{
    QSqlQuery q = store.prepare(sql);
    Store::run(q, binds);
    while (q.next())
        out[periodOf(q.value(0).toString(), Grain::Quarter)][q.value(1).toString()]
           [q.value(2).toString()] += q.value(3).toLongLong();
    return out;
}

// The cube's columns (every agency that appears, say), sorted.
QStringList columnsOf(const Cube &data)
{
    QStringList columns;
    for (const auto &perTerritory : data)
        for (const auto &perColumn : perTerritory)
            for (auto it = perColumn.begin(); it != perColumn.end(); ++it)
                if (!columns.contains(it.key()))
                    columns << it.key();
    std::sort(columns.begin(), columns.end());
    return columns;
}

QList<Field> agencyFields(const QStringList &agencies)
{
    QList<Field> fields;
    for (const QString &agency : agencies)
        fields << Field{agency, agency.toUpper(), QStringLiteral("integer")};
    return fields;
}

// One file: for each quarter a grid (territories + Ensemble) × (columns + total), suppressed.
OpenDataFile crossTable(const QString &name, const QString &title, const QString &description,
                        const Cube &data, const QStringList &columns,
                        const QList<Field> &countFields, const QString &totalTitle,
                        const QStringList &extraKey = {}, const QString &extraValue = {},
                        bool agencyColumns = false)
{
    QList<Field> fields{
        {QStringLiteral("trimestre"), QStringLiteral("Trimestre"), QStringLiteral("string")}};
    for (const QString &key : extraKey)
        fields << Field{key, QStringLiteral("Question"), QStringLiteral("string")};
    fields << Field{QStringLiteral("territoire"), QStringLiteral("Territoire"),
                    QStringLiteral("string")};
    fields << countFields;
    fields << Field{QStringLiteral("total"), totalTitle, QStringLiteral("integer")};
    CsvWriter csv;
    for (const Field &f : fields)
        csv.text(f.name);
    csv.endLine();
    for (auto quarter = data.begin(); quarter != data.end(); ++quarter) {
        QStringList territories = quarter.value().keys();
        QList<QList<qint64>> grid;
        QList<qint64> sums(columns.size() + 1, 0);
        for (const QString &territory : territories) {
            QList<qint64> row;
            qint64 total = 0;
            for (qsizetype c = 0; c < columns.size(); ++c) {
                const qint64 v = quarter.value().value(territory).value(columns[c]);
                row << v;
                total += v;
                sums[c] += v;
            }
            row << total;
            sums.last() += total;
            grid << row;
        }
        grid << sums;
        territories << kAll;
        // A territory's partner knows its row exactly, an agency's partner its column of an
        // agency grid: neither may subtract its way to another's count under 11.
        const QList<QList<bool>> mask =
            suppressionMask(grid, kMinimumPublishedCount, KnownLines{true, agencyColumns});
        for (qsizetype r = 0; r < grid.size(); ++r) {
            csv.text(quarter.key());
            if (!extraKey.isEmpty())
                csv.text(extraValue);
            csv.text(territories[r]);
            for (qsizetype c = 0; c < grid[r].size(); ++c) {
                if (mask[r][c])
                    csv.text(withheldMark());
                else
                    csv.number(grid[r][c]);
            }
            csv.endLine();
        }
    }
    QJsonArray jsonFields;
    for (const Field &f : fields)
        jsonFields.append(QJsonObject{
            {QStringLiteral("name"), f.name},
            {QStringLiteral("title"), f.title},
            {QStringLiteral("type"), f.type},
            {QStringLiteral("description"), f.type == QLatin1String("integer")
                                                ? QStringLiteral("Nombre ; « <11 » quand il est "
                                                                 "inférieur à 11 ou permettrait de "
                                                                 "retrouver une telle valeur")
                                                : f.title}});
    QStringList primaryKey{QStringLiteral("trimestre"), QStringLiteral("territoire")};
    primaryKey.append(extraKey);
    const QJsonObject schema{
        {QStringLiteral("name"), name},
        {QStringLiteral("title"), title},
        {QStringLiteral("description"), description},
        {QStringLiteral("licenses"),
         QJsonArray{QJsonObject{
             {QStringLiteral("name"), QStringLiteral("etalab-2.0")},
             {QStringLiteral("title"),
              QStringLiteral("Licence Ouverte / Open Licence version 2.0")},
             {QStringLiteral("path"),
              QStringLiteral("https://www.etalab.gouv.fr/licence-ouverte-open-licence")}}}},
        {QStringLiteral("missingValues"), QJsonArray{withheldMark()}},
        {QStringLiteral("primaryKey"), QJsonArray::fromStringList(primaryKey)},
        {QStringLiteral("fields"), jsonFields}};
    return {name, csv.bytes(), QJsonDocument(schema).toJson()};
}

} // namespace

QList<OpenDataFile> makeOpenData(Store &store, const SurveyCatalog &surveys,
                                 const QString &fromWeek, const QString &toWeek)
{
    const QVariantList weeks{fromWeek, toWeek};
    QList<OpenDataFile> files;
    QList<Field> helpFields;
    QStringList helpColumns;
    QStringList sumColumns;
    QVariantList sumBinds;
    for (const QString &help : helpKinds()) {
        helpFields << Field{help, help, QStringLiteral("integer")};
        helpColumns << help;
        sumColumns << QStringLiteral("SELECT s.week, t.territory, '%1', s.%1 FROM site_weeks s "
                                     "JOIN sites t ON t.id = s.site WHERE s.week BETWEEN ? AND ?")
                          .arg(help);
        sumBinds << weeks;
    }
    files << crossTable(QStringLiteral("frequentation"),
                        QStringLiteral("Aides apportées par trimestre, territoire et type d'aide"),
                        QStringLiteral("Comptages hebdomadaires des points d'accueil : ce que "
                                       "chaque borne a compté, plus la dernière version de la "
                                       "grille de l'accueil. Une personne peut recevoir "
                                       "plusieurs aides : le total compte des aides, pas des "
                                       "personnes (voir personnes-autonomie)."),
                        cube(store, sumColumns.join(QStringLiteral(" UNION ALL ")), sumBinds),
                        helpColumns, helpFields, QStringLiteral("Total des aides"));

    const Cube calls = cube(store,
                            QStringLiteral("SELECT c.week, t.territory, c.agency, COUNT(*) "
                                           "FROM call_events c JOIN sites t ON t.id = "
                                           "c.site WHERE c.outcome = 'answered' AND "
                                           "c.week BETWEEN ? AND ? GROUP BY c.week, "
                                           "t.territory, c.agency"),
                            weeks);
    const QStringList agencies = columnsOf(calls);
    files << crossTable(QStringLiteral("visio"),
                        QStringLiteral("Rendez-vous en visio réalisés par trimestre, territoire et "
                                       "organisme"),
                        QStringLiteral("Appels en visio aboutis depuis les bornes."), calls,
                        agencies, agencyFields(agencies), QStringLiteral("Total"), {}, {}, true);

    // One file per satisfaction indicator the definitions name, in their codes.
    QStringList codes;
    QList<Field> codeFields;
    for (const SurveyOption &level : satisfactionLevels()) {
        codes << level.id;
        codeFields << Field{level.id, level.label.fr, QStringLiteral("integer")};
    }
    for (const CatalogIndicator &indicator :
         surveys.indicators(SurveyIndicator::Scale::Satisfaction)) {
        Cube answers;
        for (const IndicatorSource &source : indicator.sources)
            answers = cube(store,
                           QStringLiteral("SELECT r.week, t.territory, a.answer, COUNT(*) FROM "
                                          "survey_answers a JOIN survey_responses r ON "
                                          "r.record_id = a.record_id JOIN sites t ON t.id = "
                                          "r.site WHERE r.survey = ? AND r.version = ? AND "
                                          "a.question = ? AND r.week BETWEEN ? AND ? GROUP BY "
                                          "r.week, t.territory, a.answer"),
                           {source.survey, source.version, source.question->id, fromWeek, toWeek},
                           answers);
        files << crossTable(QStringLiteral("satisfaction-") + indicator.id,
                            QStringLiteral("%1, par trimestre et territoire").arg(indicator.label),
                            QStringLiteral("Réponses aux questionnaires de satisfaction ; le total "
                                           "est le nombre de répondants."),
                            answers, codes, codeFields, QStringLiteral("Total"),
                            {QStringLiteral("question")}, indicator.id);
    }

    // The journey of kiosk sessions: a session is a person, so these totals count persons.
    const auto sessions = [&](const QString &column) {
        return cube(store,
                    QStringLiteral("SELECT j.week, t.territory, j.%1, COUNT(*) FROM "
                                   "journey_events j JOIN sites t ON t.id = j.site WHERE j.type = "
                                   "'session_ended' AND j.week BETWEEN ? AND ? GROUP BY j.week, "
                                   "t.territory, j.%1")
                        .arg(column),
                    weeks);
    };
    const QString persons = QStringLiteral("Personnes (sessions)");
    QList<Field> autonomyFields;
    for (const QString &code : journey::autonomies())
        autonomyFields << Field{code, autonomyTitle(code), QStringLiteral("integer")};
    files << crossTable(QStringLiteral("personnes-autonomie"),
                        QStringLiteral("Personnes venues à la borne par trimestre, territoire et "
                                       "autonomie"),
                        QStringLiteral("Sessions des bornes (une session est une personne), selon "
                                       "qu'elle a fait sa démarche avec le guide seul, avec l'aide "
                                       "du médiateur, par un appel en visio, ou rien de cela."),
                        sessions(QStringLiteral("autonomy")), journey::autonomies(), autonomyFields,
                        persons);
    QList<Field> endFields;
    for (const QString &code : journey::ends())
        endFields << Field{code, endTitle(code, {}), QStringLiteral("integer")};
    files << crossTable(QStringLiteral("personnes-fin-de-session"),
                        QStringLiteral("Fin des sessions à la borne par trimestre et territoire"),
                        QStringLiteral("Sessions des bornes (une session est une personne) "
                                       "terminées par « Terminer et effacer », laissées sur "
                                       "l'accueil, ou abandonnées en cours de démarche."),
                        sessions(QStringLiteral("ending")), journey::ends(), endFields, persons);

    const Cube guides = cube(store,
                             QStringLiteral("SELECT j.week, t.territory, j.agency, "
                                            "COUNT(*) FROM journey_events j JOIN sites t "
                                            "ON t.id = j.site WHERE j.type = "
                                            "'procedure_opened' AND j.week BETWEEN ? AND ? "
                                            "GROUP BY j.week, t.territory, j.agency"),
                             weeks);
    const QStringList guideAgencies = columnsOf(guides);
    files << crossTable(QStringLiteral("demarches-guidees"),
                        QStringLiteral("Démarches en ligne guidées à la borne par trimestre, "
                                       "territoire et organisme"),
                        QStringLiteral("Nombre de fois où le guide d'une démarche a été ouvert."),
                        guides, guideAgencies, agencyFields(guideAgencies),
                        QStringLiteral("Ouvertures du guide"), {}, {}, true);
    return files;
}

void writeOpenData(const QList<OpenDataFile> &files, const QString &directory)
{
    if (!QDir().mkpath(directory))
        throw std::runtime_error(
            QStringLiteral("cannot create the folder %1").arg(directory).toStdString());
    for (const OpenDataFile &file : files) {
        provisioning::writeFileAtomically(
            QDir(directory).filePath(file.name + QStringLiteral(".csv")), file.csv,
            provisioning::kPublicFile);
        provisioning::writeFileAtomically(
            QDir(directory).filePath(file.name + QStringLiteral(".schema.json")), file.schema,
            provisioning::kPublicFile);
    }
}

} // namespace relais::observatory
