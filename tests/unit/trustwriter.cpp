// SPDX-License-Identifier: EUPL-1.2
// Replaces the kiosk's credentials and its configuration bundle as fast as it can, printing
// each version once written, until it is killed. Used by tst_trustcrash.
#include "bundlefixture.h"
#include "bundles/bundlestore.h"
#include "certificaterequest.h"
#include "deviceca.h"
#include "identity/kioskidentity.h"
#include "pemfile.h"

#include <QCoreApplication>

#include <cstdio>

using namespace relais;
namespace pki = relais::provisioning;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 3)
        return 2;
    const QString data = QString::fromLocal8Bit(argv[1]);
    const QString caDir = QString::fromLocal8Bit(argv[2]);
    const pki::DeviceCa ca = pki::DeviceCa::load(caDir);
    const pki::KeyHandle signer = pki::parsePrivateKey(
        pki::readSmallFile(QDir(caDir).filePath(QStringLiteral("bundle-key.pem"))));
    KioskIdentity identity(data);
    BundleStore store(data, identity, [](const QJsonObject &) { return QString(); });
    const QDateTime expires = QDateTime::currentDateTimeUtc().addDays(30);
    for (qint64 version = store.currentVersion() + 1;; ++version) {
        pki::KeyHandle key = pki::generateP256Key();
        const auto request = pki::CertificateRequest::fromPem(
            pki::CertificateRequest::makePem(key.get(), QStringLiteral("kiosk")));
        const pki::IssuedCertificate cert = ca.issueClientCertificate(
            request, QStringLiteral("46-crash/borne-%1").arg(version), QStringLiteral("46-crash"));
        identity.store(pki::privateKeyPem(key.get()), cert.pem,
                       QStringLiteral("https://observatoire.example"));
        // A large content, so that a write spans several blocks.
        QJsonObject content{{QStringLiteral("padding"), QString(20000 + version % 5000, u'x')}};
        const BundleStatus status =
            store.offer(test::signedBundle(version, expires, signer.get(), nullptr, content),
                        QDateTime::currentDateTimeUtc());
        if (status.result != QLatin1String("accepted"))
            return 3;
        std::printf("%lld\n", static_cast<long long>(version));
        std::fflush(stdout);
    }
}
