// SPDX-License-Identifier: EUPL-1.2
#include "jsonfields.h"
#include "openinghours.h"

#include <QJsonArray>
#include <QTest>

using namespace relais;

class TestOpeningHours : public QObject
{
    Q_OBJECT

    static WeeklyHours parse(const QJsonObject &object)
    {
        return WeeklyHours::fromJson(object, QStringLiteral("hours"));
    }

private slots:
    void describesADayInEachLanguage()
    {
        const auto hours =
            parse({{QStringLiteral("mon"),
                    QJsonArray{QStringLiteral("09:00-12:30"), QStringLiteral("13:30-17:00")}}});
        const QDate monday(2026, 11, 23);
        QCOMPARE(monday.dayOfWeek(), 1);
        QCOMPARE(hours.describe(monday, QStringLiteral("fr")),
                 QStringLiteral("9 h – 12 h 30 et 13 h 30 – 17 h"));
        QCOMPARE(hours.describe(monday, QStringLiteral("en")),
                 QStringLiteral("9:00 – 12:30 and 13:30 – 17:00"));
        QVERIFY(hours.describe(monday.addDays(1), QStringLiteral("fr")).isEmpty());
    }

    void knowsWhenItIsOpen()
    {
        const auto hours =
            parse({{QStringLiteral("sat"), QJsonArray{QStringLiteral("09:00-12:00")}}});
        const QDate saturday(2026, 11, 28);
        QVERIFY(!hours.isOpenAt(QDateTime(saturday, QTime(8, 59))));
        QVERIFY(hours.isOpenAt(QDateTime(saturday, QTime(9, 0))));
        QVERIFY(hours.isOpenAt(QDateTime(saturday, QTime(11, 59))));
        QVERIFY(!hours.isOpenAt(QDateTime(saturday, QTime(12, 0))));
        QVERIFY(!hours.isOpenAt(QDateTime(saturday.addDays(1), QTime(10, 0))));
    }

    void countsTheWeek()
    {
        const auto hours =
            parse({{QStringLiteral("mon"), QJsonArray{QStringLiteral("09:00-17:00")}},
                   {QStringLiteral("wed"), QJsonArray{QStringLiteral("09:00-17:00")}},
                   {QStringLiteral("fri"), QJsonArray{QStringLiteral("09:00-17:00")}}});
        QCOMPARE(hours.openDayCount(), 3);
        QCOMPARE(hours.weeklyMinutes(), 24 * 60);
        QVERIFY(!hours.isClosedAllWeek());
        QVERIFY(parse({}).isClosedAllWeek());
    }

    void findsTheNextOpening()
    {
        const auto hours =
            parse({{QStringLiteral("mon"),
                    QJsonArray{QStringLiteral("09:00-12:00"), QStringLiteral("14:00-17:00")}},
                   {QStringLiteral("thu"), QJsonArray{QStringLiteral("09:00-12:00")}}});
        const QDate sunday(2026, 11, 22);
        QCOMPARE(hours.nextOpening(QDateTime(sunday, QTime(10, 0))),
                 QDateTime(sunday.addDays(1), QTime(9, 0)));
        // During the morning range, the next opening is the afternoon's.
        QCOMPARE(hours.nextOpening(QDateTime(sunday.addDays(1), QTime(9, 0))),
                 QDateTime(sunday.addDays(1), QTime(14, 0)));
        // After Thursday, it is Monday again, across the week's end.
        QCOMPARE(hours.nextOpening(QDateTime(sunday.addDays(4), QTime(12, 0))),
                 QDateTime(sunday.addDays(8), QTime(9, 0)));
        QVERIFY(!parse({}).nextOpening(QDateTime(sunday, QTime(10, 0))).isValid());
    }

    void untilMidnight()
    {
        const auto hours =
            parse({{QStringLiteral("thu"), QJsonArray{QStringLiteral("20:00-24:00")}}});
        const QDate thursday(2026, 11, 26);
        QVERIFY(hours.isOpenAt(QDateTime(thursday, QTime(23, 30))));
        QCOMPARE(hours.describe(thursday, QStringLiteral("fr")), QStringLiteral("20 h – minuit"));
    }

    void refusesBadRanges_data()
    {
        QTest::addColumn<QString>("range");
        QTest::newRow("no minutes") << QStringLiteral("9-12");
        QTest::newRow("25 h") << QStringLiteral("25:00-26:00");
        QTest::newRow("after midnight") << QStringLiteral("22:00-24:30");
        QTest::newRow("empty range") << QStringLiteral("10:00-10:00");
        QTest::newRow("spaces") << QStringLiteral("09:00 - 12:00");
    }

    void refusesBadRanges()
    {
        QFETCH(QString, range);
        try {
            parse({{QStringLiteral("tue"), QJsonArray{range}}});
            QFAIL("accepted a bad range");
        } catch (const json::FieldError &error) {
            QCOMPARE(error.field, QStringLiteral("hours.tue[0]"));
        }
    }
};

QTEST_APPLESS_MAIN(TestOpeningHours)
#include "tst_openinghours.moc"
