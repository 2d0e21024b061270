// SPDX-License-Identifier: EUPL-1.2
// The kiosk's side of device trust against a running relais-observatory, over the real
// libcurl path: enrollment, its refusals, a man in the middle, renewal, revocation, and the
// signed configuration fetched over mutual TLS.
#include "bundles/bundleupdater.h"
#include "configbundle.h"
#include "identity/curltransport.h"
#include "identity/enrollmentclient.h"
#include "identity/enrollmentcontroller.h"
#include "identity/kioskidentity.h"
#include "observatoryprocess.h"
#include "pemfile.h"

#include <QSignalSpy>
#include <QTcpServer>

using namespace relais;
using namespace relais::observatory::test;
namespace pki = relais::provisioning;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

// A kiosk's data folder with the observatory's CA installed, as the kiosk's image has it.
struct KioskData
{
    explicit KioskData(const ObservatoryProcess &server)
    {
        QDir().mkpath(identity.directory());
        pki::writeFileAtomically(identity.trustedCaPath(),
                                 fileBytes(server.path() + QStringLiteral("/ca/ca-cert.pem")),
                                 pki::kPublicFile);
    }
    QTemporaryDir dir;
    relais::KioskIdentity identity{dir.path()};
};

QString address(const ObservatoryProcess &server)
{
    return QStringLiteral("localhost:%1").arg(server.port());
}

int runProvision(const QStringList &arguments)
{
    QProcess provision;
    provision.setProcessChannelMode(QProcess::ForwardedChannels);
    provision.start(QStringLiteral(RELAIS_PROVISION_EXE), arguments);
    provision.waitForFinished(60000);
    return provision.exitCode();
}

} // namespace

class TestKioskTrust : public QObject
{
    Q_OBJECT

private:
    ObservatoryProcess *m_server = nullptr;
    CurlTransport m_transport;
    QTemporaryDir m_keys; // the administrator's bundle signing key

    EnrollmentClient::Result enroll(KioskData &kiosk, const QString &token,
                                    const ObservatoryProcess *server = nullptr)
    {
        EnrollmentClient client(kiosk.identity, m_transport);
        return client.enroll(address(server ? *server : *m_server), token);
    }

    static void fetch(BundleUpdater &updater)
    {
        updater.fetchNow();
        updater.waitForIdle();
    }

    // An enrolled kiosk that pins the administrator's bundle key.
    void enrollWithBundleKey(KioskData &kiosk, const QString &site, const QString &kioskId)
    {
        kiosk.identity.storeBundleKey(
            fileBytes(m_keys.filePath(QStringLiteral("bundle-key.pub.pem"))));
        QCOMPARE(enroll(kiosk, m_server->createKiosk(site, kioskId)).outcome,
                 EnrollmentClient::Outcome::Enrolled);
    }

    void publish(qint64 version, const QString &site, int expiresInDays = 30,
                 const QString &name = {})
    {
        const QString content = m_keys.filePath(QStringLiteral("content.json"));
        QFile file(content);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QFile demo(QStringLiteral(RELAIS_SOURCE_DIR "/kiosk/data/demo-site.json"));
        QVERIFY(demo.open(QIODevice::ReadOnly));
        QJsonObject config = QJsonDocument::fromJson(demo.readAll()).object();
        QJsonObject siteEntry = config.value(QStringLiteral("site")).toObject();
        siteEntry.insert(QStringLiteral("id"), site);
        if (!name.isEmpty())
            siteEntry.insert(QStringLiteral("name"), name);
        config.insert(QStringLiteral("site"), siteEntry);
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("site"), config}}).toJson());
        file.close();
        QDir().mkpath(m_server->path() + QStringLiteral("/bundles"));
        QCOMPARE(
            runProvision(
                {QStringLiteral("sign-bundle"), QStringLiteral("--key"),
                 m_keys.filePath(QStringLiteral("bundle-key.pem")), QStringLiteral("--content"),
                 content, QStringLiteral("--bundle-version"), QString::number(version),
                 QStringLiteral("--expires"),
                 QDateTime::currentDateTimeUtc().addDays(expiresInDays).toString(Qt::ISODate),
                 QStringLiteral("--out"),
                 m_server->path() + QStringLiteral("/bundles/") + site + QStringLiteral(".json")}),
            0);
    }

private slots:
    void initTestCase()
    {
        m_server = new ObservatoryProcess();
        QVERIFY(m_server->start());
        QCOMPARE(
            runProvision({QStringLiteral("bundle-key"), QStringLiteral("--out"), m_keys.path()}),
            0);
    }
    void cleanupTestCase() { delete m_server; }

    void enrollmentEndToEnd()
    {
        KioskData kiosk(*m_server);
        QVERIFY(!kiosk.identity.isEnrolled());
        const auto result = enroll(kiosk, m_server->createKiosk(QStringLiteral("46-bretenoux"),
                                                                QStringLiteral("borne-1")));
        QCOMPARE(EnrollmentClient::code(result.outcome), QStringLiteral("enrolled"));
        QCOMPARE(result.deviceId, QStringLiteral("46-bretenoux/borne-1"));
        const auto credentials = kiosk.identity.load();
        QVERIFY(credentials);
        QCOMPARE(credentials->deviceId, QStringLiteral("46-bretenoux/borne-1"));
        QCOMPARE(credentials->observatoryUrl,
                 QStringLiteral("https://localhost:%1").arg(m_server->port()));
        // The key file is the kiosk's alone.
        const QFile::Permissions mode = QFile::permissions(kiosk.identity.credentialsPath());
        QVERIFY(mode.testFlag(QFile::ReadOwner) && mode.testFlag(QFile::WriteOwner));
        QVERIFY(!(mode & (QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                          QFile::ReadOther | QFile::WriteOther | QFile::ExeOther)));
        // Two thirds of 90 days.
        QVERIFY(qAbs(credentials->notBefore.daysTo(credentials->renewalDue()) - 60) <= 1);
        // The stored identity opens the ingest endpoint over mutual TLS through libcurl.
        HttpsRequest request;
        request.method = "POST";
        request.url = credentials->observatoryUrl + QStringLiteral("/v1/records");
        request.body =
            QJsonDocument(batch({callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("caf"))}))
                .toJson(QJsonDocument::Compact);
        request.trustedCaPem = kiosk.identity.trustedCaPem();
        request.clientCertPem = credentials->certPem;
        request.clientKeyPem = credentials->keyPem;
        const HttpsResponse response = m_transport.perform(request);
        QCOMPARE(response.status, 200);
        QVERIFY2(response.body.contains("\"stored\""), response.body.constData());
    }

    void reusedAndExpiredTokensAreRefused()
    {
        const QString token =
            m_server->createKiosk(QStringLiteral("46-bretenoux"), QStringLiteral("borne-2"));
        KioskData first(*m_server);
        QCOMPARE(enroll(first, token).outcome, EnrollmentClient::Outcome::Enrolled);
        KioskData second(*m_server);
        QCOMPARE(enroll(second, token).outcome, EnrollmentClient::Outcome::TokenUsed);
        QVERIFY(!second.identity.isEnrolled());

        KioskData late(*m_server);
        QCOMPARE(enroll(late, m_server->createKiosk(QStringLiteral("46-bretenoux"),
                                                    QStringLiteral("borne-3"), 1, 3))
                     .outcome,
                 EnrollmentClient::Outcome::TokenExpired);
        QCOMPARE(enroll(late, QString(43, u'A')).outcome, EnrollmentClient::Outcome::TokenUnknown);
        QCOMPARE(enroll(late, QStringLiteral("not a token")).outcome,
                 EnrollmentClient::Outcome::TokenUnknown);
        QVERIFY(!late.identity.isEnrolled());
        QVERIFY(!QFileInfo::exists(late.identity.credentialsPath()));
    }

    void aServerFromAnotherCaIsRefusedAndHearsNothing()
    {
        // A real observatory with its own CA stands where the kiosk expects its own.
        ObservatoryProcess impostor;
        QVERIFY(impostor.start());
        const QString token =
            impostor.createKiosk(QStringLiteral("46-bretenoux"), QStringLiteral("borne-4"));
        KioskData kiosk(*m_server); // pins the genuine CA
        const auto result = enroll(kiosk, token, &impostor);
        QCOMPARE(EnrollmentClient::code(result.outcome), QStringLiteral("wrong_authority"));
        QVERIFY(!kiosk.identity.isEnrolled());
        // Nothing was sent: the impostor never saw the token, which is still unused.
        QVERIFY(impostor.enroll(token));
    }

    void anUnreachableObservatoryIsSaidSo()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        KioskData kiosk(*m_server);
        EnrollmentClient client(kiosk.identity, m_transport);
        QCOMPARE(client.enroll(QStringLiteral("localhost:%1").arg(port), QString(43, u'A')).outcome,
                 EnrollmentClient::Outcome::Unreachable);
        QCOMPARE(client.enroll(QStringLiteral("http://localhost:%1").arg(port), QString(43, u'A'))
                     .outcome,
                 EnrollmentClient::Outcome::InvalidAddress);
        // Without the pinned CA installed, nothing is attempted.
        QTemporaryDir bare;
        EnrollmentClient unpinned(relais::KioskIdentity(bare.path()), m_transport);
        QCOMPARE(unpinned.enroll(address(*m_server), QString(43, u'A')).outcome,
                 EnrollmentClient::Outcome::NoTrustedCa);
    }

    void renewalMakesANewKey()
    {
        KioskData kiosk(*m_server);
        QCOMPARE(enroll(kiosk, m_server->createKiosk(QStringLiteral("46-bretenoux"),
                                                     QStringLiteral("borne-5")))
                     .outcome,
                 EnrollmentClient::Outcome::Enrolled);
        const auto before = kiosk.identity.load();
        EnrollmentClient client(kiosk.identity, m_transport);
        const auto renewed = client.renew(QDateTime::currentDateTimeUtc());
        QCOMPARE(EnrollmentClient::code(renewed.outcome), QStringLiteral("renewed"));
        const auto after = kiosk.identity.load();
        QVERIFY(after);
        QVERIFY(after->keyPem != before->keyPem);
        QVERIFY(after->certPem != before->certPem);
        QCOMPARE(after->deviceId, before->deviceId);
        // An expired certificate is not renewed: the kiosk must be enrolled again.
        QCOMPARE(client.renew(after->notAfter.addSecs(1)).outcome,
                 EnrollmentClient::Outcome::Expired);
    }

    void theControllerNeverBlocksAndRenewsWhenDue()
    {
        KioskData kiosk(*m_server);
        QDateTime now = QDateTime::currentDateTimeUtc();
        EnrollmentController controller(kiosk.identity, std::make_shared<CurlTransport>(),
                                        [&now] { return now; });
        QSignalSpy changed(&controller, &EnrollmentController::credentialsChanged);
        controller.enroll(address(*m_server), m_server->createKiosk(QStringLiteral("46-bretenoux"),
                                                                    QStringLiteral("borne-6")));
        // The call returns at once; the exchange runs on the worker.
        QVERIFY(controller.busy());
        QTRY_VERIFY_WITH_TIMEOUT(!controller.busy(), 30000);
        QCOMPARE(controller.result(), QStringLiteral("enrolled"));
        QVERIFY(controller.enrolled());
        QCOMPARE(controller.deviceId(), QStringLiteral("46-bretenoux/borne-6"));
        QCOMPARE(changed.count(), 1);
        const QByteArray firstKey = kiosk.identity.load()->keyPem;

        controller.renewIfDue(); // far from due: nothing happens
        QVERIFY(!controller.busy());
        now = kiosk.identity.load()->renewalDue().addSecs(60);
        controller.renewIfDue();
        QVERIFY(controller.busy());
        QTRY_VERIFY_WITH_TIMEOUT(!controller.busy(), 30000);
        QCOMPARE(controller.result(), QStringLiteral("renewed"));
        QCOMPARE(changed.count(), 2);
        QVERIFY(kiosk.identity.load()->keyPem != firstKey);

        now = kiosk.identity.load()->notAfter.addDays(1);
        QVERIFY(controller.expired());
    }

    void signedBundlesAreFetchedOverMutualTls()
    {
        KioskData kiosk(*m_server);
        enrollWithBundleKey(kiosk, QStringLiteral("46-gourdon"), QStringLiteral("borne-1"));
        BundleUpdater updater(kiosk.identity, &BundleStore::validateKioskContent,
                              std::make_shared<CurlTransport>(),
                              [] { return QDateTime::currentDateTimeUtc(); });
        fetch(updater);
        QCOMPARE(updater.lastStatus().result, QStringLiteral("no_bundle"));

        publish(7, QStringLiteral("46-gourdon"));
        fetch(updater);
        QCOMPARE(updater.lastStatus().result, QStringLiteral("accepted"));
        QCOMPARE(updater.lastStatus().versionInUse, 7);

        // The server goes back to an older bundle: refused, version 7 kept.
        publish(6, QStringLiteral("46-gourdon"));
        fetch(updater);
        QCOMPARE(updater.lastStatus().result, QStringLiteral("rollback"));
        QCOMPARE(updater.lastStatus().versionInUse, 7);

        // Another site's configuration, even signed and newer, is not this kiosk's.
        publish(9, QStringLiteral("46-bretenoux"));
        QFile::copy(m_server->path() + QStringLiteral("/bundles/46-bretenoux.json"),
                    m_server->path() + QStringLiteral("/bundles/46-gourdon.json.new"));
        QFile::remove(m_server->path() + QStringLiteral("/bundles/46-gourdon.json"));
        QFile::rename(m_server->path() + QStringLiteral("/bundles/46-gourdon.json.new"),
                      m_server->path() + QStringLiteral("/bundles/46-gourdon.json"));
        fetch(updater);
        QCOMPARE(updater.lastStatus().result, QStringLiteral("invalid_content"));
        QCOMPARE(updater.lastStatus().versionInUse, 7);

        // A bundle past its expiry (a frozen server) is refused too.
        publish(8, QStringLiteral("46-gourdon"), -1);
        fetch(updater);
        QCOMPARE(updater.lastStatus().result, QStringLiteral("expired"));
        QCOMPARE(updater.lastStatus().versionInUse, 7);
    }

    void aRevokedKioskIsRefusedAtRenewalAndFetch()
    {
        KioskData kiosk(*m_server);
        enrollWithBundleKey(kiosk, QStringLiteral("46-bretenoux"), QStringLiteral("borne-7"));
        publish(1, QStringLiteral("46-bretenoux"));
        m_server->revoke(QStringLiteral("46-bretenoux/borne-7"));
        const QByteArray before = fileBytes(kiosk.identity.credentialsPath());
        EnrollmentClient client(kiosk.identity, m_transport);
        QCOMPARE(client.renew(QDateTime::currentDateTimeUtc()).outcome,
                 EnrollmentClient::Outcome::Revoked);
        QCOMPARE(fileBytes(kiosk.identity.credentialsPath()), before);
        BundleUpdater updater(kiosk.identity, &BundleStore::validateKioskContent,
                              std::make_shared<CurlTransport>(),
                              [] { return QDateTime::currentDateTimeUtc(); });
        fetch(updater);
        QCOMPARE(updater.lastStatus().result, QStringLiteral("refused"));
        QVERIFY2(updater.lastStatus().detail.contains(QStringLiteral("device_revoked")),
                 qPrintable(updater.lastStatus().detail));
        QCOMPARE(updater.lastStatus().versionInUse, 0);
    }

    // The real kiosk, enrolled and on its attract screen, takes a new bundle and starts again
    // with it in the same process; the bundle being unchanged then, it does not again.
    void aRunningKioskStartsAgainWithANewBundle()
    {
        KioskData kiosk(*m_server);
        enrollWithBundleKey(kiosk, QStringLiteral("46-bretenoux"), QStringLiteral("borne-8"));
        publish(20, QStringLiteral("46-bretenoux"), 30, QStringLiteral("Bretenoux, signée"));
        QProcess program;
        program.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        program.setProcessEnvironment(environment);
        program.start(
            QStringLiteral(RELAIS_KIOSK_EXE),
            {QStringLiteral("--data-dir"), kiosk.dir.path(), QStringLiteral("--windowed")});
        QVERIFY(program.waitForStarted());
        const qint64 pid = program.processId();
        QByteArray output;
        const auto waitFor = [&](const QByteArray &text, int timeoutMs) {
            return QTest::qWaitFor(
                [&] {
                    output += program.readAll();
                    return output.contains(text);
                },
                timeoutMs);
        };
        QVERIFY2(waitFor("starting again with it", 40000), output.constData());
        QVERIFY2(waitFor("configuration bundle version 20 in use for Bretenoux, signée", 20000),
                 output.constData());
        // The same process (systemd keeps watching it), and it stays up.
        QCOMPARE(program.processId(), pid);
        QVERIFY2(waitFor("bundle unchanged version 20", 40000), output.constData());
        QCOMPARE(program.state(), QProcess::Running);
        QCOMPARE(output.count("starting again with it"), 1);
        program.terminate();
        QVERIFY(program.waitForFinished(20000));
    }
};

QTEST_GUILESS_MAIN(TestKioskTrust)
#include "tst_kiosk_trust.moc"
