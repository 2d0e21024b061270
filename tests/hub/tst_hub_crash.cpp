// SPDX-License-Identifier: EUPL-1.2
// kill -9 of relais-hub while kiosks record callbacks (an agent closing them, as a kiosk has
// one open per agency) and add-agent writes accounts into the same store: after every kill the
// store passes PRAGMA integrity_check, every callback the hub acknowledged is there, and every
// account add-agent reported is there.
#include "hubprocess.h"

#include <QDir>
#include <QRandomGenerator>
#include <QTest>

#include <sqlite3.h>

using namespace relais::hub::test;

namespace {
const QString kSite = QStringLiteral("19-allday");
constexpr int kRounds = 6;
constexpr int kKiosks = 3;
} // namespace

class TestHubCrash : public QObject
{
    Q_OBJECT

private:
    // Opened read-only with SQLite itself, as a separate reader would after a crash.
    static QStringList column(const QString &path, const char *sql, QString *integrity)
    {
        sqlite3 *db = nullptr;
        QStringList values;
        if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE,
                            nullptr) != SQLITE_OK) {
            *integrity = QStringLiteral("cannot open");
            sqlite3_close(db);
            return values;
        }
        sqlite3_stmt *check = nullptr;
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr);
        if (sqlite3_step(check) == SQLITE_ROW)
            *integrity =
                QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(check, 0)));
        sqlite3_finalize(check);
        sqlite3_stmt *select = nullptr;
        sqlite3_prepare_v2(db, sql, -1, &select, nullptr);
        while (sqlite3_step(select) == SQLITE_ROW)
            values << QString::fromUtf8(
                reinterpret_cast<const char *>(sqlite3_column_text(select, 0)));
        sqlite3_finalize(select);
        sqlite3_close(db);
        return values;
    }

private slots:
    void killedWhileWriting()
    {
        QTemporaryDir dir;
        QSet<QString> acknowledged;
        QSet<QString> agentsReported;
        int agentNumber = 0;
        for (int round = 0; round < kRounds; ++round) {
            HubProcess hub({}, dir.path());
            hub.addAgents({{"caf", "closer"}});
            QVERIFY(hub.start());
            // A kiosk has one open callback per agency: an agent closes each one it sees, so
            // that the kiosks' next ones are new writes too.
            Client closer(hub.certificate());
            closer.open(hub.port());
            closer.helloAgent("caf", "closer");
            QVERIFY(!closer.next("welcome").isEmpty());
            QSet<QString> closing;
            qsizetype closerSeen = 0;

            std::vector<std::unique_ptr<Client>> kiosks;
            for (int k = 0; k < kKiosks; ++k) {
                kiosks.push_back(std::make_unique<Client>(hub.certificate()));
                kiosks.back()->open(hub.port());
            }
            for (int k = 0; k < kKiosks; ++k) {
                QVERIFY(kiosks[k]->waitConnected());
                kiosks[k]->helloKiosk(kSite, QStringLiteral("borne-%1").arg(k + 1));
                QVERIFY(!kiosks[k]->next("welcome").isEmpty());
            }
            // Each kiosk asks for the next callback as soon as the last is acknowledged,
            // so writes are in flight whenever the kill comes.
            for (auto &kiosk : kiosks)
                kiosk->send({{"type", "callback"}, {"agency", "caf"}});
            // add-agent processes write into the same store meanwhile.
            std::vector<std::unique_ptr<QProcess>> writers;
            for (int w = 0; w < 2; ++w) {
                auto writer = std::make_unique<QProcess>();
                const QString login = QStringLiteral("agent-%1").arg(++agentNumber);
                writer->setObjectName(login);
                writer->start(QStringLiteral(RELAIS_HUB_EXE),
                              {"add-agent", "--config", hub.configPath(), "--agency", "cpam",
                               "--login", login, "--display-name", "Conseiller CPAM"});
                writer->write("a long enough password\n");
                writer->closeWriteChannel();
                writers.push_back(std::move(writer));
            }

            const int runMs = 300 + QRandomGenerator::global()->bounded(500);
            QElapsedTimer timer;
            timer.start();
            QHash<Client *, qsizetype> seen;
            while (timer.elapsed() < runMs) {
                // At most one callback per kiosk per 25 ms: under the 50 messages a second
                // that would get a kiosk cut off.
                QTest::qWait(25);
                // At most one close per 25 ms too.
                for (; closerSeen < closer.received.size(); ++closerSeen) {
                    const QJsonObject &message = closer.received[closerSeen];
                    for (const QJsonValue &open : message.value("callbacks").toArray())
                        closing.insert(open.toObject().value("callback").toString());
                }
                if (!closing.isEmpty()) {
                    const QString id = *closing.cbegin();
                    closing.remove(id);
                    closer.send({{"type", "callback_done"}, {"callback", id}});
                }
                for (auto &kiosk : kiosks) {
                    qsizetype &from = seen[kiosk.get()];
                    bool answered = false;
                    for (; from < kiosk->received.size(); ++from) {
                        const QJsonObject &message = kiosk->received[from];
                        QVERIFY2(message.value("type").toString() != "error",
                                 qPrintable(message.value("message").toString()));
                        if (message.value("type").toString() == "callback_recorded") {
                            acknowledged.insert(message.value("callback").toString());
                            answered = true;
                        }
                    }
                    if (answered)
                        kiosk->send({{"type", "callback"}, {"agency", "caf"}});
                }
            }
            // The kill lands while the last callbacks are being written, and one add-agent
            // may die with it.
            for (auto &kiosk : kiosks)
                kiosk->send({{"type", "callback"}, {"agency", "caf"}});
            QTest::qWait(QRandomGenerator::global()->bounded(4));
            hub.kill9();
            if (round % 2 == 1 && writers[0]->state() != QProcess::NotRunning) {
                writers[0]->kill();
                writers[0]->waitForFinished();
            }
            // Anything acknowledged before the kill counts, even if read just after.
            QTest::qWait(50);
            for (auto &kiosk : kiosks) {
                for (const QJsonObject &message : kiosk->received) {
                    if (message.value("type").toString() == "callback_recorded")
                        acknowledged.insert(message.value("callback").toString());
                }
            }
            for (auto &writer : writers) {
                QVERIFY(writer->state() == QProcess::NotRunning || writer->waitForFinished(60000));
                if (writer->exitStatus() == QProcess::NormalExit && writer->exitCode() == 0)
                    agentsReported.insert(writer->objectName());
                else if (writer->exitStatus() == QProcess::NormalExit)
                    qWarning() << "add-agent failed:" << writer->readAllStandardError();
            }

            QString integrity;
            const QStringList callbacks =
                column(hub.storePath(), "SELECT id FROM callbacks", &integrity);
            QCOMPARE(integrity, QStringLiteral("ok"));
            const QSet<QString> stored(callbacks.begin(), callbacks.end());
            for (const QString &id : std::as_const(acknowledged))
                QVERIFY2(stored.contains(id), qPrintable("lost callback " + id));
            const QStringList agents = column(
                hub.storePath(), "SELECT login FROM agents WHERE agency = 'cpam'", &integrity);
            for (const QString &login : std::as_const(agentsReported))
                QVERIFY2(agents.contains(login), qPrintable("lost agent " + login));
            qInfo() << "round" << round << ":" << acknowledged.size() << "callbacks acknowledged,"
                    << stored.size() << "stored," << agentsReported.size() << "agents";
        }
        QVERIFY(acknowledged.size() >= kRounds); // the test did write under the kill
        // Never judged damaged and moved aside at a restart.
        QVERIFY(QDir(dir.path()).entryList({"hub.sqlite.corrupt-*"}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHubCrash)
#include "tst_hub_crash.moc"
