// SPDX-License-Identifier: EUPL-1.2
// kill -9 in the middle of ingest writes: afterwards the store is sound, every batch is there
// whole or not at all, every acknowledged batch is there, and the server starts again on it.
#include "backend.h"
#include "observatoryprocess.h"

#include <QSqlQuery>

using namespace relais::observatory;
using namespace relais::observatory::test;

namespace {

constexpr int kBatches = 40;
constexpr int kRecordsPerBatch = 500;

QString recordId(int batchIndex, int recordIndex)
{
    return QStringLiteral("00000000-0000-4000-8000-%1%2")
        .arg(batchIndex, 6, 16, QLatin1Char('0'))
        .arg(recordIndex, 6, 16, QLatin1Char('0'));
}

QByteArray batchBody(int round, int batchIndex)
{
    QJsonArray records;
    for (int i = 0; i < kRecordsPerBatch; ++i) {
        QJsonObject r =
            i % 2 == 0
                ? callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("carsat"))
                : surveyResponse(
                      QStringLiteral("46-bretenoux"),
                      QJsonObject{{QStringLiteral("accueil"), QStringLiteral("satisfait")},
                                  {QStringLiteral("reponse"), QStringLiteral("totalement")}});
        r.insert(QStringLiteral("id"), recordId(round * kBatches + batchIndex, i));
        records.append(r);
    }
    const QByteArray body = QJsonDocument(batch(records)).toJson(QJsonDocument::Compact);
    return "POST /v1/records HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
           "Content-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

class TestCrash : public QObject
{
    Q_OBJECT

private slots:
    void killDuringIngestLeavesWholeBatches()
    {
        Backend backend;
        ObservatoryProcess server(backend.database());
        QVERIFY(server.start());
        const KioskIdentity kiosk =
            server.enrollNew(QStringLiteral("46-bretenoux"), QStringLiteral("borne-1"));
        int acknowledged = 0;
        for (int round = 0; round < 3; ++round) {
            if (round > 0)
                QVERIFY(server.start());
            HttpsClient client = server.client(kiosk);
            QVERIFY(client.connect());
            // Pipelined: the server is working through the queue when it is killed.
            for (int b = 0; b < kBatches; ++b)
                client.socket()->write(batchBody(round, b));
            client.socket()->flush();
            // Wait for 2 + round answers, then kill while the next batches are being written.
            QByteArray received;
            while (received.count("HTTP/1.1 200") < 2 + round) {
                QVERIFY(client.socket()->waitForReadyRead(60000));
                received += client.socket()->readAll();
            }
            server.kill9();
            acknowledged = received.count("HTTP/1.1 200");
            auto store = Store::open(server.database());
            QCOMPARE(store->integrityCheck(), QStringLiteral("ok"));
            QMap<int, int> perBatch;
            QSqlQuery q = store->prepare(QStringLiteral("SELECT id FROM records"));
            Store::run(q);
            while (q.next())
                ++perBatch[q.value(0).toString().mid(24, 6).toInt(nullptr, 16)];
            for (auto it = perBatch.begin(); it != perBatch.end(); ++it)
                QVERIFY2(
                    it.value() == kRecordsPerBatch,
                    qPrintable(
                        QStringLiteral("batch %1 has %2 records").arg(it.key()).arg(it.value())));
            qInfo("round %d: %d batches acknowledged, %d on disk after kill -9", round,
                  acknowledged, int(perBatch.size()));
            for (int b = 0; b < acknowledged; ++b)
                QVERIFY2(perBatch.contains(round * kBatches + b),
                         qPrintable(QStringLiteral("acknowledged batch %1 is missing").arg(b)));
            // The derived tables hold exactly the stored records' rows.
            QCOMPARE(
                store->scalar(QStringLiteral("SELECT COUNT(*) FROM call_events")).toInt() +
                    store->scalar(QStringLiteral("SELECT COUNT(*) FROM survey_responses")).toInt(),
                store
                    ->scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE kind <> "
                                            "'heartbeat'"))
                    .toInt());
        }
        // A resend of everything after the crash completes the store; nothing is duplicated.
        QVERIFY(server.start());
        HttpsClient client = server.client(kiosk);
        for (int b = 0; b < kBatches; ++b) {
            const Reply reply = client.raw(batchBody(2, b));
            QCOMPARE(reply.status, 200);
        }
        auto store = Store::open(server.database());
        QCOMPARE(
            store
                ->scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE id >= ? AND id < ?"),
                         {recordId(2 * kBatches, 0), recordId(3 * kBatches, 0)})
                .toInt(),
            kBatches * kRecordsPerBatch);
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_observatory_crash.moc"
