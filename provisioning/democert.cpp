// SPDX-License-Identifier: EUPL-1.2
#include "democert.h"

#include "certificatebuilder.h"
#include "pemfile.h"

#include <QDir>

#include <openssl/x509v3.h>

#include <stdexcept>

namespace relais::provisioning {

DemoCertificate makeDemoCertificate(const QString &directory, const QStringList &moreAddresses)
{
    if (!QDir().mkpath(directory))
        throw std::runtime_error(
            QStringLiteral("cannot create the folder %1").arg(directory).toStdString());

    KeyHandle key = generateP256Key();
    QString names = QStringLiteral("DNS:localhost,IP:127.0.0.1,IP:::1");
    for (const QString &address : moreAddresses)
        names += QStringLiteral(",IP:") + address;
    CertificateProfile profile;
    profile.subject = {{QStringLiteral("O"), QStringLiteral("Relais demo")},
                       {QStringLiteral("CN"), QStringLiteral("localhost")}};
    profile.validSeconds = 365L * 24 * 3600;
    profile.extensions = {
        {NID_basic_constraints, QStringLiteral("critical,CA:FALSE")},
        {NID_key_usage, QStringLiteral("critical,digitalSignature")},
        {NID_ext_key_usage, QStringLiteral("serverAuth")},
        {NID_subject_alt_name, names},
    };
    CertHandle cert = buildCertificate(profile, key.get(), nullptr, key.get());

    DemoCertificate result{QDir(directory).filePath(QStringLiteral("hub-cert.pem")),
                           QDir(directory).filePath(QStringLiteral("hub-key.pem"))};
    writeFileAtomically(result.keyPath, privateKeyPem(key.get()), kPrivateFile);
    writeFileAtomically(result.certPath, certificatePem(cert.get()), kPublicFile);
    return result;
}

} // namespace relais::provisioning
