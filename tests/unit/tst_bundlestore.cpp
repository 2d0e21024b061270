// SPDX-License-Identifier: EUPL-1.2
// The kiosk's signed configuration: what it takes, what it refuses, and that a refusal
// always leaves the last good bundle in place and is recorded for the heartbeat.
#include "bundlefixture.h"
#include "bundles/bundlecontent.h"
#include "bundles/bundlestore.h"
#include "database.h"
#include "identity/kioskidentity.h"
#include "journal.h"
#include "kiosk.h"
#include "kioskschema.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace relais;
namespace pki = relais::provisioning;

class TestBundleStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    pki::KeyHandle m_key = pki::generateEd25519Key();
    QDateTime m_now = QDateTime::currentDateTimeUtc();
    QDateTime m_later = m_now.addDays(30);

    BundleStore freshStore(QTemporaryDir &dir, EVP_PKEY *pinned)
    {
        KioskIdentity identity(dir.path());
        identity.storeBundleKey(pki::publicKeyPem(pinned));
        return BundleStore(dir.path(), identity, &BundleStore::validateKioskContent);
    }

    QByteArray fileBytes(const QString &path)
    {
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        return file.readAll();
    }

private slots:
    void aValidBundleIsTakenAndKept()
    {
        QTemporaryDir dir;
        BundleStore store = freshStore(dir, m_key.get());
        QCOMPARE(store.lastStatus().result, QStringLiteral("none"));
        const BundleStatus status = store.offer(test::signedBundle(3, m_later, m_key.get()), m_now);
        QCOMPARE(status.result, QStringLiteral("accepted"));
        QCOMPARE(status.versionInUse, 3);
        QCOMPARE(store.currentVersion(), 3);
        QCOMPARE(store.currentContent()
                     ->value(QStringLiteral("site"))[QStringLiteral("site")][QStringLiteral("id")]
                     .toString(),
                 QStringLiteral("46-bretenoux"));
        // The same bundle again is not a rollback.
        QCOMPARE(store.offer(fileBytes(store.currentPath()), m_now).result,
                 QStringLiteral("unchanged"));
        // Recorded on disk for the heartbeat, read back by another instance.
        const BundleStatus reread =
            BundleStore(dir.path(), KioskIdentity(dir.path()), {}).lastStatus();
        QCOMPARE(reread.result, QStringLiteral("unchanged"));
        QCOMPARE(reread.versionInUse, 3);
    }

    void refusalsKeepTheLastGoodBundle_data()
    {
        QTest::addColumn<QByteArray>("offered");
        QTest::addColumn<QString>("result");
        pki::KeyHandle stranger = pki::generateEd25519Key();
        QTest::newRow("rollback") << test::signedBundle(4, m_later, m_key.get())
                                  << QStringLiteral("rollback");
        QTest::newRow("same version, other content")
            << test::signedBundle(5, m_later, m_key.get(), nullptr,
                                  {{QStringLiteral("site"), test::demoSite()}})
            << QStringLiteral("rollback");
        QTest::newRow("freeze: expired")
            << test::signedBundle(6, m_now.addSecs(-60), m_key.get()) << QStringLiteral("expired");
        QTest::newRow("another key")
            << test::signedBundle(6, m_later, stranger.get()) << QStringLiteral("bad_signature");
        QTest::newRow("a key endorsed by a stranger")
            << test::signedBundle(6, m_later, stranger.get(), stranger.get())
            << QStringLiteral("bad_signature");
        QByteArray tampered = test::signedBundle(6, m_later, m_key.get());
        {
            QJsonObject envelope = QJsonDocument::fromJson(tampered).object();
            QByteArray payload = QByteArray::fromBase64(
                envelope.value(QStringLiteral("payload")).toString().toLatin1());
            payload.replace("\"version\":6", "\"version\":9");
            envelope.insert(QStringLiteral("payload"), QString::fromLatin1(payload.toBase64()));
            tampered = QJsonDocument(envelope).toJson();
        }
        QTest::newRow("tampered payload") << tampered << QStringLiteral("bad_signature");
        QTest::newRow("not JSON") << QByteArray("{\"format\": \"relais-bundle/1\", ")
                                  << QStringLiteral("malformed");
        QTest::newRow("unknown envelope key")
            << QByteArray("{\"format\":\"relais-bundle/1\",\"payload\":\"\",\"key\":\"\","
                          "\"signature\":\"\",\"extra\":1}")
            << QStringLiteral("malformed");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("malformed");
        QJsonObject badSite = test::demoSite();
        badSite.insert(QStringLiteral("idle"), QStringLiteral("soon"));
        QTest::newRow("invalid site configuration")
            << test::signedBundle(6, m_later, m_key.get(), nullptr,
                                  {{QStringLiteral("site"), badSite}})
            << QStringLiteral("invalid_content");
        QJsonObject badSurvey = test::demoSurvey();
        badSurvey.remove(QStringLiteral("questions"));
        QTest::newRow("invalid survey")
            << test::signedBundle(6, m_later, m_key.get(), nullptr,
                                  {{QStringLiteral("site"), test::demoSite()},
                                   {QStringLiteral("surveys"), QJsonArray{badSurvey}}})
            << QStringLiteral("invalid_content");
        QJsonObject badProcedures = test::shippedProcedures("caf");
        badProcedures.insert(QStringLiteral("agency"), QStringLiteral("banque-de-france"));
        QTest::newRow("procedures of an agency the catalog lacks")
            << test::signedBundle(6, m_later, m_key.get(), nullptr,
                                  {{QStringLiteral("site"), test::demoSite()},
                                   {QStringLiteral("procedures"), QJsonArray{badProcedures}}})
            << QStringLiteral("invalid_content");
        QTest::newRow("procedures not a list")
            << test::signedBundle(6, m_later, m_key.get(), nullptr,
                                  {{QStringLiteral("site"), test::demoSite()},
                                   {QStringLiteral("procedures"), test::shippedProcedures("caf")}})
            << QStringLiteral("invalid_content");
        QTest::newRow("no site") << test::signedBundle(6, m_later, m_key.get(), nullptr, {})
                                 << QStringLiteral("invalid_content");
    }

    void refusalsKeepTheLastGoodBundle()
    {
        QFETCH(QByteArray, offered);
        QFETCH(QString, result);
        QTemporaryDir dir;
        BundleStore store = freshStore(dir, m_key.get());
        QCOMPARE(store.offer(test::signedBundle(5, m_later, m_key.get()), m_now).result,
                 QStringLiteral("accepted"));
        const QByteArray good = fileBytes(store.currentPath());
        const QByteArray pinned = fileBytes(KioskIdentity(dir.path()).bundleKeyPath());

        const BundleStatus status = store.offer(offered, m_now);
        QCOMPARE(status.result, result);
        QVERIFY(status.refused());
        QVERIFY(!status.detail.isEmpty());
        QCOMPARE(status.versionInUse, 5);
        QCOMPARE(fileBytes(store.currentPath()), good);
        QCOMPARE(fileBytes(KioskIdentity(dir.path()).bundleKeyPath()), pinned);
        QCOMPARE(store.lastStatus().result, result);
        QCOMPARE(store.currentVersion(), 5);
    }

    void rotationNeedsTheEndorsementOfThePinnedKey()
    {
        QTemporaryDir dir;
        BundleStore store = freshStore(dir, m_key.get());
        QCOMPARE(store.offer(test::signedBundle(1, m_later, m_key.get()), m_now).result,
                 QStringLiteral("accepted"));
        pki::KeyHandle next = pki::generateEd25519Key();
        const BundleStatus rotated =
            store.offer(test::signedBundle(2, m_later, next.get(), m_key.get()), m_now);
        QCOMPARE(rotated.result, QStringLiteral("accepted"));
        QCOMPARE(KioskIdentity(dir.path()).bundleKey(), pki::ed25519PublicRaw(next.get()));
        // The new key alone now signs, without an endorsement...
        QCOMPARE(store.offer(test::signedBundle(3, m_later, next.get()), m_now).result,
                 QStringLiteral("accepted"));
        // ...and the retired key is no longer trusted.
        QCOMPARE(store.offer(test::signedBundle(4, m_later, m_key.get()), m_now).result,
                 QStringLiteral("bad_signature"));
        QCOMPARE(store.currentVersion(), 3);
    }

    void noPinnedKeyTakesNothing()
    {
        QTemporaryDir dir;
        BundleStore store(dir.path(), KioskIdentity(dir.path()),
                          &BundleStore::validateKioskContent);
        QCOMPARE(store.offer(test::signedBundle(1, m_later, m_key.get()), m_now).result,
                 QStringLiteral("bad_signature"));
        QVERIFY(!QFileInfo::exists(store.currentPath()));
        QVERIFY(!store.currentContent());
    }

    void aDamagedCurrentFileIsNotUsed()
    {
        QTemporaryDir dir;
        BundleStore store = freshStore(dir, m_key.get());
        QCOMPARE(store.offer(test::signedBundle(2, m_later, m_key.get()), m_now).result,
                 QStringLiteral("accepted"));
        QFile file(store.currentPath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{\"format\": \"relais-bundle/1\"");
        file.close();
        QVERIFY(!store.currentContent());
        QCOMPARE(store.offer(test::signedBundle(1, m_later, m_key.get()), m_now).result,
                 QStringLiteral("accepted"));
    }

    // What the observatory sends replaces the shipped procedures and surveys in the kiosk that
    // starts with it, each only when its version is not older.
    void theKioskRunsWithTheBundledProceduresAndSurveys()
    {
        QJsonObject caf = test::shippedProcedures("caf");
        caf.insert(QStringLiteral("version"), caf.value(QStringLiteral("version")).toInt() + 1);
        QJsonArray procedures = caf.value(QStringLiteral("procedures")).toArray();
        QJsonObject first = procedures.at(0).toObject();
        first.insert(QStringLiteral("title"),
                     QJsonObject{{QStringLiteral("fr"), QStringLiteral("Déclarer mes revenus")},
                                 {QStringLiteral("en"), QStringLiteral("Declare my income")}});
        procedures.replace(0, first);
        caf.insert(QStringLiteral("procedures"), procedures);
        // Then the shipped CAF file again, older than the one just taken.
        const QJsonObject olderCaf = test::shippedProcedures("caf");
        QJsonObject survey = test::demoSurvey();
        survey.insert(QStringLiteral("version"),
                      survey.value(QStringLiteral("version")).toInt() + 1);
        QJsonArray questions = survey.value(QStringLiteral("questions")).toArray();
        questions.removeLast();
        survey.insert(QStringLiteral("questions"), questions);

        const BundleContentResult parsed =
            parseBundleContent({{QStringLiteral("site"), test::demoSite()},
                                {QStringLiteral("procedures"), QJsonArray{caf, olderCaf}},
                                {QStringLiteral("surveys"), QJsonArray{survey}}},
                               QStringLiteral("bundle"));
        if (const auto *refused = std::get_if<QString>(&parsed))
            QFAIL(qPrintable(*refused));
        const BundleContent &content = std::get<BundleContent>(parsed);
        QCOMPARE(content.definitions.procedures.size(), 2);
        QCOMPARE(content.definitions.surveys.size(), 1);

        QTemporaryDir dir;
        auto database =
            Database::open(dir.filePath(QStringLiteral("kiosk.sqlite")), kioskMigrations());
        Journal journal(*database, content.site.siteId);
        const qsizetype shippedQuestions =
            test::demoSurvey().value(QStringLiteral("questions")).toArray().size();
        Kiosk kiosk(content.site, content.agencies, &journal, SessionController::Timing{},
                    content.definitions);
        const QString firstId = first.value(QStringLiteral("id")).toString();
        QVERIFY(kiosk.procedures().find(firstId));
        QCOMPARE(kiosk.procedures().find(firstId)->title.fr,
                 QStringLiteral("Déclarer mes revenus"));
        QCOMPARE(kiosk.procedures().forAgency(QStringLiteral("caf")).size(), procedures.size());
        const SurveyDefinition *installed =
            kiosk.survey()->library().find(survey.value(QStringLiteral("id")).toString());
        QVERIFY(installed);
        QCOMPARE(installed->questions.size(), shippedQuestions - 1);
    }

    // A bundle taken while a resident uses the kiosk waits for the attract screen.
    void aNewBundleRestartsTheKioskOnlyWhenNobodyUsesIt()
    {
        QTemporaryDir dir;
        auto database =
            Database::open(dir.filePath(QStringLiteral("kiosk.sqlite")), kioskMigrations());
        Journal journal(*database, QStringLiteral("46-bretenoux"));
        AgencyCatalog agencies = AgencyCatalog::shipped();
        ConfigResult site = parseSiteConfig(test::demoSite(), agencies, QStringLiteral("demo"));
        Kiosk kiosk(std::get<SiteConfig>(std::move(site)), agencies, &journal,
                    SessionController::Timing{});
        QSignalSpy restart(&kiosk, &Kiosk::restartRequested);
        BundleStatus accepted;
        accepted.result = QStringLiteral("accepted");
        BundleStatus unchanged;
        unchanged.result = QStringLiteral("unchanged");

        emit kiosk.bundles()->checked(unchanged);
        QCOMPARE(restart.size(), 0);
        kiosk.session()->begin();
        kiosk.session()->openAgency(QStringLiteral("caf"));
        emit kiosk.bundles()->checked(accepted);
        QCOMPARE(restart.size(), 0);
        kiosk.session()->endSession();
        QCOMPARE(restart.size(), 0);
        kiosk.session()->acknowledgeGoodbye();
        QCOMPARE(kiosk.session()->state(), SessionController::Attract);
        QCOMPARE(restart.size(), 1);
        // Once only.
        kiosk.session()->begin();
        kiosk.session()->endSession();
        kiosk.session()->acknowledgeGoodbye();
        QCOMPARE(kiosk.session()->state(), SessionController::Attract);
        QCOMPARE(restart.size(), 1);

        // Taken on the attract screen: at once.
        emit kiosk.bundles()->checked(accepted);
        QCOMPARE(restart.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestBundleStore)
#include "tst_bundlestore.moc"
