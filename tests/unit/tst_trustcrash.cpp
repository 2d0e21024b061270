// SPDX-License-Identifier: EUPL-1.2
// kill -9 while the kiosk replaces its credentials and its configuration bundle, many times:
// each file is always whole (the old one or the new one), the key always matches the
// certificate, and the bundle's version never goes back.
#include "bundles/bundlestore.h"
#include "configbundle.h"
#include "deviceca.h"
#include "identity/kioskidentity.h"
#include "pemfile.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace relais;
namespace pki = relais::provisioning;

class TestTrustCrash : public QObject
{
    Q_OBJECT

private slots:
    void killedWritersLeaveWholeFiles()
    {
        QTemporaryDir ca;
        pki::DeviceCa::create(ca.filePath(QStringLiteral("ca")), QStringLiteral("crash CA"));
        const QString caDir = ca.filePath(QStringLiteral("ca"));
        pki::KeyHandle signer = pki::generateEd25519Key();
        pki::writeFileAtomically(QDir(caDir).filePath(QStringLiteral("bundle-key.pem")),
                                 pki::privateKeyPem(signer.get()), pki::kPrivateFile);
        QTemporaryDir data;
        KioskIdentity identity(data.path());
        identity.storeBundleKey(pki::publicKeyPem(signer.get()));
        BundleStore store(data.path(), identity, {});

        QRandomGenerator random(20261201);
        qint64 lastReported = 0;
        const int cycles = 30;
        for (int cycle = 0; cycle < cycles; ++cycle) {
            QProcess writer;
            writer.start(QStringLiteral(RELAIS_TRUSTWRITER_EXE), {data.path(), caDir});
            QVERIFY(writer.waitForStarted());
            QVERIFY2(writer.waitForReadyRead(30000), "the writer wrote nothing");
            QTest::qWait(static_cast<int>(random.bounded(60)));
            writer.kill(); // SIGKILL, wherever it is
            QVERIFY(writer.waitForFinished());
            QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
            for (const QByteArray &line : writer.readAllStandardOutput().split('\n')) {
                if (!line.isEmpty())
                    lastReported = std::max(lastReported, line.toLongLong());
            }

            const auto credentials = identity.load();
            QVERIFY2(credentials, "the credentials file is damaged or its key is not the "
                                  "certificate's");
            const QFile::Permissions others =
                QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther;
            QVERIFY(!(QFile::permissions(identity.credentialsPath()) & others));
            QVERIFY(credentials->deviceId.startsWith(QStringLiteral("46-crash/borne-")));
            const qint64 version = store.currentVersion();
            QVERIFY2(version >= lastReported,
                     qPrintable(QStringLiteral("version %1 after %2 was reported")
                                    .arg(version)
                                    .arg(lastReported)));
            QVERIFY(store.currentContent().has_value());
        }
        QVERIFY(lastReported >= cycles / 2);
    }
};

QTEST_GUILESS_MAIN(TestTrustCrash)
#include "tst_trustcrash.moc"
