// relais-observatory benchmarks (never run by ctest): ingest throughput over mutual TLS in
// batches of 500 on SQLite and PostgreSQL, and the dashboard's main query (visits per week by
// kind of help) over 3,000 sites × 52 weeks, publishing that fixture's open-data releases, and
// the secrecy rule on a large grid. Prints `name: value unit` lines.
#include "backend.h"
#include "demo/demodata.h"
#include "indicators/indicators.h"
#include "indicators/opendatareleases.h"
#include "indicators/suppression.h"
#include "indicators/surveycatalog.h"
#include "observatoryprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>

using namespace relais::observatory;
using namespace relais::observatory::test;

namespace {

constexpr int kBatchSize = 500;
constexpr int kBatches = 60;

QByteArray request(const QByteArray &body)
{
    return "POST /v1/records HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
           "Content-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// Records per second for kBatches batches sent one after the other, each answered before the
// next, as a kiosk's outbox does.
double ingestRate(const QString &database)
{
    ObservatoryProcess server(database);
    if (!server.start())
        qFatal("relais-observatory did not start");
    const KioskIdentity kiosk =
        server.enrollNew(QStringLiteral("46-bretenoux"), QStringLiteral("borne-1"));
    QList<QByteArray> requests;
    for (int b = 0; b < kBatches; ++b) {
        QJsonArray records;
        for (int i = 0; i < kBatchSize; ++i) {
            if (i % 5 == 0) {
                records.append(surveyResponse(
                    QStringLiteral("46-bretenoux"),
                    QJsonObject{{QStringLiteral("accueil"), QStringLiteral("satisfait")},
                                {QStringLiteral("reponse"), QStringLiteral("totalement")},
                                {QStringLiteral("age"), QStringLiteral("45-59")}}));
            } else {
                records.append(
                    i % 2 ? callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("caf"))
                          : record(QStringLiteral("journal_event"), QStringLiteral("46-bretenoux"),
                                   {{QStringLiteral("type"), QStringLiteral("session_started")}}));
            }
        }
        requests << request(QJsonDocument(batch(records)).toJson(QJsonDocument::Compact));
    }
    HttpsClient client = server.client(kiosk);
    if (!client.connect())
        qFatal("no TLS connection");
    QElapsedTimer timer;
    timer.start();
    for (const QByteArray &r : requests) {
        const Reply reply = client.raw(r);
        if (reply.status != 200)
            qFatal("batch refused: %d %s", reply.status, reply.body.left(200).constData());
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    return double(kBatches * kBatchSize) / seconds;
}

// Median milliseconds of the secrecy rule, every territory's row and agency's column known to
// someone, on a grid the size of a large département's (15 territories × 12 agencies, one cell
// in four under 11).
double suppressionMs()
{
    QRandomGenerator random(46);
    QList<double> runs;
    for (int i = 0; i < 7; ++i) {
        QList<QList<qint64>> grid;
        QList<qint64> sums(13, 0);
        for (int r = 0; r < 15; ++r) {
            QList<qint64> row;
            qint64 total = 0;
            for (int c = 0; c < 12; ++c) {
                row << qint64(random.bounded(4) == 0 ? random.bounded(11) : random.bounded(300));
                total += row.last();
                sums[c] += row.last();
            }
            row << total;
            sums.last() += total;
            grid << row;
        }
        grid << sums;
        QElapsedTimer timer;
        timer.start();
        suppressionMask(grid, kMinimumPublishedCount, KnownLines{true, true});
        runs << double(timer.nsecsElapsed()) / 1e6;
    }
    std::sort(runs.begin(), runs.end());
    return runs[runs.size() / 2];
}

// Milliseconds to publish every closed quarter's open-data release of a filled store, once.
double releasesMs(Store &store, SurveyCatalog &surveys, int *count)
{
    QElapsedTimer timer;
    timer.start();
    *count =
        int(OpenDataReleases(store, surveys).publishDue(QDateTime::currentDateTimeUtc()).size());
    return double(timer.nsecsElapsed()) / 1e6;
}

// Median milliseconds of the dashboard's main query over the last 52 weeks, all sites.
double indicatorsMs(const QString &database, QString *fill, double *releases = nullptr,
                    int *releaseCount = nullptr)
{
    auto store = Store::open(database);
    QElapsedTimer timer;
    timer.start();
    DemoOptions options;
    options.sites = 3000;
    options.weeks = 52;
    options.everything = false;
    SurveyCatalog surveys(*store, QString());
    const DemoSummary summary = fillDemoData(*store, surveys, options);
    *fill = QStringLiteral("%1 s").arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1);
    IndicatorFilter filter;
    filter.fromWeek = summary.fromWeek;
    filter.toWeek = summary.toWeek;
    Indicators indicators(*store);
    QList<double> runs;
    for (int i = 0; i < 7; ++i) {
        timer.restart();
        const Table table = indicators.visitsByPeriod(filter, Grain::Week);
        runs << double(timer.nsecsElapsed()) / 1e6;
        if (table.rows.size() != 52)
            qFatal("expected 52 weeks, got %d", int(table.rows.size()));
    }
    std::sort(runs.begin(), runs.end());
    if (releases)
        *releases = releasesMs(*store, surveys, releaseCount);
    return runs[runs.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    std::printf("open_data_suppression_ms: %.2f ms\n", suppressionMs());
    std::fflush(stdout);
    std::printf("ingest_records_per_s: %.0f\n", ingestRate(QString()));
    std::fflush(stdout);
    {
        PostgresServer postgres;
        if (!postgres.start())
            qFatal("PostgreSQL did not start");
        std::printf("ingest_records_per_s_pg: %.0f\n", ingestRate(postgres.url()));
        std::fflush(stdout);
        QString fill;
        const double pg = indicatorsMs(postgres.url(), &fill);
        std::printf("indicators_ms_pg: %.1f ms\n", pg);
        std::fflush(stdout);
    }
    QString fill;
    double releases = 0;
    int releaseCount = 0;
    const double ms =
        indicatorsMs(dir.filePath(QStringLiteral("bench.sqlite")), &fill, &releases, &releaseCount);
    std::printf("indicators_ms: %.1f ms\n", ms);
    std::printf("open_data_releases_ms: %.0f ms (%d quarters)\n", releases, releaseCount);
    std::printf("indicators_fixture: 3000 sites x 52 weeks, filled in %s\n", qPrintable(fill));
    return 0;
}
