// SPDX-License-Identifier: EUPL-1.2
// relais-observatory benchmarks (never run by ctest): ingest throughput over mutual TLS in
// batches of 500 on SQLite and PostgreSQL, a kiosk's small batch alone and while 8 partners
// log in again and again, the dashboard's main query (visits per week by kind of help) over
// 3,000 sites × 52 weeks, publishing that fixture's open-data releases, and the secrecy rule on
// a large grid. Prints `name: value unit` lines.
#include "backend.h"
#include "demo/demodata.h"
#include "indicators/indicators.h"
#include "indicators/opendatareleases.h"
#include "indicators/suppression.h"
#include "indicators/surveycatalog.h"
#include "medianof.h"
#include "observatoryprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSslSocket>

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

struct LoginLoad
{
    double aloneMs = 0;
    double underLoginsMs = 0;
    double loginsPerSecond = 0;
};

// Median milliseconds of a kiosk's 20-record batch, alone and while 8 partners (8 addresses)
// log in again and again, each login sent as soon as the previous one is answered.
LoginLoad batchUnderLogins()
{
    constexpr int kLoginClients = 8;
    constexpr int kSamples = 30;
    ObservatoryProcess server;
    if (!server.start())
        qFatal("relais-observatory did not start");
    QProcess add;
    add.start(QStringLiteral(RELAIS_OBSERVATORY_EXE),
              {QStringLiteral("add-partner"), QStringLiteral("--config"), server.configPath(),
               QStringLiteral("--login"), QStringLiteral("lot"), QStringLiteral("--name"),
               QStringLiteral("Lot")});
    add.write("lot-secret-2026\n");
    add.closeWriteChannel();
    if (!add.waitForFinished(30000) || add.exitCode() != 0)
        qFatal("add-partner failed");
    const KioskIdentity identity =
        server.enrollNew(QStringLiteral("46-bretenoux"), QStringLiteral("borne-1"));
    HttpsClient kiosk = server.client(identity);
    kiosk.setLocalAddress(QHostAddress(QStringLiteral("127.0.0.2")));
    if (!kiosk.connect())
        qFatal("no TLS connection");
    auto sample = [&] {
        QJsonArray records;
        for (int i = 0; i < 20; ++i)
            records.append(callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("caf")));
        const QByteArray r = request(QJsonDocument(batch(records)).toJson(QJsonDocument::Compact));
        QElapsedTimer timer;
        timer.start();
        const Reply reply = kiosk.raw(r);
        if (reply.status != 200)
            qFatal("batch refused: %d", reply.status);
        return double(timer.nsecsElapsed()) / 1e6;
    };
    LoginLoad out;
    QList<double> alone;
    for (int i = 0; i < kSamples; ++i)
        alone << sample();
    out.aloneMs = relais::test::medianOf(alone);

    const QByteArray body = R"({"login": "lot", "password": "lot-secret-2026"})";
    const QByteArray login = "POST /dashboard/api/login HTTP/1.1\r\nHost: localhost\r\n"
                             "Content-Type: application/json\r\nContent-Length: " +
                             QByteArray::number(body.size()) + "\r\n\r\n" + body;
    int answered = 0;
    std::vector<std::unique_ptr<QSslSocket>> partners;
    for (int i = 0; i < kLoginClients; ++i) {
        auto socket = std::make_unique<QSslSocket>();
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({server.ca()});
        socket->setSslConfiguration(tls);
        socket->bind(QHostAddress(QStringLiteral("127.0.2.%1").arg(i + 1)));
        socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.port(),
                                       QStringLiteral("localhost"));
        if (!socket->waitForEncrypted(10000))
            qFatal("no TLS connection for a partner");
        QSslSocket *raw = socket.get();
        QObject::connect(raw, &QSslSocket::readyRead, raw, [raw, &answered, login] {
            // One answer per read is close enough: each login is small and answered whole.
            raw->readAll();
            ++answered;
            raw->write(login);
        });
        raw->write(login);
        partners.push_back(std::move(socket));
    }
    QElapsedTimer loaded;
    loaded.start();
    QList<double> underLogins;
    for (int i = 0; i < kSamples; ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50); // logins keep coming
        underLogins << sample();
    }
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    out.underLoginsMs = relais::test::medianOf(underLogins);
    out.loginsPerSecond = answered / (double(loaded.nsecsElapsed()) / 1e9);
    return out;
}

void printLogins(const LoginLoad &logins)
{
    std::printf("batch_ms_alone: %.1f ms\n", logins.aloneMs);
    std::printf("batch_ms_under_8_logins: %.1f ms\n", logins.underLoginsMs);
    std::printf("logins_per_s_during: %.1f /s\n", logins.loginsPerSecond);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    // `observatory_bench logins`: only the batch under concurrent logins.
    const bool loginsOnly = argc > 1 && QByteArray(argv[1]) == "logins";
    if (loginsOnly) {
        printLogins(batchUnderLogins());
        return 0;
    }
    std::printf("open_data_suppression_ms: %.2f ms\n", suppressionMs());
    std::fflush(stdout);
    std::printf("ingest_records_per_s: %.0f\n", ingestRate(QString()));
    std::fflush(stdout);
    printLogins(batchUnderLogins());
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
