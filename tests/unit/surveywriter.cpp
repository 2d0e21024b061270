// SPDX-License-Identifier: EUPL-1.2
// Writes survey responses and count-grid changes as fast as it can, printing a line after
// each commit, until it is killed. Used by tst_surveycrash.
#include "counts/weeklygrid.h"
#include "database.h"
#include "kioskschema.h"
#include "survey/surveylibrary.h"
#include "survey/surveyresponses.h"

#include <QCoreApplication>

#include <cstdio>

using namespace relais;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 3)
        return 2;
    const auto db = Database::open(QString::fromLocal8Bit(argv[1]), kioskMigrations());
    const int cycle = QString::fromLocal8Bit(argv[2]).toInt();
    const QTimeZone zone("Europe/Paris");
    SurveyResponses responses(*db, QStringLiteral("46-crash"), zone);
    responses.finishAbandoned(); // as the kiosk does at start
    const SurveyLibrary library = SurveyLibrary::shipped();
    const SurveyDefinition &survey = *library.find(QStringLiteral("satisfaction-visite"));
    WeeklyGrid grid(*db, QStringLiteral("46-crash"), {QStringLiteral("caf")}, zone);
    const GridRow row{QStringLiteral("visio"), QStringLiteral("caf")};
    for (int n = 0;; ++n) {
        const QString id =
            responses.begin(survey, {QStringLiteral("visio"), QStringLiteral("caf")});
        responses.answer(id, QStringLiteral("accueil"), QStringLiteral("satisfait"));
        responses.answer(id, QStringLiteral("service"), QJsonValue::Null);
        responses.answer(id, QStringLiteral("recommande"), true);
        if (n % 4 != 3)
            responses.finish(id, n % 2 == 0);
        // Each cycle works on its own week, then closes it and starts a correction.
        const IsoWeek week{2000 + cycle / 50, 1 + cycle % 50};
        if (grid.state(week) == WeekState::Closed)
            grid.startCorrection(week);
        grid.setDeskCount(week, row, 1 + n % 7, n);
        if (n % 5 == 4)
            grid.close(week);
        std::printf("%d\n", n);
        std::fflush(stdout);
    }
}
