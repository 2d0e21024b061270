// SPDX-License-Identifier: EUPL-1.2
#include "kioskidentity.h"

#include "certificatebuilder.h"
#include "configbundle.h"
#include "deviceca.h"
#include "opensslhandles.h"
#include "pemfile.h"

#include <QDir>
#include <QFile>

namespace relais {

namespace {

namespace pki = relais::provisioning;

const QByteArray kObservatoryHeader = QByteArrayLiteral("Relais-Observatory: ");
const QByteArray kDeviceHeader = QByteArrayLiteral("Relais-Device: ");

QByteArray readIfPresent(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > 1024 * 1024)
        return {};
    return file.readAll();
}

QByteArray headerValue(const QByteArray &text, const QByteArray &header)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith("-----BEGIN"))
            break;
        if (line.startsWith(header))
            return line.mid(header.size()).trimmed();
    }
    return {};
}

// The one block of `label` in `text` ("PRIVATE KEY", "CERTIFICATE").
QByteArray pemBlock(const QByteArray &text, const QByteArray &label)
{
    const QByteArray begin = "-----BEGIN " + label + "-----";
    const QByteArray end = "-----END " + label + "-----";
    const qsizetype from = text.indexOf(begin);
    const qsizetype to = from < 0 ? -1 : text.indexOf(end, from);
    return to < 0 ? QByteArray() : text.mid(from, to + end.size() - from) + '\n';
}

} // namespace

QDateTime KioskIdentity::Credentials::renewalDue() const
{
    return notBefore.addSecs(notBefore.secsTo(notAfter) * 2 / 3);
}

KioskIdentity::KioskIdentity(const QString &dataDirectory)
    : m_directory(QDir(dataDirectory).filePath(QStringLiteral("identity")))
{}

QString KioskIdentity::trustedCaPath() const
{
    return QDir(m_directory).filePath(QStringLiteral("trusted-ca.pem"));
}

QString KioskIdentity::bundleKeyPath() const
{
    return QDir(m_directory).filePath(QStringLiteral("bundle-key.pem"));
}

QString KioskIdentity::credentialsPath() const
{
    return QDir(m_directory).filePath(QStringLiteral("kiosk.pem"));
}

QByteArray KioskIdentity::trustedCaPem() const
{
    const QByteArray pem = readIfPresent(trustedCaPath());
    return pki::parseCertificate(pem) ? pem : QByteArray();
}

std::optional<KioskIdentity::Credentials> KioskIdentity::load() const
{
    const QByteArray text = readIfPresent(credentialsPath());
    Credentials credentials;
    credentials.keyPem = pemBlock(text, "PRIVATE KEY");
    credentials.certPem = pemBlock(text, "CERTIFICATE");
    pki::KeyHandle key = pki::parsePrivateKey(credentials.keyPem);
    pki::CertHandle cert = pki::parseCertificate(credentials.certPem);
    if (!key || !cert || EVP_PKEY_eq(X509_get0_pubkey(cert.get()), key.get()) != 1)
        return std::nullopt;
    credentials.deviceId = pki::commonName(cert.get());
    credentials.observatoryUrl = QString::fromUtf8(headerValue(text, kObservatoryHeader));
    credentials.notBefore = pki::notBeforeOf(cert.get());
    credentials.notAfter = pki::notAfterOf(cert.get());
    if (credentials.observatoryUrl.isEmpty() || !credentials.notAfter.isValid())
        return std::nullopt;
    return credentials;
}

void KioskIdentity::store(const QByteArray &keyPem, const QByteArray &certPem,
                          const QString &observatoryUrl) const
{
    pki::KeyHandle key = pki::parsePrivateKey(keyPem);
    pki::CertHandle cert = pki::parseCertificate(certPem);
    if (!key || !cert || EVP_PKEY_eq(X509_get0_pubkey(cert.get()), key.get()) != 1)
        throw std::runtime_error("the certificate is not for the kiosk's key");
    QDir().mkpath(m_directory);
    QFile::setPermissions(m_directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QByteArray text = kObservatoryHeader + observatoryUrl.toUtf8() + '\n' + kDeviceHeader +
                            pki::commonName(cert.get()).toUtf8() + '\n' +
                            pki::privateKeyPem(key.get()) + pki::certificatePem(cert.get());
    pki::writeFileAtomically(credentialsPath(), text, pki::kPrivateFile);
}

QByteArray KioskIdentity::bundleKey() const
{
    return pki::ed25519PublicRawFromPem(readIfPresent(bundleKeyPath()));
}

void KioskIdentity::storeBundleKey(const QByteArray &publicKeyPem) const
{
    QDir().mkpath(m_directory);
    pki::writeFileAtomically(bundleKeyPath(), publicKeyPem, pki::kPublicFile);
}

} // namespace relais
