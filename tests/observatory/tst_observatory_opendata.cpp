// Open data: no published cell under 11, no total that reveals one, a Table Schema for every
// file, licence Etalab 2.0; persons (kiosk sessions) kept apart from the kinds of help.
#include "fixturestore.h"
#include "indicators/opendata.h"
#include "indicators/suppression.h"
#include "indicators/table.h"

#include <QJsonDocument>
#include <QRandomGenerator>
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
        // so is a second cell of its row and of the information column.
        const QByteArray frequentation = files[0].csv;
        QVERIFY(frequentation.contains("2009-T1,Bouriane,<11,<11,0,0,0,0,47"));
        QVERIFY(frequentation.contains("2009-T1,Cère et Dordogne,<11,<11,0,0,0,0,55"));
        QVERIFY2(frequentation.contains("2009-T1,Ensemble,37,65,0,0,0,0,102"),
                 frequentation.constData());
        // visio: Bouriane's 3 CAF calls are hidden, so is its total (3); the total column then
        // needs a second hidden cell (Cère et Dordogne's 25, else 28 − 25 gives 3), which
        // hides its CARSAT cell, which hides the Ensemble CARSAT cell. 28 stays.
        const QByteArray visio = files[1].csv;
        QVERIFY2(visio.contains("2009-T1,Bouriane,<11,0,<11"), visio.constData());
        QVERIFY2(visio.contains("2009-T1,Cère et Dordogne,0,<11,<11"), visio.constData());
        QVERIFY2(visio.contains("2009-T1,Ensemble,<11,<11,28"), visio.constData());
        // satisfaction-accueil: the codes are the definitions'; Bouriane's 4 are hidden, and so
        // is its total (4), which hides Cère et Dordogne's very satisfied and total.
        const QByteArray welcome = files[2].csv;
        QVERIFY2(welcome.startsWith("trimestre,question,territoire,tres-satisfait,satisfait,"
                                    "peu-satisfait,pas-satisfait,total\r\n"),
                 welcome.constData());
        QVERIFY2(welcome.contains("2009-T1,accueil,Bouriane,<11,0,0,0,<11"), welcome.constData());
        QVERIFY2(welcome.contains("2009-T1,accueil,Cère et Dordogne,<11,15,0,0,<11"),
                 welcome.constData());
        QVERIFY2(welcome.contains("2009-T1,accueil,Ensemble,24,15,0,0,39"), welcome.constData());
        QVERIFY2(files[3].csv.count("\r\n") == 1, files[3].csv.constData()); // header only
        // personnes-autonomie: Bouriane's 4 sessions with the mediator are hidden; its row then
        // hides its smallest other cell (12, guide alone), and the two columns their next
        // smallest cells (Cère et Dordogne's 15 and 11). The totals count persons.
        const QByteArray autonomy = files[4].csv;
        QCOMPARE(autonomy,
                 QByteArray("trimestre,territoire,guide_alone,mediator,video_call,none,total\r\n"
                            "2009-T1,Bouriane,<11,<11,0,20,36\r\n"
                            "2009-T1,Cère et Dordogne,<11,<11,13,30,69\r\n"
                            "2009-T1,Haut Ségala,25,14,16,40,95\r\n"
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
