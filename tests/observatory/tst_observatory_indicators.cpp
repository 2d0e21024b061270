// SPDX-License-Identifier: EUPL-1.2
// Indicators against hand-computed fixtures, among them the Lot pilot's published figures
// (seed 003): 172 video calls, about three quarters for CRAM (now CARSAT); 94 % satisfied with
// the welcome, 75 % of them very satisfied; 58 % of requests in the two most populated areas;
// 1,117 km and 200 kg of CO2 avoided; and the journey of kiosk sessions (persons, autonomy, how
// sessions end, guided procedures, where help is asked). Survey answers are in the shipped
// definitions' codes, as kiosks send them. Runs on SQLite, and on PostgreSQL with
// RELAIS_TEST_BACKEND=postgresql.
#include "demo/demodata.h"
#include "devices/fleetstatus.h"
#include "fixturestore.h"
#include "indicators/accessibilitymatrix.h"
#include "indicators/indicators.h"
#include "indicators/surveyindicators.h"
#include "journey.h"

#include <QTest>

using namespace relais::observatory;
using namespace relais::observatory::test;
using relais::SurveyIndicator;

namespace {

QVariantList rowWhere(const Table &table, int column, const QVariant &value)
{
    for (const QVariantList &row : table.rows)
        if (row.value(column) == value)
            return row;
    return {};
}

QJsonObject answers(std::initializer_list<std::pair<const char *, QJsonValue>> pairs)
{
    QJsonObject o;
    for (const auto &[k, v] : pairs)
        o.insert(QLatin1String(k), v);
    return o;
}

} // namespace

class TestIndicators : public QObject
{
    Q_OBJECT

private:
    Backend *m_backend = nullptr;
    int m_next = 0;
    QString name() { return QStringLiteral("fixture%1").arg(++m_next); }

private slots:
    void initTestCase() { m_backend = new Backend(); }
    void cleanupTestCase() { delete m_backend; }

    void lotVideoCalls()
    {
        FixtureStore f(*m_backend, name());
        f.sites({site("46-bretenoux", "Cère et Dordogne", "46"),
                 site("46-gourdon", "Bouriane", "46"),
                 site("46-latronquiere", "Haut Ségala", "46")});
        QList<QJsonObject> records;
        // 172 calls in ten months: 128 CARSAT, 30 CAF, 14 CPAM; plus calls that did not happen.
        const QDate start(2009, 2, 2);
        for (int i = 0; i < 128; ++i)
            records << call(QStringLiteral("46-bretenoux"), QStringLiteral("carsat"),
                            QStringLiteral("answered"),
                            start.addDays(i * 2).startOfDay(Qt::UTC).toString(Qt::ISODate));
        for (int i = 0; i < 30; ++i)
            records << call(QStringLiteral("46-gourdon"), QStringLiteral("caf"),
                            QStringLiteral("answered"),
                            start.addDays(i * 9).startOfDay(Qt::UTC).toString(Qt::ISODate));
        for (int i = 0; i < 14; ++i)
            records << call(QStringLiteral("46-latronquiere"), QStringLiteral("cpam"),
                            QStringLiteral("answered"),
                            start.addDays(i * 20).startOfDay(Qt::UTC).toString(Qt::ISODate));
        for (int i = 0; i < 5; ++i)
            records << call(QStringLiteral("46-bretenoux"), QStringLiteral("carsat"),
                            QStringLiteral("abandoned"), QStringLiteral("2009-03-03T10:00:00Z"));
        for (int i = 0; i < 3; ++i)
            records << call(QStringLiteral("46-gourdon"), QStringLiteral("caf"),
                            QStringLiteral("failed"), QStringLiteral("2009-03-03T10:00:00Z"));
        f.add(records);
        Indicators indicators(f.store());
        IndicatorFilter all;
        const Table calls = indicators.callsByAgency(all);
        QCOMPARE(calls.rows.size(), 3);
        // agency, answered, abandoned, callback, failed, total, share
        QCOMPARE(calls.rows[0], (QVariantList{QStringLiteral("carsat"), 128, 5, 0, 0, 133, 74.4}));
        QCOMPARE(calls.rows[1], (QVariantList{QStringLiteral("caf"), 30, 0, 0, 3, 33, 17.4}));
        QCOMPARE(calls.rows[2], (QVariantList{QStringLiteral("cpam"), 14, 0, 0, 0, 14, 8.1}));
        qint64 answered = 0;
        for (const QVariantList &row : indicators.callsByPeriod(all, Grain::Year).rows)
            answered += row[1].toLongLong();
        QCOMPARE(answered, 172);
        // Quarter by quarter: CARSAT calls every 2 days from Monday 2 February 2009. The first
        // quarter ends with week 13 (Sunday 29 March; week 14's Thursday is 2 April), so it
        // holds the calls of days 0, 2, … 54: 28 answered, plus the 5 abandoned of 3 March.
        IndicatorFilter carsat;
        carsat.agencies = {QStringLiteral("carsat")};
        const Table quarters = indicators.callsByPeriod(carsat, Grain::Quarter);
        QCOMPARE(quarters.rows.value(0), (QVariantList{QStringLiteral("2009-T1"), 28, 33}));
        // The same calls month by month: February is weeks 6 to 9 (days 0 to 27, week 9 ending
        // on Sunday 1 March), March weeks 10 to 13 (days 28 to 55, with the 3 March abandons).
        const Table months = indicators.callsByPeriod(carsat, Grain::Month);
        QCOMPARE(months.rows.mid(0, 2), (QList<QVariantList>{{QStringLiteral("2009-02"), 14, 14},
                                                             {QStringLiteral("2009-03"), 14, 19}}));
        // A partner of one agency sees only its own calls.
        QCOMPARE(indicators.callsByAgency(carsat).rows.size(), 1);
        // A territory scope sees only its sites.
        IndicatorFilter bouriane;
        bouriane.territories = {QStringLiteral("Bouriane")};
        QCOMPARE(indicators.callsByAgency(bouriane).rows,
                 (QList<QVariantList>{{QStringLiteral("caf"), 30, 0, 0, 3, 33, 100.0}}));
    }

    void lotSatisfactionAndProfile()
    {
        FixtureStore f(*m_backend, name());
        f.sites({site("46-bretenoux", "Cère et Dordogne", "46")});
        QList<QJsonObject> records;
        // 200 respondents, in the visit survey's codes. Welcome: 141 very satisfied, 47
        // satisfied, 8 not very, 4 not. Service: 110, 70, 15, 5. Need met: 180 fully, 15
        // partly, 5 not at all. 120 women, 80 men; 50 aged 25-44, 90 aged 45-59, 60 aged 60-74.
        for (int i = 0; i < 200; ++i) {
            const char *welcome = i < 141   ? "tres-satisfait"
                                  : i < 188 ? "satisfait"
                                  : i < 196 ? "peu-satisfait"
                                            : "pas-satisfait";
            const char *service = i < 110   ? "tres-satisfait"
                                  : i < 180 ? "satisfait"
                                  : i < 195 ? "peu-satisfait"
                                            : "pas-satisfait";
            const char *need = i < 180 ? "totalement" : i < 195 ? "en-partie" : "pas-du-tout";
            QJsonObject a =
                answers({{"accueil", QLatin1String(welcome)},
                         {"service", QLatin1String(service)},
                         {"reponse", QLatin1String(need)},
                         {"genre", i % 5 < 3 ? QStringLiteral("femme") : QStringLiteral("homme")},
                         {"age", i < 50    ? QStringLiteral("25-44")
                                 : i < 140 ? QStringLiteral("45-59")
                                           : QStringLiteral("60-74")}});
            records << response(
                QStringLiteral("46-bretenoux"),
                QStringLiteral("2009-W%1").arg(10 + i % 30, 2, 10, QLatin1Char('0')), a);
        }
        f.add(records);
        SurveyIndicators indicators(f.store(), f.surveys());
        const IndicatorFilter all;
        const Table s = indicators.satisfaction(all);
        // question, respondents, top, top %, positive, positive %, top among positive %
        QCOMPARE(rowWhere(s, 0, QStringLiteral("Satisfaction sur l'accueil")),
                 (QVariantList{QStringLiteral("Satisfaction sur l'accueil"), 200, 141, 70.5, 188,
                               94.0, 75.0}));
        QCOMPARE(rowWhere(s, 0, QStringLiteral("Satisfaction sur le service rendu")),
                 (QVariantList{QStringLiteral("Satisfaction sur le service rendu"), 200, 110, 55.0,
                               180, 90.0, 61.1}));
        QCOMPARE(
            rowWhere(s, 0, QStringLiteral("Besoin satisfait")),
            (QVariantList{QStringLiteral("Besoin satisfait"), 200, 180, 90.0, 180, 90.0, 100.0}));
        // The same row exported for programs, then for a French spreadsheet.
        QVERIFY2(s.toCsv().contains("Satisfaction sur l'accueil,200,141,70.5,188,94.0,75.0\r\n"),
                 s.toCsv().constData());
        const QByteArray sheet = s.toCsv(CsvWriter::Dialect::Spreadsheet);
        QVERIFY2(sheet.contains("Satisfaction sur l'accueil;200;141;70,5;188;94,0;75,0\r\n"),
                 sheet.constData());
        QVERIFY(sheet.startsWith("\xEF\xBB\xBF" + s.titles.constFirst().toUtf8() + ';'));
        // Nobody was asked whether they would recommend: no rate is made up.
        QCOMPARE(rowWhere(s, 0, QStringLiteral("Recommanderait le service")).value(1), QVariant(0));
        // The accessibility grid's mark from 0 to 10 is read as an NPS; nobody gave one here,
        // so its row counts nobody and makes no rate up.
        const auto nps = indicators.netPromoterScore(all);
        QVERIFY(nps);
        QCOMPARE(rowWhere(*nps, 0, QStringLiteral("Note donnée au service public (0 à 10)")),
                 (QVariantList{QStringLiteral("Note donnée au service public (0 à 10)"), 0, 0.0,
                               0.0, 0.0, 0.0}));
        const Table profile =
            indicators.answersOf(all, QStringLiteral("profile"), {SurveyIndicator::Scale::Profile});
        QCOMPARE(rowWhere(profile, 1, QStringLiteral("Une femme")),
                 (QVariantList{QStringLiteral("Genre"), QStringLiteral("Une femme"), 120, 60.0}));
        const double over45 =
            rowWhere(profile, 1, QStringLiteral("45 à 59 ans")).value(3).toDouble() +
            rowWhere(profile, 1, QStringLiteral("60 à 74 ans")).value(3).toDouble();
        QCOMPARE(over45, 75.0);
        // Rates over a sub-period come from that period's counts, not from averaged rates.
        IndicatorFilter firstWeek;
        firstWeek.fromWeek = firstWeek.toWeek = QStringLiteral("2009-W10");
        // Weeks W10 take respondents 0, 30, 60, …, 180: all very satisfied up to 141.
        QCOMPARE(rowWhere(indicators.satisfaction(firstWeek), 0,
                          QStringLiteral("Satisfaction sur l'accueil"))
                     .mid(1, 2),
                 (QVariantList{7, 5}));
    }

    // A week is in the month of its Thursday, whole: never split, never in two months.
    void monthOfAWeek_data()
    {
        QTest::addColumn<QString>("week");
        QTest::addColumn<QString>("month");
        // Monday 26 January to Sunday 1 February; Thursday 29 January.
        QTest::newRow("ends in the next month") << "2026-W05"
                                                << "2026-01";
        // Monday 28 September; Thursday 1 October.
        QTest::newRow("Thursday in the next month") << "2026-W40"
                                                    << "2026-10";
        // Monday 29 December 2025; Thursday 1 January 2026.
        QTest::newRow("starts in the year before") << "2026-W01"
                                                   << "2026-01";
        // Monday 28 December 2020; Thursday 31 December.
        QTest::newRow("week 53") << "2020-W53"
                                 << "2020-12";
        QTest::newRow("within a month") << "2026-W11"
                                        << "2026-03";
    }
    void monthOfAWeek()
    {
        QFETCH(QString, week);
        QFETCH(QString, month);
        QCOMPARE(periodOf(week, Grain::Month), month);
    }

    void grainNames()
    {
        bool ok = false;
        QCOMPARE(grainFromName(QStringLiteral("month"), &ok), Grain::Month);
        QVERIFY(ok);
        grainFromName(QStringLiteral("mois"), &ok);
        QVERIFY(!ok);
    }

    // Satisfaction, need met and NPS per month, each from that month's counts; a cell of fewer
    // than 11 respondents withheld, 11 shown.
    void satisfactionTrendByMonth()
    {
        FixtureStore f(*m_backend, name());
        f.sites({site("46-bretenoux", "Cère et Dordogne", "46")});
        const QString b = QStringLiteral("46-bretenoux");
        QList<QJsonObject> records;
        // Each answer as many times as counted, respondent after respondent.
        const auto spread = [](const QList<std::pair<const char *, int>> &counts) {
            QStringList codes;
            for (const auto &[code, n] : counts)
                for (int i = 0; i < n; ++i)
                    codes << QLatin1String(code);
            return codes;
        };
        const auto visits = [&](const QString &week, const QStringList &welcome,
                                const QStringList &need) {
            for (qsizetype i = 0; i < welcome.size(); ++i)
                records << response(b, week,
                                    answers({{"accueil", welcome[i]}, {"reponse", need[i]}}));
        };
        const auto marks = [&](const QString &week, const QStringList &notes) {
            for (const QString &note : notes)
                records << response(b, week, answers({{"note", note.toInt()}}), {},
                                    QStringLiteral("grille-accessibilite"));
        };
        // January (week 5): NPS (6 − 2) / 11.
        visits(QStringLiteral("2009-W05"),
               spread({{"tres-satisfait", 15}, {"satisfait", 3}, {"peu-satisfait", 2}}),
               spread({{"totalement", 16}, {"en-partie", 4}}));
        marks(QStringLiteral("2009-W05"), spread({{"10", 6}, {"8", 3}, {"3", 2}}));
        // February: weeks 6 and 9, which ends on Sunday 1 March; 10 marks only.
        visits(QStringLiteral("2009-W06"),
               spread({{"tres-satisfait", 6}, {"satisfait", 3}, {"pas-satisfait", 3}}),
               spread({{"totalement", 10}, {"pas-du-tout", 2}}));
        visits(QStringLiteral("2009-W09"), spread({{"satisfait", 3}}), spread({{"totalement", 3}}));
        marks(QStringLiteral("2009-W07"), spread({{"9", 10}}));
        // March: 7 visits.
        visits(QStringLiteral("2009-W10"), spread({{"tres-satisfait", 7}}),
               spread({{"totalement", 7}}));
        f.add(records);
        const SurveyIndicators indicators(f.store(), f.surveys());
        const Table trend = indicators.trend(IndicatorFilter(), Grain::Month);
        QCOMPARE(trend.columns,
                 (QStringList{QStringLiteral("period"), QStringLiteral("note-service_respondents"),
                              QStringLiteral("note-service_nps"),
                              QStringLiteral("accueil_respondents"), QStringLiteral("accueil_pct"),
                              QStringLiteral("service_respondents"), QStringLiteral("service_pct"),
                              QStringLiteral("besoin_respondents"), QStringLiteral("besoin_pct")}));
        QCOMPARE(trend.titles.value(4),
                 QStringLiteral("Satisfaction sur l'accueil\u00a0: réponses positives (%)"));
        const QString few = QStringLiteral("<11");
        QCOMPARE(
            trend.rows,
            (QList<QVariantList>{
                {QStringLiteral("2009-01"), 11, 36.4, 20, 90.0, 0, QVariant(), 20, 80.0},
                {QStringLiteral("2009-02"), few, few, 15, 80.0, 0, QVariant(), 15, 86.7},
                {QStringLiteral("2009-03"), 0, QVariant(), few, few, 0, QVariant(), few, few}}));
        // The month's figures are the satisfaction table's over its weeks.
        IndicatorFilter february;
        february.fromWeek = QStringLiteral("2009-W06");
        february.toWeek = QStringLiteral("2009-W09");
        const QVariantList welcome = rowWhere(indicators.satisfaction(february), 0,
                                              QStringLiteral("Satisfaction sur l'accueil"));
        QCOMPARE((QVariantList{welcome.value(1), welcome.value(5)}), trend.rows[1].mid(3, 2));
        // Exported with the same marks, for programs and for a French spreadsheet.
        QVERIFY2(trend.toCsv().contains("2009-02,<11,<11,15,80.0,0,,15,86.7\r\n"),
                 trend.toCsv().constData());
        QVERIFY2(trend.toCsv(CsvWriter::Dialect::Spreadsheet)
                     .contains("2009-03;0;;<11;<11;0;;<11;<11\r\n"),
                 trend.toCsv(CsvWriter::Dialect::Spreadsheet).constData());
        // By week, week 9 stands alone with its 3 respondents.
        const Table weeks = indicators.trend(IndicatorFilter(), Grain::Week);
        QCOMPARE(rowWhere(weeks, 0, QStringLiteral("2009-W09")).mid(3, 2),
                 (QVariantList{few, few}));
    }

    // A definition with a 0–10 recommendation (a bundle's, here) brings the NPS table.
    void netPromoterScoreWhenADefinitionAsksForIt()
    {
        FixtureStore f(*m_backend, name());
        f.sites({site("46-bretenoux", "Cère et Dordogne", "46")});
        const QByteArray definition = R"json({"format": "relais-survey/1",
            "id": "recommandation", "version": 1,
            "title": {"fr": "Recommandation", "en": "Recommendation"},
            "questions": [{"id": "note", "kind": "recommendation",
                "text": {"fr": "De 0 à 10 ?", "en": "From 0 to 10?"},
                "indicator": {"id": "nps", "label": "Probabilité de recommander (0 à 10)",
                              "scale": "nps"}}]})json";
        QCOMPARE(f.surveys().add(definition, QStringLiteral("test")), QString());
        QList<QJsonObject> records;
        // 20 answered: 12 gave 10, 4 gave 8, 4 gave 5.
        for (int i = 0; i < 20; ++i)
            records << response(QStringLiteral("46-bretenoux"), QStringLiteral("2009-W10"),
                                answers({{"note", i < 12   ? 10
                                                  : i < 16 ? 8
                                                           : 5}}),
                                {}, QStringLiteral("recommandation"));
        f.add(records);
        const auto nps = SurveyIndicators(f.store(), f.surveys()).netPromoterScore({});
        QVERIFY(nps);
        QCOMPARE(rowWhere(*nps, 0, QStringLiteral("Probabilité de recommander (0 à 10)")),
                 (QVariantList{QStringLiteral("Probabilité de recommander (0 à 10)"), 20, 60.0,
                               20.0, 20.0, 40.0}));
    }

    // One figure, one scale: a definition reading a known figure on another scale is left out
    // (its responses are then refused as of an unknown survey), the others stay.
    void aFigureKeepsItsScale()
    {
        FixtureStore f(*m_backend, name());
        const QByteArray other = R"json({"format": "relais-survey/1", "id": "autre",
            "version": 2, "title": {"fr": "Autre", "en": "Other"},
            "questions": [{"id": "accueil-ok", "kind": "yes_no",
                "text": {"fr": "Bien accueilli ?", "en": "Welcomed?"},
                "indicator": {"id": "accueil", "label": "Accueil", "scale": "yes_no"}}]})json";
        QCOMPARE(f.surveys().add(other, QStringLiteral("bundle")),
                 QStringLiteral("bundle: question \"accueil-ok\" feeds indicator \"accueil\" as "
                                "\"yes_no\", which other definitions read as \"satisfaction\""));
        QVERIFY(!f.surveys().find(QStringLiteral("autre"), 2));
        QVERIFY(f.surveys().find(QStringLiteral("satisfaction-visite"), 1));
        QCOMPARE(f.store()
                     .scalar(QStringLiteral("SELECT COUNT(*) FROM survey_definitions WHERE "
                                            "survey = 'autre'"))
                     .toInt(),
                 0);
    }

    void lotShareOfTerritoriesAndQuarterTrend()
    {
        FixtureStore f(*m_backend, name());
        f.sites({site("46-gourdon", "Bouriane", "46"),
                 site("46-bretenoux", "Cère et Dordogne", "46"),
                 site("46-latronquiere", "Haut Ségala", "46"), site("46-catus", "Catus", "46")});
        using R = std::tuple<QString, QString, QString, int>;
        const QString w = QStringLiteral("2009-W10");
        f.add({report(QStringLiteral("46-gourdon"), w,
                      {R{QStringLiteral("online_procedure"), QStringLiteral("caf"),
                         QStringLiteral("mon"), 200},
                       R{QStringLiteral("print_scan"), QStringLiteral("none"),
                         QStringLiteral("tue"), 120}}),
               report(QStringLiteral("46-bretenoux"), w,
                      {R{QStringLiteral("information"), QStringLiteral("caf"),
                         QStringLiteral("mon"), 100},
                       R{QStringLiteral("video_call"), QStringLiteral("carsat"),
                         QStringLiteral("tue"), 160}}),
               report(QStringLiteral("46-latronquiere"), w,
                      {R{QStringLiteral("internet_access"), QStringLiteral("none"),
                         QStringLiteral("wed"), 240}}),
               report(QStringLiteral("46-catus"), w,
                      {R{QStringLiteral("referral"), QStringLiteral("mission-locale"),
                         QStringLiteral("thu"), 180}}),
               report(QStringLiteral("46-bretenoux"), QStringLiteral("2009-W20"),
                      {R{QStringLiteral("information"), QStringLiteral("caf"),
                         QStringLiteral("mon"), 40}}),
               report(QStringLiteral("46-bretenoux"), QStringLiteral("2009-W30"),
                      {R{QStringLiteral("information"), QStringLiteral("caf"),
                         QStringLiteral("mon"), 90}})});
        Indicators indicators(f.store());
        IndicatorFilter week10;
        week10.fromWeek = week10.toWeek = w;
        const Table territories = indicators.visitsByTerritory(week10);
        QCOMPARE(territories.rows,
                 (QList<QVariantList>{{QStringLiteral("Bouriane"), 320, 32.0},
                                      {QStringLiteral("Cère et Dordogne"), 260, 26.0},
                                      {QStringLiteral("Haut Ségala"), 240, 24.0},
                                      {QStringLiteral("Catus"), 180, 18.0}}));
        // The two most populated areas: 58 % of requests.
        QCOMPARE(territories.rows[0][2].toDouble() + territories.rows[1][2].toDouble(), 58.0);
        // Quarters: a strong first, a dip, a rise (seed 003's trend), in kinds of help.
        const Table quarters = indicators.visitsByPeriod(IndicatorFilter(), Grain::Quarter);
        const auto helps = [](const QVariantList &row) {
            qint64 sum = 0;
            for (const QVariant &v : row.mid(1))
                sum += v.toLongLong();
            return sum;
        };
        QCOMPARE(quarters.rows.size(), 3);
        QCOMPARE(quarters.rows[0].first(), QVariant(QStringLiteral("2009-T1")));
        QCOMPARE(helps(quarters.rows[0]), 1000);
        QCOMPARE(helps(quarters.rows[1]), 40);
        QCOMPARE(helps(quarters.rows[2]), 90);
        // Week 10 by kind of help, never added up into persons: no total column.
        const Table byHelp = indicators.visitsByPeriod(week10, Grain::Week);
        QCOMPARE(byHelp.columns,
                 (QStringList{QStringLiteral("period")} + QStringList(helpKinds())));
        QCOMPARE(byHelp.rows.value(0), (QVariantList{w, 100, 200, 160, 240, 120, 180}));
        // By agency: only CAF's lines.
        IndicatorFilter caf = week10;
        caf.agencies = {QStringLiteral("caf")};
        QCOMPARE(indicators.visitsByPeriod(caf, Grain::Week).rows.value(0),
                 (QVariantList{w, 100, 200, 0, 0, 0, 0}));
    }

    void correctedReportReplacesItsFigures()
    {
        FixtureStore f(*m_backend, name());
        f.sites({site("46-gourdon", "Bouriane", "46")});
        using R = std::tuple<QString, QString, QString, int>;
        const QString v1 = newId();
        f.add({report(
            QStringLiteral("46-gourdon"), QStringLiteral("2009-W11"),
            {R{QStringLiteral("information"), QStringLiteral("caf"), QStringLiteral("mon"), 12}}, 1,
            1, {}, v1)});
        f.add({report(
            QStringLiteral("46-gourdon"), QStringLiteral("2009-W11"),
            {R{QStringLiteral("information"), QStringLiteral("caf"), QStringLiteral("mon"), 15}}, 3,
            2, v1)});
        Indicators indicators(f.store());
        QCOMPARE(indicators.visitsByPeriod(IndicatorFilter(), Grain::Week).rows.value(0).value(1),
                 QVariant(15));
    }

    void lotTravelAvoided()
    {
        FixtureStore f(*m_backend, name());
        f.sites({site("46-bretenoux", "Cère et Dordogne", "46", {{QStringLiteral("carsat"), 38.5}}),
                 site("46-gourdon", "Bouriane", "46", {{QStringLiteral("caf"), 16.875}})});
        QList<QJsonObject> records;
        for (int i = 0; i < 11; ++i)
            records << call(QStringLiteral("46-bretenoux"), QStringLiteral("carsat"),
                            QStringLiteral("answered"), QStringLiteral("2009-04-07T10:00:00Z"));
        for (int i = 0; i < 8; ++i)
            records << call(QStringLiteral("46-gourdon"), QStringLiteral("caf"),
                            QStringLiteral("answered"), QStringLiteral("2009-04-07T10:00:00Z"));
        // An unanswered call saves no trip.
        records << call(QStringLiteral("46-gourdon"), QStringLiteral("caf"),
                        QStringLiteral("abandoned"), QStringLiteral("2009-04-07T10:00:00Z"));
        f.add(records);
        const Table travel = Indicators(f.store()).travelAvoided(IndicatorFilter(), 0.179);
        // 11 × 2 × 38.5 + 8 × 2 × 16.875 = 847 + 270 = 1,117 km; × 0.179 kg/km ≈ 200 kg.
        QCOMPARE(rowWhere(travel, 0, QStringLiteral("Total")),
                 (QVariantList{QStringLiteral("Total"), 19, 1117.0, 200.0}));
        QCOMPARE(rowWhere(travel, 0, QStringLiteral("carsat")),
                 (QVariantList{QStringLiteral("carsat"), 11, 847.0, 152.0}));
    }

    void completenessCountsSitesOpenThatWeek()
    {
        FixtureStore f(*m_backend, name());
        // B closes on Sunday 25 January 2009 (end of week 4): not expected in week 5.
        f.sites({site("46-a", "Bouriane", "46"),
                 site("46-b", "Bouriane", "46", {}, QDate(2009, 1, 25))});
        using R = std::tuple<QString, QString, QString, int>;
        const QList<R> rows{
            R{QStringLiteral("information"), QStringLiteral("caf"), QStringLiteral("mon"), 3}};
        const QString b3 = newId();
        f.add({report(QStringLiteral("46-a"), QStringLiteral("2009-W02"), rows, 1),
               report(QStringLiteral("46-a"), QStringLiteral("2009-W03"), rows, 10),
               report(QStringLiteral("46-a"), QStringLiteral("2009-W04"), rows, 0),
               report(QStringLiteral("46-a"), QStringLiteral("2009-W05"), rows, 3),
               report(QStringLiteral("46-b"), QStringLiteral("2009-W02"), rows, 2),
               report(QStringLiteral("46-b"), QStringLiteral("2009-W03"), rows, 1, 1, {}, b3)});
        f.add({report(QStringLiteral("46-b"), QStringLiteral("2009-W03"), rows, 20, 2, b3)});
        IndicatorFilter weeks;
        weeks.fromWeek = QStringLiteral("2009-W02");
        weeks.toWeek = QStringLiteral("2009-W05");
        const Table c = Indicators(f.store()).completeness(weeks, Grain::Year, 3);
        // Expected 2 + 2 + 2 + 1 = 7; received 6 (a correction is not a second report);
        // on time within 3 days: all but A's week 3 = 5.
        QCOMPARE(c.rows, (QList<QVariantList>{{QStringLiteral("2009"), 7, 6, 5, 85.7, 71.4}}));
        const Table perWeek = Indicators(f.store()).completeness(weeks, Grain::Week, 3);
        QCOMPARE(perWeek.rows.value(3),
                 (QVariantList{QStringLiteral("2009-W05"), 1, 1, 1, 100.0, 100.0}));
    }

    // The journey of kiosk sessions, computed by hand: a session is a person.
    void journeyOfSessions()
    {
        FixtureStore f(*m_backend, name());
        f.sites(
            {site("46-bretenoux", "Cère et Dordogne", "46"), site("46-gourdon", "Bouriane", "46")});
        const QString b = QStringLiteral("46-bretenoux");
        const QString g = QStringLiteral("46-gourdon");
        const QString w10 = QStringLiteral("2009-03-03T10:00:00Z"); // 2009-W10, first quarter
        const QString w20 = QStringLiteral("2009-05-12T10:00:00Z"); // 2009-W20, second quarter
        const QString caf = QStringLiteral("caf");
        const QString cpam = QStringLiteral("cpam");
        const QString attestation = QStringLiteral("caf-attestation-paiement");
        const QString vitale = QStringLiteral("cpam-carte-vitale");
        // A procedure delivered by a bundle since: not in the compiled-in catalog.
        const QString newer = QStringLiteral("caf-nouvelle-demarche");
        f.add({sessionEnded(b, w10, QStringLiteral("finished"), QStringLiteral("guide_alone"), 300),
               sessionEnded(b, w10, QStringLiteral("finished"), QStringLiteral("video_call"), 900),
               sessionEnded(b, w10, QStringLiteral("abandoned"), QStringLiteral("mediator"), 600,
                            QStringLiteral("online")),
               sessionEnded(g, w10, QStringLiteral("idle"), QStringLiteral("none"), 60),
               sessionEnded(b, w20, QStringLiteral("abandoned"), QStringLiteral("none"), 120,
                            QStringLiteral("agency")),
               sessionEnded(b, w20, QStringLiteral("abandoned"), QStringLiteral("guide_alone"), 240,
                            QStringLiteral("online")),
               guideEvent(b, w10, caf, attestation), guideEvent(b, w10, caf, attestation),
               guideEvent(b, w10, caf, attestation, 3), guideEvent(b, w20, cpam, vitale),
               guideEvent(b, w20, cpam, vitale, 1), guideEvent(b, w20, cpam, vitale, 1),
               guideEvent(b, w20, caf, newer), guideEvent(b, w20, caf, newer, 2),
               journeyEvent(b, w10,
                            {{QStringLiteral("type"), QStringLiteral("agency_chosen")},
                             {QStringLiteral("agency"), caf}})});
        Indicators indicators(f.store());
        const IndicatorFilter all;

        // period, persons, guide alone, mediator, video call, none, mean minutes: (300 + 900
        // + 600 + 60) s over 4 sessions is 7.75 min; (120 + 240) s over 2 is 3 min.
        const QList<QVariantList> quarters{{QStringLiteral("2009-T1"), 4, 1, 1, 1, 1, 7.8},
                                           {QStringLiteral("2009-T2"), 2, 1, 0, 0, 1, 3.0}};
        QCOMPARE(indicators.persons(all, Grain::Quarter).rows, quarters);
        // Sessions are the site's, not an agency's: the agency filter leaves them whole.
        IndicatorFilter cpamOnly;
        cpamOnly.agencies = {cpam};
        QCOMPARE(indicators.persons(cpamOnly, Grain::Quarter).rows, quarters);
        IndicatorFilter bouriane;
        bouriane.territories = {QStringLiteral("Bouriane")};
        QCOMPARE(indicators.persons(bouriane, Grain::Year).rows,
                 (QList<QVariantList>{{QStringLiteral("2009"), 1, 0, 0, 0, 1, 1.0}}));
        QCOMPARE(indicators.personsBySite(all).rows,
                 (QList<QVariantList>{{b, QStringLiteral("Cère et Dordogne"), 5},
                                      {g, QStringLiteral("Bouriane"), 1}}));

        QCOMPARE(
            indicators.autonomy(all).rows,
            (QList<QVariantList>{{QStringLiteral("En autonomie avec le guide"), 2, 33.3},
                                 {QStringLiteral("Avec l'aide du médiateur"), 1, 16.7},
                                 {QStringLiteral("Par un appel en visio"), 1, 16.7},
                                 {QStringLiteral("Ni guide, ni médiateur, ni visio"), 2, 33.3}}));
        QCOMPARE(indicators.sessionEnds(all).rows,
                 (QList<QVariantList>{
                     {QStringLiteral("Terminée par « Terminer et effacer »"), 2, 33.3},
                     {QStringLiteral("Laissée sur l'accueil (fin par inactivité)"), 1, 16.7},
                     {QStringLiteral("Abandonnée sur la page d'un organisme (fin par inactivité)"),
                      1, 16.7},
                     {QStringLiteral("Abandonnée sur les démarches en ligne (liste ou guide) (fin "
                                     "par inactivité)"),
                      2, 33.3}}));

        // agency, procedure, its name, opened, help asked, help per 100 openings; the most
        // opened first, then the most helped.
        QCOMPARE(
            indicators.procedures(all).rows,
            (QList<QVariantList>{
                {caf, attestation, QStringLiteral("Avoir une attestation de paiement"), 2, 1, 50.0},
                {cpam, vitale, QStringLiteral("Commander une carte Vitale"), 1, 2, 200.0},
                {caf, newer, newer, 1, 1, 100.0}}));
        QCOMPARE(indicators.procedures(cpamOnly).rows.size(), 1);
        QCOMPARE(indicators.helpSteps(all).rows,
                 (QList<QVariantList>{
                     {cpam, vitale, QStringLiteral("Commander une carte Vitale"), 1,
                      QStringLiteral("Connectez-vous à votre compte ameli."), 2},
                     {caf, attestation, QStringLiteral("Avoir une attestation de paiement"), 3,
                      QStringLiteral("Choisissez l'attestation et le mois."), 1},
                     {caf, newer, newer, 2, QStringLiteral("Étape 2"), 1}}));
        IndicatorFilter cafOnly;
        cafOnly.agencies = {caf};
        QCOMPARE(indicators.helpSteps(cafOnly).rows.size(), 2);
        // A week with none of it: nothing, not rows of zeros.
        IndicatorFilter quiet;
        quiet.fromWeek = quiet.toWeek = QStringLiteral("2009-W30");
        QVERIFY(indicators.autonomy(quiet).rows.isEmpty());
        QVERIFY(indicators.sessionEnds(quiet).rows.isEmpty());
        QVERIFY(indicators.persons(quiet, Grain::Week).rows.isEmpty());
    }

    // Every word of the journey has its French words on the dashboard.
    void journeyWordsAreNamed()
    {
        for (const QString &code : relais::journey::autonomies())
            QVERIFY2(autonomyTitle(code) != code, qPrintable(code));
        for (const QString &end : relais::journey::ends())
            QVERIFY2(endTitle(end, {}) != end, qPrintable(end));
        for (const QString &screen : relais::journey::screens())
            QVERIFY2(screenTitle(screen) != screen, qPrintable(screen));
    }

    void matrixLevels_data()
    {
        QTest::addColumn<double>("s");
        QTest::addColumn<double>("g");
        QTest::addColumn<QString>("level");
        QTest::newRow("low") << 49.9 << 10.0 << QStringLiteral("à réviser");
        QTest::newRow("middling and behind") << 64.0 << -5.0 << QStringLiteral("à réviser");
        QTest::newRow("middling") << 64.0 << 0.0 << QStringLiteral("à surveiller");
        QTest::newRow("good but behind") << 85.0 << -5.0 << QStringLiteral("à surveiller");
        QTest::newRow("fair") << 79.9 << -4.9 << QStringLiteral("à optimiser");
        QTest::newRow("good") << 80.0 << 0.0 << QStringLiteral("à maintenir");
    }
    void matrixLevels()
    {
        QFETCH(double, s);
        QFETCH(double, g);
        QFETCH(QString, level);
        QCOMPARE(matrixLevel(s, g, MatrixThresholds()), level);
    }

    void accessibilityMatrixAgainstTheDepartement()
    {
        FixtureStore f(*m_backend, name());
        f.sites({site("46-bretenoux", "Cère et Dordogne", "46"),
                 site("46-gourdon", "Bouriane", "46"), site("12-decazeville", "Bassin", "12")});
        QList<QJsonObject> records;
        // 40 responses to the accessibility grid per site and cell, each naming its service;
        // `satisfied` of them satisfied with the criterion.
        auto survey = [&](const char *siteId,
                          QList<std::tuple<const char *, const char *, int>> cells) {
            for (const auto &[criterion, service, satisfied] : cells) {
                for (int i = 0; i < 40; ++i) {
                    const QJsonObject a = answers(
                        {{"service", QLatin1String(service)},
                         {criterion, i < satisfied ? (i % 2 ? QStringLiteral("satisfait")
                                                            : QStringLiteral("tres-satisfait"))
                                                   : QStringLiteral("peu-satisfait")}});
                    records << response(QLatin1String(siteId), QStringLiteral("2009-W15"), a, {},
                                        QStringLiteral("grille-accessibilite"));
                }
            }
        };
        survey("46-bretenoux", {{"critere-accueil", "caf", 30},
                                {"critere-horaires", "cpam", 18},
                                {"critere-proximite", "carsat", 36},
                                {"critere-delais", "msa", 28}});
        survey("46-gourdon", {{"critere-accueil", "caf", 36},
                              {"critere-horaires", "cpam", 18},
                              {"critere-proximite", "carsat", 36},
                              {"critere-delais", "msa", 28}});
        survey("12-decazeville", {{"critere-accueil", "caf", 0}});
        // The visit survey also has a question "service" (on the satisfaction scale): it is
        // not the grid's and stays out of the matrix.
        for (int i = 0; i < 12; ++i)
            records << response(QStringLiteral("46-bretenoux"), QStringLiteral("2009-W15"),
                                answers({{"service", QStringLiteral("pas-satisfait")},
                                         {"accueil", QStringLiteral("pas-satisfait")}}));
        f.add(records);
        IndicatorFilter territory;
        territory.territories = {QStringLiteral("Cère et Dordogne")};
        const Table m = accessibilityMatrix(f.store(), f.surveys(), territory, MatrixThresholds());
        // criterion, service, respondents, s, département, gap, level — in the criteria's order,
        // in the definition's words.
        QCOMPARE(m.rows,
                 (QList<QVariantList>{
                     {QStringLiteral("Proximité, temps de trajet"),
                      QStringLiteral("L'Assurance retraite"), 40, 90.0, 90.0, 0.0,
                      QStringLiteral("à maintenir")},
                     {QStringLiteral("Horaires d'ouverture"), QStringLiteral("L'Assurance Maladie"),
                      40, 45.0, 45.0, 0.0, QStringLiteral("à réviser")},
                     {QStringLiteral("Délais (rendez-vous, traitement)"), QStringLiteral("La MSA"),
                      40, 70.0, 70.0, 0.0, QStringLiteral("à optimiser")},
                     {QStringLiteral("Qualité de l'accueil"), QStringLiteral("La CAF"), 40, 75.0,
                      82.5, -7.5, QStringLiteral("à surveiller")}}));
    }

    // The demo territory's answers are built from the shipped definitions: every survey figure
    // of the dashboard has them, near the Lot pilot's; its kiosk sessions have their journey.
    void demoFillsEverySurveyFigure()
    {
        FixtureStore f(*m_backend, name());
        DemoOptions options;
        options.sites = 6;
        options.weeks = 26;
        fillDemoData(f.store(), f.surveys(), options);
        const IndicatorFilter all;
        const SurveyIndicators indicators(f.store(), f.surveys());
        const Table s = indicators.satisfaction(all);
        QStringList figures;
        for (const QVariantList &row : s.rows) {
            figures << row[0].toString();
            QVERIFY2(row[1].toLongLong() > 100, qPrintable(row[0].toString()));
        }
        QCOMPARE(figures, (QStringList{QStringLiteral("Satisfaction sur l'accueil"),
                                       QStringLiteral("Satisfaction sur le service rendu"),
                                       QStringLiteral("Besoin satisfait"),
                                       QStringLiteral("Recommanderait le service"),
                                       QStringLiteral("Connaissait le lieu avant")}));
        const double welcome =
            rowWhere(s, 0, QStringLiteral("Satisfaction sur l'accueil"))[5].toDouble();
        QVERIFY2(welcome > 89 && welcome < 99, qPrintable(QString::number(welcome)));
        const double need = rowWhere(s, 0, QStringLiteral("Besoin satisfait"))[5].toDouble();
        QVERIFY2(need > 84 && need < 96, qPrintable(QString::number(need)));
        const Table venue =
            indicators.answersOf(all, QStringLiteral("venue"),
                                 {SurveyIndicator::Scale::Choice, SurveyIndicator::Scale::YesNo});
        QVERIFY(!rowWhere(venue, 0, QStringLiteral("Comment le lieu a été connu")).isEmpty());
        QVERIFY(!rowWhere(venue, 0, QStringLiteral("Motif principal de venue")).isEmpty());
        const Table profile =
            indicators.answersOf(all, QStringLiteral("profile"), {SurveyIndicator::Scale::Profile});
        int bands = 0;
        double over45 = 0;
        for (const QVariantList &row : profile.rows) {
            if (row[0] != QStringLiteral("Tranche d'âge"))
                continue;
            ++bands;
            if (!row[1].toString().contains(QLatin1String("25")))
                over45 += row[3].toDouble();
        }
        QCOMPARE(bands, 5);
        QVERIFY2(over45 > 65 && over45 < 85, qPrintable(QString::number(over45)));
        const Table matrix = accessibilityMatrix(f.store(), f.surveys(), all, MatrixThresholds());
        QSet<QString> criteria, services;
        for (const QVariantList &row : matrix.rows) {
            criteria.insert(row[0].toString());
            services.insert(row[1].toString());
        }
        QCOMPARE(criteria.size(), 11);
        QVERIFY2(services.size() >= 10, qPrintable(QString::number(services.size())));
        // The same demo's kiosk sessions: persons at every site, guides opened, help asked.
        const Indicators journey(f.store());
        const Table bySite = journey.personsBySite(all);
        QCOMPARE(bySite.rows.size(), 6);
        for (const QVariantList &row : bySite.rows)
            QVERIFY2(row[2].toLongLong() > 50, qPrintable(row[0].toString()));
        QVERIFY(!journey.procedures(all).rows.isEmpty());
        QVERIFY(!journey.helpSteps(all).rows.isEmpty());
    }

    void fleetShowsTheLastHeartbeat()
    {
        FixtureStore f(*m_backend, name());
        f.sites({site("46-gourdon", "Bouriane", "46")});
        DeviceRegistry(f.store()).createKiosk(QStringLiteral("46-gourdon"),
                                              QStringLiteral("borne-1"), 1,
                                              QDateTime::currentDateTimeUtc());
        auto beat = [](const char *at, const char *version, int depth, int setAside) {
            return QJsonObject{
                {QStringLiteral("id"), newId()},
                {QStringLiteral("kind"), QStringLiteral("heartbeat")},
                {QStringLiteral("site"), QStringLiteral("46-gourdon")},
                {QStringLiteral("created_at"), QLatin1String(at)},
                {QStringLiteral("body"),
                 QJsonObject{{QStringLiteral("app_version"), QLatin1String(version)},
                             {QStringLiteral("outbox_depth"), depth},
                             {QStringLiteral("set_aside"), setAside},
                             {QStringLiteral("peripherals"),
                              QJsonObject{{QStringLiteral("camera"), QStringLiteral("ok")},
                                          {QStringLiteral("printer"), QStringLiteral("error")}}}}}};
        };
        f.add({beat("2026-11-20T08:00:00Z", "0.1.0", 40, 0),
               beat("2026-11-20T09:00:00Z", "0.2.0", 2, 3)});
        // In service: it has a certificate.
        DeviceRegistry(f.store()).recordCertificate(
            QStringLiteral("46-gourdon/borne-1"), QStringLiteral("0A"),
            QDateTime(QDate(2027, 11, 1), QTime(0, 0), Qt::UTC));
        const QDateTime hourLater(QDate(2026, 11, 20), QTime(10, 0), Qt::UTC);
        const Table fleet = fleetStatus(f.store(), IndicatorFilter(), {hourLater, 24 * 3600});
        QCOMPARE(fleet.rows.size(), 1);
        // The site's local time: Paris is an hour ahead of UTC in November.
        QCOMPARE(fleet.rows[0].mid(0, 5),
                 (QVariantList{QStringLiteral("46-gourdon/borne-1"),
                               QStringLiteral("2026-11-20 10:00"), QStringLiteral("0.2.0"), 2,
                               QStringLiteral("camera : ok, printer : en panne")}));
        // The records the kiosk keeps aside (refused by the observatory), per kiosk.
        QCOMPARE(fleet.columns.indexOf(QStringLiteral("set_aside")), 9);
        QCOMPARE(fleet.rows[0].value(9), QVariant(qint64(3)));
        const qsizetype silence = fleet.columns.indexOf(QStringLiteral("silence"));
        QVERIFY(silence > 0);
        QCOMPARE(fleet.rows[0].value(silence).toString(), QString());

        // Past the configured limit, the kiosk is flagged; in days from two days on.
        const QDateTime dayLater = hourLater.addSecs(24 * 3600);
        QCOMPARE(fleetStatus(f.store(), IndicatorFilter(), {dayLater, 24 * 3600})
                     .rows[0]
                     .value(silence)
                     .toString(),
                 QStringLiteral("silencieuse depuis 25 heures"));
        QCOMPARE(fleetStatus(f.store(), IndicatorFilter(), {dayLater, 48 * 3600})
                     .rows[0]
                     .value(silence)
                     .toString(),
                 QString());
        QCOMPARE(fleetStatus(f.store(), IndicatorFilter(), {hourLater.addDays(3), 24 * 3600})
                     .rows[0]
                     .value(silence)
                     .toString(),
                 QStringLiteral("silencieuse depuis 3 jours"));

        // An overseas site reads its own clock.
        Site reunion = site("974-salazie", "Cirque de Salazie", "974");
        reunion.timeZone = QStringLiteral("Indian/Reunion");
        f.sites({reunion});
        DeviceRegistry(f.store()).createKiosk(QStringLiteral("974-salazie"),
                                              QStringLiteral("borne-1"), 1,
                                              QDateTime::currentDateTimeUtc());
        QJsonObject far = beat("2026-11-20T09:00:00Z", "0.2.0", 0, 0);
        far.insert(QStringLiteral("site"), QStringLiteral("974-salazie"));
        f.add({far});
        QString reunionTime;
        for (const QVariantList &row :
             fleetStatus(f.store(), IndicatorFilter(), {hourLater, 24 * 3600}).rows) {
            if (row.value(0).toString() == QLatin1String("974-salazie/borne-1"))
                reunionTime = row.value(1).toString();
        }
        QCOMPARE(reunionTime, QStringLiteral("2026-11-20 13:00"));

        // A kiosk still on an older version than the fleet's newest is said to lag (versions
        // compared as numbers: 0.10.0 is newer than 0.9.0).
        f.sites({site("46-figeac", "Figeac", "46")});
        DeviceRegistry(f.store()).createKiosk(QStringLiteral("46-figeac"),
                                              QStringLiteral("borne-1"), 1,
                                              QDateTime::currentDateTimeUtc());
        QJsonObject newer = beat("2026-11-20T09:30:00Z", "0.10.0", 0, 0);
        newer.insert(QStringLiteral("site"), QStringLiteral("46-figeac"));
        f.add({newer});
        const Table updated = fleetStatus(f.store(), IndicatorFilter(), {hourLater, 24 * 3600});
        const qsizetype update = updated.columns.indexOf(QStringLiteral("update"));
        QVERIFY(update > 0);
        QHash<QString, QString> lag;
        for (const QVariantList &row : updated.rows)
            lag.insert(row.value(0).toString(), row.value(update).toString());
        QCOMPARE(lag.value(QStringLiteral("46-figeac/borne-1")), QStringLiteral("à jour"));
        QCOMPARE(lag.value(QStringLiteral("46-gourdon/borne-1")),
                 QStringLiteral("en retard (la plus récente : 0.10.0)"));
    }
};

QTEST_GUILESS_MAIN(TestIndicators)
#include "tst_observatory_indicators.moc"
