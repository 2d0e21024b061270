// SPDX-License-Identifier: EUPL-1.2
// relais-hub backup and restore against the real hub: a backup taken while kiosks record
// callbacks and an adviser closes them, restored into an empty folder, passes its integrity
// check and holds every account and every callback acknowledged before it began; a hub started
// on it lets the adviser in with her password. A restore never overwrites a store.
#include "database.h"
#include "hubprocess.h"

#include <QProcess>
#include <QTest>

using namespace relais;
using namespace relais::hub;
using namespace relais::hub::test;

namespace {

const QString kSite = QStringLiteral("19-allday");

QSet<QString> column(const QString &store, const char *sql)
{
    auto db = Database::attach(store);
    Statement select = db->prepare(sql);
    QSet<QString> values;
    while (select.step())
        values.insert(select.text(0));
    return values;
}

} // namespace

class TestHubBackup : public QObject
{
    Q_OBJECT

private slots:
    void backupWhileWritingThenRestore()
    {
        QTemporaryDir scratch;
        HubProcess source;
        QList<std::pair<QString, QString>> agents{{"caf", "m.durand"}};
        for (int i = 0; i < 30; ++i)
            agents.append({QStringLiteral("cpam"), QStringLiteral("agent-%1").arg(i)});
        source.addAgents(agents);
        source.addMediators({{kSite, "c.roux", "Mme Roux"}});
        QVERIFY(source.start());

        Client closer(source.certificate());
        closer.open(source.port());
        closer.helloAgent(QStringLiteral("caf"), QStringLiteral("m.durand"));
        QVERIFY(!closer.next("welcome").isEmpty());
        Client kiosk(source.certificate());
        kiosk.open(source.port());
        kiosk.helloKiosk(kSite, QStringLiteral("borne-1"));
        QVERIFY(!kiosk.next("welcome").isEmpty());

        // One open callback per kiosk and agency: the adviser closes each, so the next is a
        // new write.
        const auto oneCallback = [&]() -> QString {
            kiosk.send({{"type", "callback"}, {"agency", "caf"}});
            const QString id = kiosk.next("callback_recorded").value("callback").toString();
            closer.send({{"type", "callback_done"}, {"callback", id}});
            return closer.next("callback_closed").value("callback").toString() == id ? id
                                                                                     : QString();
        };
        QSet<QString> acknowledgedBefore;
        for (int i = 0; i < 5; ++i)
            acknowledgedBefore.insert(oneCallback());
        QVERIFY(!acknowledgedBefore.contains(QString()));

        const QString file = scratch.filePath(QStringLiteral("hub.backup"));
        QProcess backup;
        backup.start(QStringLiteral(RELAIS_HUB_EXE),
                     {QStringLiteral("backup"), QStringLiteral("--config"), source.configPath(),
                      QStringLiteral("--out"), file});
        QVERIFY(backup.waitForStarted());
        int during = 0;
        while (backup.state() != QProcess::NotRunning || during < 3) {
            QVERIFY(!oneCallback().isEmpty());
            ++during;
        }
        QCOMPARE(backup.exitStatus(), QProcess::NormalExit);
        QCOMPARE(backup.exitCode(), 0);
        QVERIFY(backup.readAllStandardOutput().contains("integrity ok"));

        // Into an empty folder: a configuration, a certificate, no store.
        QTemporaryDir empty;
        HubProcess copy({}, empty.path());
        QVERIFY(!QFile::exists(copy.storePath()));
        QProcess restore;
        restore.start(QStringLiteral(RELAIS_HUB_EXE),
                      {QStringLiteral("restore"), QStringLiteral("--config"), copy.configPath(),
                       QStringLiteral("--from"), file});
        QVERIFY(restore.waitForFinished(60000));
        QCOMPARE(restore.exitCode(), 0);
        auto restored = HubStore::open(copy.storePath(), nullptr);
        QVERIFY(restored);
        QCOMPARE(restored->integrityCheck(), QStringLiteral("ok"));
        QCOMPARE(column(copy.storePath(), "SELECT agency || '/' || login FROM agents"),
                 column(source.storePath(), "SELECT agency || '/' || login FROM agents"));
        QCOMPARE(column(copy.storePath(), "SELECT site || '/' || login FROM mediators").size(), 1);
        const QSet<QString> callbacks = column(copy.storePath(), "SELECT id FROM callbacks");
        for (const QString &id : std::as_const(acknowledgedBefore))
            QVERIFY2(callbacks.contains(id), qPrintable("lost callback " + id));
        restored.reset();

        // A restore never overwrites a store.
        QProcess again;
        again.start(QStringLiteral(RELAIS_HUB_EXE),
                    {QStringLiteral("restore"), QStringLiteral("--config"), copy.configPath(),
                     QStringLiteral("--from"), file});
        QVERIFY(again.waitForFinished(60000));
        QCOMPARE(again.exitCode(), 1);
        QVERIFY(again.readAllStandardError().contains("never overwritten"));

        QVERIFY(copy.start());
        Client adviser(copy.certificate());
        adviser.open(copy.port());
        adviser.helloAgent(QStringLiteral("caf"), QStringLiteral("m.durand"));
        QVERIFY(!adviser.next("welcome").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHubBackup)
#include "tst_hub_backup.moc"
