// SPDX-License-Identifier: EUPL-1.2
// The real sync (libcurl, mutual TLS pinned to the device CA) against a TLS server the test
// runs, which answers badly: truncated JSON, other ids, 500, too slow, the connection cut in
// the middle of the body, not HTTP at all, a certificate from another CA. None of it may cost
// a record: afterwards the real relais-observatory receives every one of them. And a record
// the real observatory rejects is set aside, counted in the heartbeat and shown in its fleet.
#include "devices/fleetstatus.h"
#include "enrolledkiosk.h"
#include "identity/curltransport.h"
#include "journal.h"
#include "kioskschema.h"
#include "survey/surveylibrary.h"
#include "survey/surveyresponses.h"
#include "sync/heartbeat.h"
#include "sync/observatorytransport.h"
#include "sync/syncengine.h"
#include "sync/syncstatus.h"

#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <thread>

using namespace relais;
using namespace relais::observatory;
using namespace relais::observatory::test;

// Answers every request the way `mode` says, on the test's thread.
class FaultyServer : public QTcpServer
{
public:
    enum class Mode { Truncated, WrongIds, ServerError, Slow, CutMidBody, NotHttp, Garbage };
    Mode mode = Mode::Truncated;
    int requests = 0;

    FaultyServer(const QString &folder)
    {
        m_tls = QSslConfiguration::defaultConfiguration();
        m_tls.setLocalCertificate(
            QSslCertificate::fromPath(QDir(folder).filePath(QStringLiteral("server-cert.pem")))
                .value(0));
        QFile key(QDir(folder).filePath(QStringLiteral("server-key.pem")));
        key.open(QIODevice::ReadOnly);
        m_tls.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
        m_tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        listen(QHostAddress::LocalHost, 0);
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        socket->setSocketDescriptor(descriptor);
        socket->setSslConfiguration(m_tls);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QSslSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const qsizetype at = buffer->indexOf("Content-Length: ");
            const qsizetype length = buffer->mid(at + 16, 12).split('\r').value(0).toLongLong();
            if (buffer->size() < end + 4 + length)
                return;
            const QByteArray request = buffer->mid(end + 4, length);
            buffer->clear();
            ++requests;
            answer(socket, request);
        });
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        socket->startServerEncryption();
    }

private:
    void answer(QSslSocket *socket, const QByteArray &request)
    {
        QJsonArray results;
        for (const QJsonValue &r :
             QJsonDocument::fromJson(request)[QStringLiteral("records")].toArray())
            results.append(QJsonObject{{QStringLiteral("id"), r[QStringLiteral("id")]},
                                       {QStringLiteral("result"), QStringLiteral("stored")}});
        const QByteArray good = QJsonDocument(QJsonObject{{QStringLiteral("api"), 1},
                                                          {QStringLiteral("results"), results}})
                                    .toJson(QJsonDocument::Compact);
        auto head = [](int status, qsizetype length) {
            return QByteArray("HTTP/1.1 ") + QByteArray::number(status) +
                   " X\r\nContent-Type: application/json\r\nContent-Length: " +
                   QByteArray::number(length) + "\r\n\r\n";
        };
        switch (mode) {
        case Mode::Truncated: // announced whole, sent half, then closed properly
            socket->write(head(200, good.size()) + good.left(good.size() / 2));
            socket->disconnectFromHost();
            break;
        case Mode::WrongIds: {
            QByteArray other = good;
            other.replace("\"id\":\"", "\"id\":\"f");
            socket->write(head(200, other.size()) + other);
            break;
        }
        case Mode::ServerError:
            socket->write(head(500, 2) + "{}");
            break;
        case Mode::Slow: // the whole answer, but after the kiosk's total limit (8 s)
            QTimer::singleShot(12000, socket, [socket, good, head] {
                socket->write(head(200, good.size()) + good);
            });
            break;
        case Mode::CutMidBody:
            socket->write(head(200, good.size()) + good.left(good.size() / 3));
            socket->flush();
            socket->abort();
            break;
        case Mode::NotHttp:
            socket->write("\x16\x03\x01 this is not HTTP\r\n\r\n");
            socket->disconnectFromHost();
            break;
        case Mode::Garbage:
            socket->write(head(200, 9) + "[1, 2, 3]");
            break;
        }
    }

    QSslConfiguration m_tls;
};

class TestSyncFaultyServer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ObservatoryProcess m_observatory;
    ClientIdentity m_identity;
    std::unique_ptr<Database> m_store;
    std::unique_ptr<SyncLedger> m_ledger;
    int m_stores = 0;

    // One round of the real sync against `port`, off the test's thread (the server runs here).
    SyncEngine::Round roundAgainst(quint16 port, ClientIdentity identity)
    {
        identity.observatory = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port));
        ObservatoryTransport transport(std::make_shared<CurlTransport>(), identity, {2, 2, 8});
        SyncEngine engine(*m_ledger, transport, 50);
        SyncEngine::Round round;
        std::atomic<bool> done = false;
        std::thread worker([&] {
            round = engine.sendBatch();
            done = true;
        });
        (void)QTest::qWaitFor([&] { return done.load(); }, 30000);
        worker.join();
        return round;
    }

    qint64 pending() { return m_ledger->snapshot().pending; }

    int recordsAtObservatory()
    {
        auto store = Store::open(m_observatory.database());
        return store
            ->scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE kind = "
                                    "'journal_event' AND site = '46-bretenoux'"))
            .toInt();
    }

    // Everything still in the case's outbox reaches the real observatory, once.
    void sendAllToTheObservatory()
    {
        const int before = recordsAtObservatory();
        const qint64 waiting = pending();
        while (pending() > 0) {
            const SyncEngine::Round round = roundAgainst(m_observatory.port(), m_identity);
            QVERIFY2(round.failure.isEmpty(),
                     qPrintable(round.failure + QLatin1Char(' ') + round.detail));
        }
        QCOMPARE(recordsAtObservatory(), before + waiting);
        QCOMPARE(m_ledger->snapshot().setAside, 0);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_observatory.start());
        m_identity =
            relais::test::enrollKiosk(m_observatory, m_dir.filePath(QStringLiteral("identity")),
                                      QStringLiteral("46-bretenoux"), QStringLiteral("borne-1"));
    }

    // Each case starts with a store of its own holding 30 records to send.
    void init()
    {
        m_ledger.reset();
        m_store.reset();
        const QString path = m_dir.filePath(QStringLiteral("kiosk-%1.sqlite").arg(++m_stores));
        m_store = Database::open(path, kioskMigrations());
        m_ledger = std::make_unique<SyncLedger>(*m_store);
        Journal journal(*m_store, QStringLiteral("46-bretenoux"));
        for (int i = 0; i < 30; ++i)
            journal.append(QStringLiteral("agency_chosen"), {{QStringLiteral("agency"), "caf"}});
    }

    void badAnswersLoseNothing_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("failure");
        using M = FaultyServer::Mode;
        QTest::newRow("truncated JSON") << int(M::Truncated) << "unreachable";
        QTest::newRow("wrong ids") << int(M::WrongIds) << "bad_answer";
        QTest::newRow("500") << int(M::ServerError) << "server_error";
        QTest::newRow("slow") << int(M::Slow) << "timeout";
        QTest::newRow("TLS cut mid-body") << int(M::CutMidBody) << "unreachable";
        QTest::newRow("not HTTP") << int(M::NotHttp) << "unreachable";
        QTest::newRow("not the answer") << int(M::Garbage) << "bad_answer";
    }
    void badAnswersLoseNothing()
    {
        QFETCH(int, mode);
        QFETCH(QString, failure);
        FaultyServer server(m_observatory.path());
        server.mode = FaultyServer::Mode(mode);
        const SyncEngine::Round round = roundAgainst(server.serverPort(), m_identity);
        QCOMPARE(server.requests, 1);
        QVERIFY2(!round.failure.isEmpty(), qPrintable(round.detail));
        QCOMPARE(round.failure, failure);
        QCOMPARE(round.settled, 0);
        QCOMPARE(pending(), 30);
        QCOMPARE(m_ledger->snapshot().setAside, 0);
        sendAllToTheObservatory();
    }

    void aServerOfAnotherCaIsRefusedBeforeAnythingIsSent()
    {
        ObservatoryProcess impostor; // its own device CA: not the one the kiosk pins
        FaultyServer server(impostor.path());
        server.mode = FaultyServer::Mode::WrongIds;
        const SyncEngine::Round round = roundAgainst(server.serverPort(), m_identity);
        QCOMPARE(round.failure, QStringLiteral("tls_refused"));
        QCOMPARE(server.requests, 0);
        QCOMPARE(pending(), 30);
        sendAllToTheObservatory();
    }

    // A response the observatory cannot read (a survey it has no definition of) is rejected
    // alone: the kiosk sets it aside and never resends it, the rest goes; the heartbeat then
    // counts it, and the observatory's fleet view shows the count for this kiosk.
    void aRefusedSurveyIsSetAsideAndShownInTheFleet()
    {
        sendAllToTheObservatory();
        SurveyResponses responses(*m_store, QStringLiteral("46-bretenoux"),
                                  QTimeZone(QByteArrayLiteral("Europe/Paris")));
        const SurveyLibrary library = SurveyLibrary::shipped();
        const SurveyResult local = parseSurveyDefinition(R"json({"format": "relais-survey/1",
            "id": "essai-local", "version": 1, "title": {"fr": "Essai", "en": "Trial"},
            "questions": [{"id": "accueil", "kind": "satisfaction",
                           "text": {"fr": "Accueil ?", "en": "Welcome?"}}]})json",
                                                         QStringLiteral("local"));
        QVERIFY(std::holds_alternative<SurveyDefinition>(local));
        const QString known =
            responses.begin(*library.find(QStringLiteral("satisfaction-visite")), {});
        responses.answer(known, QStringLiteral("accueil"), satisfactionLevels().first().id);
        responses.finish(known, true);
        const QString unknown = responses.begin(std::get<SurveyDefinition>(local), {});
        responses.answer(unknown, QStringLiteral("accueil"), satisfactionLevels().first().id);
        responses.finish(unknown, true);
        QCOMPARE(pending(), 2);

        const SyncEngine::Round round = roundAgainst(m_observatory.port(), m_identity);
        QVERIFY2(round.failure.isEmpty(), qPrintable(round.failure + u' ' + round.detail));
        QCOMPARE(round.settled, 2);
        QCOMPARE(pending(), 0);
        const auto aside = m_ledger->setAside();
        QCOMPARE(aside.size(), 1);
        QCOMPARE(aside.first().id, unknown);
        QCOMPARE(aside.first().result, QStringLiteral("rejected"));
        QVERIFY2(aside.first().reason.startsWith(
                     QStringLiteral("unknown_survey: survey \"essai-local\" version 1")),
                 qPrintable(aside.first().reason));
        {
            auto store = Store::open(m_observatory.database());
            QCOMPARE(store
                         ->scalar(QStringLiteral("SELECT COUNT(*) FROM records WHERE id IN (?, ?)"),
                                  {known.toLower(), unknown.toLower()})
                         .toInt(),
                     1);
        }

        HeartbeatFacts facts;
        facts.appVersion = QStringLiteral("0.1.0");
        facts.sync = m_ledger->snapshot();
        QCOMPARE(facts.sync.setAside, 1);
        SyncEngine::Round beat;
        {
            ClientIdentity identity = m_identity;
            identity.observatory =
                QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_observatory.port()));
            ObservatoryTransport transport(std::make_shared<CurlTransport>(), identity, {2, 2, 8});
            SyncEngine engine(*m_ledger, transport, 50);
            std::atomic<bool> done = false;
            std::thread worker([&] {
                beat = engine.sendHeartbeat(QStringLiteral("46-bretenoux"), facts.body());
                done = true;
            });
            (void)QTest::qWaitFor([&] { return done.load(); }, 30000);
            worker.join();
        }
        QVERIFY2(beat.failure.isEmpty(), qPrintable(beat.failure + u' ' + beat.detail));
        auto store = Store::open(m_observatory.database());
        const Table fleet = fleetStatus(*store, IndicatorFilter());
        const qsizetype column = fleet.columns.indexOf(QStringLiteral("set_aside"));
        QVERIFY(column >= 0);
        bool shown = false;
        for (const QVariantList &row : fleet.rows) {
            if (row.value(0) == QStringLiteral("46-bretenoux/borne-1")) {
                QCOMPARE(row.value(column).toLongLong(), 1);
                shown = true;
            }
        }
        QVERIFY(shown);
    }

    void aRevokedKioskKeepsItsRecords()
    {
        ObservatoryProcess other;
        QVERIFY(other.start());
        const ClientIdentity revoked =
            relais::test::enrollKiosk(other, m_dir.filePath(QStringLiteral("revoked")),
                                      QStringLiteral("46-bretenoux"), QStringLiteral("borne-2"));
        other.revoke(QStringLiteral("46-bretenoux/borne-2"));
        const SyncEngine::Round round = roundAgainst(other.port(), revoked);
        QCOMPARE(round.failure, QStringLiteral("revoked"));
        QCOMPARE(pending(), 30);
        sendAllToTheObservatory();
    }

    // Enrolled again elsewhere (a replaced machine, a restored disk): the observatory's answer
    // reaches the mediator's screen as its own message, and the records stay.
    void aSupersededKioskIsToldSoAndKeepsItsRecords()
    {
        ObservatoryProcess other;
        QVERIFY(other.start());
        const ClientIdentity before =
            relais::test::enrollKiosk(other, m_dir.filePath(QStringLiteral("before")),
                                      QStringLiteral("46-bretenoux"), QStringLiteral("borne-3"));
        relais::test::enrollKiosk(other, m_dir.filePath(QStringLiteral("after")),
                                  QStringLiteral("46-bretenoux"), QStringLiteral("borne-3"));
        const SyncEngine::Round round = roundAgainst(other.port(), before);
        QCOMPARE(round.failure, QStringLiteral("certificate_superseded"));
        SyncSnapshot snapshot;
        snapshot.lastFailure = round.failure;
        QVERIFY(SyncStatusText::failure(snapshot).contains(QStringLiteral("nouveau jeton")));
        QCOMPARE(pending(), 30);
        sendAllToTheObservatory();
    }
};

QTEST_GUILESS_MAIN(TestSyncFaultyServer)
#include "tst_sync_faultyserver.moc"
