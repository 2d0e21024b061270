// SPDX-License-Identifier: EUPL-1.2
// Open data: no published cell under 11, no total that reveals one, a Table Schema for every
// file, licence Etalab 2.0; persons (kiosk sessions) kept apart from the kinds of help; the
// service points in the national schema of the lieux de médiation numérique.
#include "devices/deviceregistry.h"
#include "fixturestore.h"
#include "indicators/mediationplaces.h"
#include "indicators/opendata.h"
#include "indicators/opendatareleases.h"
#include "indicators/suppression.h"
#include "indicators/table.h"
#include "observatoryprocess.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace relais::observatory;
using namespace relais::observatory::test;

namespace {

// Checks the two promises on a grid and its mask; empty when they hold.
QString violation(const QList<QList<qint64>> &grid, const QList<QList<bool>> &mask)
{
    for (qsizetype r = 0; r < grid.size(); ++r)
        for (qsizetype c = 0; c < grid[r].size(); ++c)
            if (!mask[r][c] && grid[r][c] > 0 && grid[r][c] < 11)
                return QStringLiteral("cell %1,%2 = %3 is published").arg(r).arg(c).arg(grid[r][c]);
    for (qsizetype r = 0; r < grid.size(); ++r)
        if (std::count(mask[r].begin(), mask[r].end(), true) == 1)
            return QStringLiteral("row %1 has a lone suppressed cell").arg(r);
    for (qsizetype c = 0; c < grid.first().size(); ++c) {
        int n = 0;
        for (qsizetype r = 0; r < grid.size(); ++r)
            n += mask[r][c];
        if (n == 1)
            return QStringLiteral("column %1 has a lone suppressed cell").arg(c);
    }
    return {};
}

// What someone learns from a published grid (its unsuppressed cells and totals) when it also
// knows the row `knownRow` or the column `knownColumn` exactly (-1: none) — a partner's own
// territory or agency on the dashboard — by subtracting, line after line (a row or column with
// one unknown cell gives it; that may give another). Empty when no count from 1 to 10 outside
// what it knows is recovered; else which.
QString recovered(const QList<QList<qint64>> &grid, const QList<QList<bool>> &mask,
                  qsizetype knownRow, qsizetype knownColumn)
{
    const qsizetype rows = grid.size();
    const qsizetype columns = grid.first().size();
    QList<QList<bool>> known = mask;
    for (qsizetype r = 0; r < rows; ++r)
        for (qsizetype c = 0; c < columns; ++c)
            known[r][c] = !mask[r][c] || r == knownRow || c == knownColumn;
    for (bool progress = true; progress;) {
        progress = false;
        for (qsizetype r = 0; r < rows; ++r) {
            const auto open = std::count(known[r].begin(), known[r].end(), false);
            if (open == 1) {
                known[r][known[r].indexOf(false)] = true;
                progress = true;
            }
        }
        for (qsizetype c = 0; c < columns; ++c) {
            qsizetype open = 0;
            qsizetype at = -1;
            for (qsizetype r = 0; r < rows; ++r)
                if (!known[r][c]) {
                    ++open;
                    at = r;
                }
            if (open == 1) {
                known[at][c] = true;
                progress = true;
            }
        }
    }
    for (qsizetype r = 0; r < rows; ++r)
        for (qsizetype c = 0; c < columns; ++c)
            if (mask[r][c] && known[r][c] && r != knownRow && c != knownColumn && grid[r][c] > 0 &&
                grid[r][c] < 11)
                return QStringLiteral("cell %1,%2 = %3 (knowing row %4, column %5)")
                    .arg(r)
                    .arg(c)
                    .arg(grid[r][c])
                    .arg(knownRow)
                    .arg(knownColumn);
    return {};
}

// The cells of one CSV line (RFC 4180: quoted cells may hold commas and doubled quotes).
QStringList csvCells(const QByteArray &line)
{
    QStringList cells{QString()};
    bool quoted = false;
    const QString text = QString::fromUtf8(line);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text[i];
        if (quoted && ch == u'"' && i + 1 < text.size() && text[i + 1] == u'"')
            cells.last() += text[++i];
        else if (ch == u'"')
            quoted = !quoted;
        else if (ch == u',' && !quoted)
            cells << QString();
        else
            cells.last() += ch;
    }
    return cells;
}

// A cell a spreadsheet would run as a formula.
bool isFormula(const QString &cell)
{
    return !cell.isEmpty() && QStringLiteral("=+-@\t\r").contains(cell.front());
}

QList<QList<qint64>> withTotals(QList<QList<qint64>> inner)
{
    QList<qint64> sums(inner.first().size() + 1, 0);
    for (QList<qint64> &row : inner) {
        qint64 total = 0;
        for (qsizetype c = 0; c < row.size(); ++c) {
            total += row[c];
            sums[c] += row[c];
        }
        row << total;
        sums.last() += total;
    }
    inner << sums;
    return inner;
}

} // namespace

class TestOpenData : public QObject
{
    Q_OBJECT

private slots:
    void handWorkedGrid()
    {
        // Row A: 5 is primary; the row's smallest other non-zero cell (20) goes with it. Column
        // 0 then has one suppressed cell (5): its smallest other cell (30, row B) goes too,
        // and row B then needs a second one: 40 (its smallest remaining).
        const QList<QList<qint64>> grid = withTotals({{5, 20, 100}, {30, 40, 50}});
        const QList<QList<bool>> mask = suppressionMask(grid);
        QCOMPARE(mask[0], (QList<bool>{true, true, false, false}));
        QCOMPARE(mask[1], (QList<bool>{true, true, false, false}));
        QCOMPARE(mask[2], (QList<bool>{false, false, false, false}));
        QCOMPARE(violation(grid, mask), QString());
        // Nothing small: nothing suppressed; zeros are published.
        const QList<QList<bool>> none = suppressionMask(withTotals({{0, 20}, {30, 11}}));
        for (const QList<bool> &row : none)
            QVERIFY(!row.contains(true));
    }

    void randomGridsKeepThePromises()
    {
        QRandomGenerator random(46);
        for (int round = 0; round < 500; ++round) {
            const int rows = 1 + int(random.bounded(6));
            const int columns = 1 + int(random.bounded(7));
            QList<QList<qint64>> inner;
            for (int r = 0; r < rows; ++r) {
                QList<qint64> row;
                for (int c = 0; c < columns; ++c)
                    row << qint64(random.bounded(4) == 0 ? random.bounded(11)
                                                         : random.bounded(200));
                inner << row;
            }
            const QList<QList<qint64>> grid = withTotals(inner);
            const QString problem = violation(grid, suppressionMask(grid));
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }

    // A partner knows its own territory's row or its own agency's column exactly (the
    // dashboard); with the published cells and totals, subtraction must give it no count under
    // 11 of another territory or agency.
    void noPartnerViewUndoesTheSecrecy()
    {
        QRandomGenerator random(17);
        int grids = 0;
        for (int round = 0; round < 400; ++round) {
            const int rows = 2 + int(random.bounded(5));
            const int columns = 2 + int(random.bounded(6));
            QList<QList<qint64>> inner;
            for (int r = 0; r < rows; ++r) {
                QList<qint64> row;
                for (int c = 0; c < columns; ++c)
                    row << qint64(random.bounded(3) == 0 ? random.bounded(11)
                                                         : random.bounded(120));
                inner << row;
            }
            const QList<QList<qint64>> grid = withTotals(inner);
            const QList<QList<bool>> mask = suppressionMask(grid, 11, KnownLines{true, true});
            const QString problem = violation(grid, mask);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            QString leak = recovered(grid, mask, -1, -1);
            for (qsizetype r = 0; leak.isEmpty() && r < rows; ++r)
                leak = recovered(grid, mask, r, -1);
            for (qsizetype c = 0; leak.isEmpty() && c < columns; ++c)
                leak = recovered(grid, mask, -1, c);
            QVERIFY2(leak.isEmpty(), qPrintable(leak));
            ++grids;
        }
        QCOMPARE(grids, 400);
        // The case that was reported: Bouriane's partner knows its 3 CAF calls; 5 in Cère et
        // Dordogne and 100 in Haut Ségala were published with the total 108.
        const QList<QList<qint64>> reported = withTotals({{3, 40}, {5, 60}, {100, 30}});
        QVERIFY(!recovered(reported, suppressionMask(reported), 0, -1).isEmpty());
        QCOMPARE(recovered(reported, suppressionMask(reported, 11, KnownLines{true, false}), 0, -1),
                 QString());
    }

    // Free text that reaches an export (a kiosk's app_version, a territory's name) never starts
    // a formula in a spreadsheet: the one CSV writer puts a ' before it; numbers stay numbers.
    void csvExportsStartNoFormula()
    {
        const QStringList hostile{QStringLiteral("=HYPERLINK(\"http://x\",\"clic\")"),
                                  QStringLiteral("+1+2"),
                                  QStringLiteral("-2+3"),
                                  QStringLiteral("@SUM(A1)"),
                                  QStringLiteral("\t=1"),
                                  QStringLiteral("\r=1")};
        Table table{QStringLiteral("fleet"),
                    QStringLiteral("Parc"),
                    {QStringLiteral("device"), QStringLiteral("app_version"), QStringLiteral("gap"),
                     QStringLiteral("share")},
                    {},
                    {}};
        for (const QString &text : hostile)
            table.rows << QVariantList{QStringLiteral("46-a/borne-1"), text, qint64(-5), -2.5};
        const QList<QByteArray> lines = table.toCsv().split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            if (lines[i].trimmed().isEmpty())
                continue;
            QByteArray line = lines[i];
            line.chop(line.endsWith('\r') ? 1 : 0);
            const QStringList cells = csvCells(line);
            QCOMPARE(cells.size(), 4);
            QVERIFY2(!isFormula(cells[1]), line.constData());
            QCOMPARE(cells[1], u'\'' + hostile[i - 1]);
            QCOMPARE(cells[2], QStringLiteral("-5"));
            QCOMPARE(cells[3], QStringLiteral("-2.5"));
        }
        // Open data: a territory's name goes through the same writer.
        Backend backend;
        FixtureStore f(backend, QStringLiteral("opendataformula"));
        f.sites({site("46-a", "=cmd|' /C calc'!A0", "46")});
        using R = std::tuple<QString, QString, QString, int>;
        f.add({report(
            QStringLiteral("46-a"), QStringLiteral("2009-W10"),
            {R{QStringLiteral("information"), QStringLiteral("caf"), QStringLiteral("mon"), 40}})});
        const QByteArray frequentation = makeOpenData(f.store(), f.surveys()).value(0).csv;
        QVERIFY2(frequentation.contains("2009-T1,'=cmd|' /C calc'!A0,40,"),
                 frequentation.constData());
        for (const QByteArray &line : frequentation.split('\n'))
            for (const QString &cell : csvCells(line.trimmed()))
                QVERIFY2(!isFormula(cell), line.constData());
    }

    // A quarter is published once, when it is closed (its last week ended two weeks ago), and
    // never changes afterwards, whatever arrives for it; the next release comes with the next
    // closed quarter.
    void releasesArePublishedOnceForClosedQuarters()
    {
        QCOMPARE(OpenDataReleases::closesAt(QStringLiteral("2009-T1")),
                 QDateTime(QDate(2009, 4, 13), QTime(0, 0), Qt::UTC));
        QVERIFY(OpenDataReleases::closesAt(QStringLiteral("2009-T5")).isNull());
        Backend backend;
        FixtureStore f(backend, QStringLiteral("releases"));
        f.sites({site("46-a", "Bouriane", "46"), site("46-b", "Cère et Dordogne", "46")});
        const auto calls = [](const char *siteId, const char *at, int n) {
            QList<QJsonObject> out;
            for (int i = 0; i < n; ++i)
                out << call(QLatin1String(siteId), QStringLiteral("caf"),
                            QStringLiteral("answered"), QLatin1String(at));
            return out;
        };
        f.add(calls("46-a", "2009-03-03T10:00:00Z", 30));
        f.add(calls("46-b", "2009-03-03T10:00:00Z", 20));
        OpenDataReleases releases(f.store(), f.surveys());
        const auto utc = [](int y, int m, int d) {
            return QDateTime(QDate(y, m, d), QTime(12, 0), Qt::UTC);
        };
        // The first quarter of 2009 ends with week 13 (23–29 March); closed on 13 April.
        QCOMPARE(releases.publishDue(utc(2009, 4, 12)), QStringList());
        QVERIFY(releases.releases().isEmpty());
        QCOMPARE(releases.publishDue(utc(2009, 4, 13)), QStringList{QStringLiteral("2009-T1")});
        const OpenDataFile first =
            *releases.file(QStringLiteral("2009-T1"), QStringLiteral("visio"));
        QVERIFY2(first.csv.contains("2009-T1,Ensemble,50,50"), first.csv.constData());
        // One more call in Bouriane, late: published now it would tell it apart.
        f.add(calls("46-a", "2009-03-04T10:00:00Z", 1));
        QCOMPARE(releases.publishDue(utc(2009, 6, 30)), QStringList());
        QCOMPARE(releases.file(QStringLiteral("2009-T1"), QStringLiteral("visio"))->csv, first.csv);
        f.add(calls("46-a", "2009-05-05T10:00:00Z", 12));
        QCOMPARE(releases.publishDue(utc(2009, 7, 13)), QStringList{QStringLiteral("2009-T2")});
        QCOMPARE(releases.publishDue(utc(2009, 7, 14)), QStringList());
        const QList<OpenDataRelease> all = releases.releases();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].id, QStringLiteral("2009-T2"));
        QCOMPARE(all[0].fromWeek, QStringLiteral("2009-W14"));
        QCOMPARE(all[0].toWeek, QStringLiteral("2009-W26"));
        QCOMPARE(all[0].names, all[1].names);
        QCOMPARE(releases.file(QStringLiteral("2009-T1"), QStringLiteral("visio"))->csv, first.csv);
        const QByteArray second =
            releases.file(QStringLiteral("2009-T2"), QStringLiteral("visio"))->csv;
        QVERIFY2(second.contains("2009-T2,Bouriane,12,12") && !second.contains("2009-T1"),
                 second.constData());
    }

    // Over HTTPS: two downloads of one release are the same bytes whatever is ingested in
    // between, for that quarter or the next.
    void aReleaseIsServedUnchanged()
    {
        ObservatoryProcess server;
        QVERIFY(server.start());
        const KioskIdentity kiosk =
            server.enrollNew(QStringLiteral("46-bretenoux"), QStringLiteral("borne-1"));
        // The newest closed quarter (the test sites opened in 2025), a day in it, and today.
        QDate quarterStart(2025, 1, 1);
        const auto idOf = [](const QDate &start) {
            return QStringLiteral("%1-T%2").arg(start.year()).arg((start.month() - 1) / 3 + 1);
        };
        const QDateTime now = QDateTime::currentDateTimeUtc();
        while (OpenDataReleases::closesAt(idOf(quarterStart.addMonths(3))) <= now)
            quarterStart = quarterStart.addMonths(3);
        const QString quarter = idOf(quarterStart);
        const QString next = idOf(quarterStart.addMonths(3));
        QVERIFY(OpenDataReleases::closesAt(quarter) <= now);
        const auto send = [&](const QJsonArray &records) {
            HttpsClient client = server.client(kiosk);
            return client.postJson(QStringLiteral("/v1/records"), batch(records)).status;
        };
        const auto answered = [](const QDateTime &at) {
            return callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("caf"),
                             QStringLiteral("answered"), at.toString(Qt::ISODate));
        };
        const QDateTime inQuarter = quarterStart.addDays(40).startOfDay(Qt::UTC).addSecs(36000);
        QJsonArray calls;
        for (int i = 0; i < 15; ++i)
            calls << answered(inQuarter);
        QCOMPARE(send(calls), 200);
        HttpsClient anyone = server.client();
        const Reply listing = anyone.get(QStringLiteral("/open-data/releases.json"));
        QCOMPARE(listing.status, 200);
        const QJsonArray published = listing.json()[QStringLiteral("releases")].toArray();
        QVERIFY(!published.isEmpty());
        // Every quarter from the first site's opening, newest first.
        QCOMPARE(published[0][QStringLiteral("release")].toString(), quarter);
        QCOMPARE(published.last()[QStringLiteral("release")].toString(), QStringLiteral("2025-T1"));
        const QString csvPath = QStringLiteral("/open-data/%1/visio.csv").arg(quarter);
        const QString schemaPath = QStringLiteral("/open-data/%1/visio.schema.json").arg(quarter);
        const Reply before = anyone.get(csvPath);
        QCOMPARE(before.status, 200);
        QVERIFY2(before.body.contains(quarter.toUtf8() + ",Cère et Dordogne,15,15"),
                 before.body.constData());
        const Reply schemaBefore = anyone.get(schemaPath);
        QCOMPARE(schemaBefore.status, 200);
        // One more answer in that quarter (it would show as 16), and one today.
        QCOMPARE(send({answered(inQuarter.addDays(1)), answered(now)}), 200);
        const Reply after = anyone.get(csvPath);
        QCOMPARE(after.body, before.body);
        QCOMPARE(after.header("etag"), before.header("etag"));
        QCOMPARE(before.header("etag").size(), 66); // a quoted SHA-256
        QCOMPARE(after.header("last-modified"), before.header("last-modified"));
        QCOMPARE(before.header("x-relais-release"), quarter.toUtf8());
        QCOMPARE(anyone.get(schemaPath).body, schemaBefore.body);
        // The newest release's files at the top are the same bytes, and no new release came.
        QCOMPARE(anyone.get(QStringLiteral("/open-data/visio.csv")).body, before.body);
        QCOMPARE(anyone.get(QStringLiteral("/open-data/releases.json")).body, listing.body);
        QVERIFY(anyone.get(QStringLiteral("/open-data/")).body.contains(csvPath.mid(11).toUtf8()));
        QCOMPARE(anyone.get(QStringLiteral("/open-data/%1/visio.csv").arg(next)).status, 404);
        QCOMPARE(anyone.get(QStringLiteral("/open-data/%1/../visio.csv").arg(quarter)).status, 404);
        QCOMPARE(anyone.get(QStringLiteral("/open-data/%1/nothing.csv").arg(quarter)).status, 404);
    }

    // The lieux de médiation numérique over HTTPS, checked against the national schema
    // (LaMednum/standard-mediation-num 1.0.1 on schema.data.gouv.fr): its required fields and
    // the formats of those given, in the JSON and in the CSV, which say the same. A site
    // without what the schema requires (Gourdon) is left out, and the index says so.
    void mediationPlacesFollowTheSchema()
    {
        ObservatoryProcess server;
        QVERIFY(server.start());
        HttpsClient anyone = server.client();
        const Reply json = anyone.get(QStringLiteral("/open-data/lieux-mediation-numerique.json"));
        QCOMPARE(json.status, 200);
        QCOMPARE(json.header("content-type"), QByteArray("application/json"));
        const QJsonArray places = QJsonDocument::fromJson(json.body).array();
        QCOMPARE(places.size(), 1);
        const QJsonObject place = places[0].toObject();

        QStringList schemaFields;
        for (const char *field : {"id",
                                  "pivot",
                                  "nom",
                                  "commune",
                                  "code_postal",
                                  "code_insee",
                                  "adresse",
                                  "complement_adresse",
                                  "latitude",
                                  "longitude",
                                  "typologie",
                                  "telephone",
                                  "courriels",
                                  "site_web",
                                  "horaires",
                                  "presentation_resume",
                                  "presentation_detail",
                                  "source",
                                  "itinerance",
                                  "structure_parente",
                                  "date_maj",
                                  "services",
                                  "publics_specifiquement_adresses",
                                  "prise_en_charge_specifique",
                                  "frais_a_charge",
                                  "dispositif_programmes_nationaux",
                                  "formations_labels",
                                  "autres_formations_labels",
                                  "modalites_acces",
                                  "modalites_accompagnement",
                                  "fiche_acces_libre",
                                  "prise_rdv"})
            schemaFields << QString::fromLatin1(field);
        for (const QString &key : place.keys())
            QVERIFY2(schemaFields.contains(key), qPrintable(key + " is not a field of the schema"));
        for (const char *required :
             {"id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj"})
            QVERIFY2(!place[QLatin1String(required)].toString().isEmpty(), required);
        const auto matches = [&place](const char *field, const char *pattern) {
            return QRegularExpression(QString::fromUtf8(pattern))
                .match(place[QLatin1String(field)].toString())
                .hasMatch();
        };
        QVERIFY(matches("pivot", "^[a-zA-Z0-9]{9,14}$"));
        QVERIFY(matches("code_postal", "^\\d{5}$"));
        QVERIFY(matches("code_insee", "^([013-9]\\d|2[AB1-9])\\d{3}$"));
        QVERIFY(QDate::fromString(place["date_maj"].toString(), Qt::ISODate).isValid());
        QVERIFY(matches("services",
                        "^(?:(?:^|\\|)(Aide aux démarches administratives|Maîtrise des outils "
                        "numériques du quotidien|Insertion professionnelle via le "
                        "numérique|Utilisation sécurisée du numérique|Parentalité et éducation "
                        "avec le numérique|Loisirs et créations numériques|Compréhension du monde "
                        "numérique|Accès internet et matériel informatique|Acquisition de "
                        "matériel informatique à prix solidaire))+$"));
        QVERIFY(matches("modalites_accompagnement",
                        "^(?:(?:^|\\|)(En autonomie|Accompagnement individuel|Dans un atelier "
                        "collectif|À distance))+$"));
        QVERIFY(place["latitude"].isDouble() && place["longitude"].isDouble());
        // What the configuration says, the commune's name from its INSEE code.
        QCOMPARE(place["id"].toString(), QStringLiteral("46-bretenoux"));
        QCOMPARE(place["pivot"].toString(), QStringLiteral("21460038700010"));
        QCOMPARE(place["commune"].toString(), QStringLiteral("Bretenoux"));
        QCOMPARE(place["adresse"].toString(), QStringLiteral("2 place des Consuls"));
        QCOMPARE(place["horaires"].toString(),
                 QStringLiteral("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off"));
        QCOMPARE(place["date_maj"].toString(), QDate::currentDate().toString(Qt::ISODate));
        QCOMPARE(place["latitude"].toDouble(), 44.9147);

        // The CSV: the schema's field names as header, the same values.
        const Reply csv = anyone.get(QStringLiteral("/open-data/lieux-mediation-numerique.csv"));
        QCOMPARE(csv.status, 200);
        QCOMPARE(csv.header("content-type"), QByteArray("text/csv; charset=utf-8"));
        const QList<QByteArray> lines = csv.body.split('\n');
        QCOMPARE(lines.size(), 3); // header, one place, the last line's end
        // The opening hours hold commas: quoted.
        const QStringList header = csvCells(lines[0].trimmed());
        const QStringList row = csvCells(lines[1].trimmed());
        QCOMPARE(row.size(), header.size());
        for (const char *required :
             {"id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj"})
            QVERIFY2(header.contains(QLatin1String(required)), required);
        for (qsizetype i = 0; i < header.size(); ++i) {
            QVERIFY2(schemaFields.contains(header[i]), qPrintable(header[i]));
            const QJsonValue value = place[header[i]];
            if (value.isDouble())
                QCOMPARE(row[i].toDouble(), value.toDouble());
            else
                QCOMPARE(row[i], value.toString());
        }
        QVERIFY(!csv.body.contains("gourdon"));
        QVERIFY2(anyone.get(QStringLiteral("/open-data/"))
                     .body.contains("1 lieu(x) publié(s), 1 non publié(s)"),
                 "the index counts the places published and left out");
    }

    // date_maj is the day the store last saw a published fact of the site change: the same
    // configuration loaded again keeps it, a new street or opening hours move it, a change of
    // what the file does not show (the territory) does not.
    void mediationPlaceDateFollowsItsChanges()
    {
        Backend backend;
        FixtureStore f(backend, QStringLiteral("mediationdate"));
        Site place = site("46-a", "Bouriane", "46");
        place.insee = QStringLiteral("46127");
        place.street = QStringLiteral("1 place de la Mairie");
        place.postalCode = QStringLiteral("46300");
        place.siret = QStringLiteral("21460038700010");
        DeviceRegistry registry(f.store());
        const QDate first(2026, 3, 2);
        const auto publishedOn = [&registry, &first] {
            const QByteArray json = mediationPlaces(registry.sites(), first.addDays(300)).json;
            return QJsonDocument::fromJson(json)
                .array()
                .at(0)[QStringLiteral("date_maj")]
                .toString();
        };
        registry.putSites({place}, first);
        QCOMPARE(publishedOn(), QStringLiteral("2026-03-02"));
        registry.putSites({place}, first.addDays(10));
        QCOMPARE(publishedOn(), QStringLiteral("2026-03-02"));
        place.territory = QStringLiteral("Autre territoire");
        registry.putSites({place}, first.addDays(20));
        QCOMPARE(publishedOn(), QStringLiteral("2026-03-02"));
        place.street = QStringLiteral("3 place de la Mairie");
        registry.putSites({place}, first.addDays(30));
        QCOMPARE(publishedOn(), QStringLiteral("2026-04-01"));
        place.openingHours = QStringLiteral("Mo 09:00-12:00");
        registry.putSites({place}, first.addDays(40));
        QCOMPARE(publishedOn(), QStringLiteral("2026-04-11"));
        // The commune's name from its INSEE code; without a SIRET, left out.
        QCOMPARE(QJsonDocument::fromJson(mediationPlaces(registry.sites(), first.addDays(50)).json)
                     .array()
                     .at(0)[QStringLiteral("commune")]
                     .toString(),
                 QStringLiteral("Gourdon"));
        place.siret.clear();
        registry.putSites({place}, first.addDays(50));
        const MediationPlaces none = mediationPlaces(registry.sites(), first.addDays(50));
        QCOMPARE(none.published, 0);
        QCOMPARE(none.left, 1);
    }

    void filesFromAStore()
    {
        Backend backend;
        FixtureStore f(backend, QStringLiteral("opendata"));
        f.sites({site("46-a", "Bouriane", "46"), site("46-b", "Cère et Dordogne", "46"),
                 site("46-c", "Haut Ségala", "46")});
        using R = std::tuple<QString, QString, QString, int>;
        f.add({report(QStringLiteral("46-a"), QStringLiteral("2009-W10"),
                      {R{QStringLiteral("information"), QStringLiteral("caf"),
                         QStringLiteral("mon"), 7},
                       R{QStringLiteral("online_procedure"), QStringLiteral("caf"),
                         QStringLiteral("mon"), 40}}),
               report(QStringLiteral("46-b"), QStringLiteral("2009-W10"),
                      {R{QStringLiteral("information"), QStringLiteral("caf"),
                         QStringLiteral("mon"), 30},
                       R{QStringLiteral("online_procedure"), QStringLiteral("caf"),
                         QStringLiteral("mon"), 25}}),
               report(QStringLiteral("46-c"), QStringLiteral("2009-W20"),
                      {R{QStringLiteral("information"), QStringLiteral("caf"),
                         QStringLiteral("mon"), 50},
                       R{QStringLiteral("print_scan"), QStringLiteral("none"),
                         QStringLiteral("mon"), 60}})});
        QList<QJsonObject> calls;
        for (int i = 0; i < 3; ++i)
            calls << call(QStringLiteral("46-a"), QStringLiteral("caf"), QStringLiteral("answered"),
                          QStringLiteral("2009-03-03T10:00:00Z"));
        for (int i = 0; i < 25; ++i)
            calls << call(QStringLiteral("46-b"), QStringLiteral("carsat"),
                          QStringLiteral("answered"), QStringLiteral("2009-03-03T10:00:00Z"));
        f.add(calls);
        // The welcome, in the visit survey's codes: 4 very satisfied in Bouriane; 20 very
        // satisfied and 15 satisfied in Cère et Dordogne.
        QList<QJsonObject> responses;
        for (int i = 0; i < 39; ++i)
            responses << response(
                i < 4 ? QStringLiteral("46-a") : QStringLiteral("46-b"), QStringLiteral("2009-W10"),
                {{QStringLiteral("accueil"),
                  i < 24 ? QStringLiteral("tres-satisfait") : QStringLiteral("satisfait")}});
        f.add(responses);
        // Persons: sessions by autonomy, all in the first quarter of 2009.
        QList<QJsonObject> sessions;
        const auto persons = [&](const char *siteId, const char *autonomy, int n) {
            for (int i = 0; i < n; ++i)
                sessions << sessionEnded(QLatin1String(siteId),
                                         QStringLiteral("2009-03-03T10:00:00Z"),
                                         QStringLiteral("finished"), QLatin1String(autonomy), 300);
        };
        persons("46-a", "guide_alone", 12);
        persons("46-a", "mediator", 4);
        persons("46-a", "none", 20);
        persons("46-b", "guide_alone", 15);
        persons("46-b", "mediator", 11);
        persons("46-b", "video_call", 13);
        persons("46-b", "none", 30);
        persons("46-c", "guide_alone", 25);
        persons("46-c", "mediator", 14);
        persons("46-c", "video_call", 16);
        persons("46-c", "none", 40);
        f.add(sessions);
        const QList<OpenDataFile> files = makeOpenData(f.store(), f.surveys());
        // One file per satisfaction indicator of the definitions (the welcome, the service),
        // then the persons' and the guided procedures'.
        QStringList names;
        for (const OpenDataFile &file : files)
            names << file.name;
        QCOMPARE(names, (QStringList{QStringLiteral("frequentation"), QStringLiteral("visio"),
                                     QStringLiteral("satisfaction-accueil"),
                                     QStringLiteral("satisfaction-service"),
                                     QStringLiteral("personnes-autonomie"),
                                     QStringLiteral("personnes-fin-de-session"),
                                     QStringLiteral("demarches-guidees")}));
        for (const OpenDataFile &file : files) {
            const QJsonObject schema = QJsonDocument::fromJson(file.schema).object();
            QCOMPARE(schema[QStringLiteral("licenses")][0][QStringLiteral("name")].toString(),
                     QStringLiteral("etalab-2.0"));
            QStringList fieldNames;
            for (const QJsonValue &field : schema[QStringLiteral("fields")].toArray())
                fieldNames << field[QStringLiteral("name")].toString();
            const QList<QByteArray> lines = file.csv.trimmed().split('\n');
            QCOMPARE(QString::fromUtf8(lines[0].trimmed()).split(u','), fieldNames);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QList<QByteArray> cells = lines[i].trimmed().split(',');
                QCOMPARE(cells.size(), fieldNames.size());
                for (const QByteArray &cell : cells) {
                    bool number = false;
                    const qint64 v = cell.toLongLong(&number);
                    QVERIFY2(
                        !number || v == 0 || v >= 11,
                        qPrintable(file.name + QStringLiteral(": ") + QString::fromUtf8(lines[i])));
                }
            }
        }
        // frequentation, first quarter of 2009: Bouriane's 7 information visits are hidden, and
        // so is a second cell of its row and of the information column. With two territories,
        // Bouriane's partner (who knows its row) would read Cère et Dordogne's row off the
        // Ensemble row: its columns' Ensemble cells are hidden too.
        const QByteArray frequentation = files[0].csv;
        QVERIFY(frequentation.contains("2009-T1,Bouriane,<11,<11,0,0,0,0,47"));
        QVERIFY(frequentation.contains("2009-T1,Cère et Dordogne,<11,<11,0,0,0,0,55"));
        QVERIFY2(frequentation.contains("2009-T1,Ensemble,<11,<11,0,0,0,0,102"),
                 frequentation.constData());
        // visio: Bouriane's 3 CAF calls; a territory's partner knows its row and the CARSAT's
        // partner its column, and two territories by two agencies leave nothing that can be
        // published around a count of 3.
        const QByteArray visio = files[1].csv;
        QVERIFY2(visio.contains("2009-T1,Bouriane,<11,<11,<11"), visio.constData());
        QVERIFY2(visio.contains("2009-T1,Cère et Dordogne,<11,<11,<11"), visio.constData());
        QVERIFY2(visio.contains("2009-T1,Ensemble,<11,<11,<11"), visio.constData());
        // satisfaction-accueil: the codes are the definitions'; Bouriane's 4 are hidden, and so
        // is its total (4), which hides Cère et Dordogne's very satisfied and total, and, for
        // Bouriane's partner, what the Ensemble row would tell of Cère et Dordogne.
        const QByteArray welcome = files[2].csv;
        QVERIFY2(welcome.startsWith("trimestre,question,territoire,tres-satisfait,satisfait,"
                                    "peu-satisfait,pas-satisfait,total\r\n"),
                 welcome.constData());
        QVERIFY2(welcome.contains("2009-T1,accueil,Bouriane,<11,0,0,0,<11"), welcome.constData());
        QVERIFY2(welcome.contains("2009-T1,accueil,Cère et Dordogne,<11,<11,0,0,<11"),
                 welcome.constData());
        QVERIFY2(welcome.contains("2009-T1,accueil,Ensemble,<11,<11,0,0,<11"), welcome.constData());
        QVERIFY2(files[3].csv.count("\r\n") == 1, files[3].csv.constData()); // header only
        // personnes-autonomie: Bouriane's 4 sessions with the mediator are hidden. Cère et
        // Dordogne's partner, knowing its row, would read them off the mediator column (29 − 11
        // − 14); hiding Haut Ségala's 14 leaves them to Haut Ségala's total, and so on: cells are
        // hidden until no partner's own row leads, by subtraction, to a count under 11 (a zero
        // too, when only it is left to hide). The totals count persons.
        const QByteArray autonomy = files[4].csv;
        QCOMPARE(autonomy,
                 QByteArray("trimestre,territoire,guide_alone,mediator,video_call,none,total\r\n"
                            "2009-T1,Bouriane,<11,<11,<11,<11,<11\r\n"
                            "2009-T1,Cère et Dordogne,<11,<11,<11,<11,<11\r\n"
                            "2009-T1,Haut Ségala,25,<11,<11,40,95\r\n"
                            "2009-T1,Ensemble,52,29,29,90,200\r\n"));
        const QJsonArray fields =
            QJsonDocument::fromJson(files[4].schema).object()[QStringLiteral("fields")].toArray();
        QCOMPARE(fields.last()[QStringLiteral("title")].toString(),
                 QStringLiteral("Personnes (sessions)"));
        QCOMPARE(fields[3][QStringLiteral("title")].toString(),
                 QStringLiteral("Avec l'aide du médiateur"));
        // Every session here was finished: one column, nothing under 11 to hide.
        QVERIFY2(files[5].csv.contains("2009-T1,Ensemble,200,0,0,200"), files[5].csv.constData());
        // The kinds of help's total says it counts help, not persons.
        const QJsonArray helpFields =
            QJsonDocument::fromJson(files[0].schema).object()[QStringLiteral("fields")].toArray();
        QCOMPARE(helpFields.last()[QStringLiteral("title")].toString(),
                 QStringLiteral("Total des aides"));
    }
};

QTEST_GUILESS_MAIN(TestOpenData)
#include "tst_observatory_opendata.moc"
