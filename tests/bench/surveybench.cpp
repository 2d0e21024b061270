// SPDX-License-Identifier: EUPL-1.2
// Survey and grid benchmark (not a test): prints `survey_answer_ms_p99` (an answer tapped to
// the next question shown, the answer durably stored) and `grid_week_close_ms` (closing a week
// on a store holding a year of journal, about 20,000 events).
#include "counts/weeklygrid.h"
#include "database.h"
#include "journal.h"
#include "kioskschema.h"
#include "sessioncontroller.h"
#include "survey/surveycontroller.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <cstdio>

using namespace relais;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const auto db = Database::open(dir.filePath(QStringLiteral("kiosk.sqlite")), kioskMigrations());
    const QTimeZone zone("Europe/Paris");
    Journal journal(*db, QStringLiteral("46-bench"));
    SessionController session(&journal, {});
    SurveyResponses responses(*db, QStringLiteral("46-bench"), zone);
    SurveyController survey(
        &session, SurveyLibrary::shipped(), &responses,
        {QStringLiteral("satisfaction-visite"), QStringLiteral("satisfaction-visite"), false},
        [] { return QStringLiteral("fr"); });

    QList<double> answers;
    for (int run = 0; run < 40; ++run) {
        session.begin();
        session.openAgency(QStringLiteral("caf"));
        survey.offer(QStringLiteral("satisfaction-visite"), {}, false);
        survey.start();
        while (survey.phase() == SurveyController::Question) {
            QElapsedTimer timer;
            timer.start();
            const QVariant first =
                survey.options().constFirst().toMap().value(QStringLiteral("value"));
            if (survey.kind() == QLatin1String("multiple_choice"))
                survey.answer(QStringList{first.toString()});
            else
                survey.answer(first);
            (void)survey.questionText(); // what the next screen shows
            answers.append(timer.nsecsElapsed() / 1e6);
        }
        survey.leaveThanks();
        session.endSession();
        session.acknowledgeGoodbye();
    }
    std::sort(answers.begin(), answers.end());
    const double p99 = answers.at(static_cast<qsizetype>(answers.size() * 0.99));

    // A year of journal: about 20,000 events spread over 52 weeks, in one transaction.
    const QDateTime start = QDateTime(QDate(2025, 11, 17), QTime(9, 0), zone).toUTC();
    db->transaction([&] {
        Statement insert = db->prepare(
            "INSERT INTO journal (id, type, site_id, boot_id, mono_ms, wall_utc, payload) "
            "VALUES (?, ?, '46-bench', 'boot', 0, ?, ?)");
        const char *types[] = {"session_started", "agency_chosen", "activity_chosen",
                               "call_started", "session_ended"};
        for (int i = 0; i < 20000; ++i) {
            const QString session = QStringLiteral("s%1").arg(i / 5);
            const QJsonObject payload{{QStringLiteral("session"), session},
                                      {QStringLiteral("agency"), QStringLiteral("caf")},
                                      {QStringLiteral("activity"), QStringLiteral("online")}};
            insert.reset();
            insert.bind(1, QUuid::createUuid().toString(QUuid::WithoutBraces))
                .bind(2, QString::fromLatin1(types[i % 5]))
                .bind(3, start.addSecs(i * 1572).toString(Qt::ISODateWithMs))
                .bind(4, QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
            insert.run();
        }
    });
    WeeklyGrid grid(*db, QStringLiteral("46-bench"),
                    {QStringLiteral("caf"), QStringLiteral("cpam"), QStringLiteral("carsat")},
                    zone);
    QList<double> closes;
    IsoWeek week = IsoWeek::containing(QDate(2026, 6, 10));
    for (int i = 0; i < 10; ++i, week = week.previous()) {
        grid.setDeskCount(week, {QStringLiteral("visio"), QStringLiteral("caf")}, 2, 3);
        QElapsedTimer timer;
        timer.start();
        grid.close(week);
        closes.append(timer.nsecsElapsed() / 1e6);
    }
    std::sort(closes.begin(), closes.end());
    std::printf("survey_answer_ms_p99: %.1f ms\n", p99);
    std::printf("grid_week_close_ms: %.1f ms\n", closes.at(closes.size() / 2));
    std::printf("journal_events: %lld\n", static_cast<long long>(journal.count()));
    return 0;
}
