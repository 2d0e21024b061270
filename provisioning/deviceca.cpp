// SPDX-License-Identifier: EUPL-1.2
#include "deviceca.h"

#include "certificatebuilder.h"
#include "certificaterequest.h"
#include "pemfile.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>

#include <openssl/x509v3.h>

#include <stdexcept>

namespace relais::provisioning {

namespace {

constexpr qint64 kDay = 24 * 3600;

QString keyPath(const QString &directory)
{
    return QDir(directory).filePath(QStringLiteral("ca-key.pem"));
}
QString certPath(const QString &directory)
{
    return QDir(directory).filePath(QStringLiteral("ca-cert.pem"));
}

IssuedCertificate describe(X509 *cert)
{
    return {certificatePem(cert), serialHex(cert), notAfterOf(cert)};
}

using StoreHandle = std::unique_ptr<X509_STORE, OpenSslDeleter<X509_STORE, X509_STORE_free>>;
using StoreContextHandle =
    std::unique_ptr<X509_STORE_CTX, OpenSslDeleter<X509_STORE_CTX, X509_STORE_CTX_free>>;

} // namespace

namespace {

QDateTime utcOf(const ASN1_TIME *asn1)
{
    struct tm time = {};
    if (ASN1_TIME_to_tm(asn1, &time) != 1)
        return {};
    return QDateTime(QDate(time.tm_year + 1900, time.tm_mon + 1, time.tm_mday),
                     QTime(time.tm_hour, time.tm_min, time.tm_sec), Qt::UTC);
}

} // namespace

QDateTime notAfterOf(X509 *cert)
{
    return utcOf(X509_get0_notAfter(cert));
}

QDateTime notBeforeOf(X509 *cert)
{
    return utcOf(X509_get0_notBefore(cert));
}

void DeviceCa::create(const QString &directory, const QString &name)
{
    if (QFileInfo::exists(keyPath(directory)) || QFileInfo::exists(certPath(directory)))
        throw std::runtime_error(
            QStringLiteral("%1 already holds a CA; remove it first if you mean to replace it")
                .arg(directory)
                .toStdString());
    if (!QDir().mkpath(directory))
        throw std::runtime_error(
            QStringLiteral("cannot create the folder %1").arg(directory).toStdString());
    KeyHandle key = generateP256Key();
    CertificateProfile profile;
    profile.subject = {{QStringLiteral("O"), QStringLiteral("Relais")},
                       {QStringLiteral("CN"), name}};
    profile.validSeconds = 10 * 365 * kDay;
    profile.extensions = {
        {NID_basic_constraints, QStringLiteral("critical,CA:TRUE,pathlen:0")},
        {NID_key_usage, QStringLiteral("critical,keyCertSign,cRLSign")},
    };
    CertHandle cert = buildCertificate(profile, key.get(), nullptr, key.get());
    writeFileAtomically(keyPath(directory), privateKeyPem(key.get()), kPrivateFile);
    writeFileAtomically(certPath(directory), provisioning::certificatePem(cert.get()), kPublicFile);
}

DeviceCa DeviceCa::load(const QString &directory)
{
    KeyHandle key = parsePrivateKey(readSmallFile(keyPath(directory)));
    if (!isP256(key.get()))
        throw std::runtime_error(
            QStringLiteral("%1 is not a P-256 private key").arg(keyPath(directory)).toStdString());
    CertHandle cert = parseCertificate(readSmallFile(certPath(directory)));
    if (!cert)
        throw std::runtime_error(
            QStringLiteral("%1 is not a PEM certificate").arg(certPath(directory)).toStdString());
    if (X509_check_private_key(cert.get(), key.get()) != 1)
        throw std::runtime_error(QStringLiteral("%1 and %2 do not belong together")
                                     .arg(keyPath(directory), certPath(directory))
                                     .toStdString());
    return DeviceCa(std::move(cert), std::move(key));
}

QByteArray DeviceCa::certificatePem() const
{
    return provisioning::certificatePem(m_cert.get());
}

IssuedCertificate DeviceCa::issueClientCertificate(const CertificateRequest &request,
                                                   const QString &deviceId, const QString &site,
                                                   int days) const
{
    CertificateProfile profile;
    profile.subject = {{QStringLiteral("O"), QStringLiteral("Relais")},
                       {QStringLiteral("OU"), site},
                       {QStringLiteral("CN"), deviceId}};
    profile.validSeconds = days * kDay;
    profile.extensions = {
        {NID_basic_constraints, QStringLiteral("critical,CA:FALSE")},
        {NID_key_usage, QStringLiteral("critical,digitalSignature")},
        {NID_ext_key_usage, QStringLiteral("clientAuth")},
    };
    CertHandle cert = buildCertificate(profile, request.publicKey(), m_cert.get(), m_key.get());
    return describe(cert.get());
}

IssuedCertificate DeviceCa::issueServerCertificate(EVP_PKEY *key, const QStringList &names,
                                                   int days) const
{
    QStringList alternatives;
    for (const QString &name : names)
        alternatives << (QHostAddress(name).isNull() ? QStringLiteral("DNS:") + name
                                                     : QStringLiteral("IP:") + name);
    CertificateProfile profile;
    profile.subject = {{QStringLiteral("O"), QStringLiteral("Relais")},
                       {QStringLiteral("CN"), names.value(0)}};
    profile.validSeconds = days * kDay;
    profile.extensions = {
        {NID_basic_constraints, QStringLiteral("critical,CA:FALSE")},
        {NID_key_usage, QStringLiteral("critical,digitalSignature")},
        {NID_ext_key_usage, QStringLiteral("serverAuth")},
        {NID_subject_alt_name, alternatives.join(QLatin1Char(','))},
    };
    CertHandle cert = buildCertificate(profile, key, m_cert.get(), m_key.get());
    return describe(cert.get());
}

std::optional<DeviceIdentity> DeviceCa::verifyClientCertificate(const QByteArray &der,
                                                                QString *why) const
{
    return verifyDeviceCertificate(m_cert.get(), der, why);
}

std::optional<DeviceIdentity> verifyDeviceCertificate(X509 *ca, const QByteArray &der, QString *why)
{
    auto refuse = [why](const QString &reason) -> std::optional<DeviceIdentity> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    const auto *bytes = reinterpret_cast<const unsigned char *>(der.constData());
    CertHandle leaf(d2i_X509(nullptr, &bytes, static_cast<long>(der.size())));
    if (!leaf)
        return refuse(QStringLiteral("the client certificate cannot be read"));
    StoreHandle store(X509_STORE_new());
    StoreContextHandle context(X509_STORE_CTX_new());
    check(store && context, "cannot allocate a certificate store");
    check(X509_STORE_add_cert(store.get(), ca) == 1, "cannot add the CA");
    check(X509_STORE_CTX_init(context.get(), store.get(), leaf.get(), nullptr) == 1,
          "cannot start a verification");
    X509_STORE_CTX_set_purpose(context.get(), X509_PURPOSE_SSL_CLIENT);
    if (X509_verify_cert(context.get()) != 1)
        return refuse(QStringLiteral("the client certificate does not verify: %1")
                          .arg(QString::fromLatin1(X509_verify_cert_error_string(
                              X509_STORE_CTX_get_error(context.get())))));
    const QString device = commonName(leaf.get());
    if (device.isEmpty())
        return refuse(QStringLiteral("the client certificate names no device"));
    return DeviceIdentity{device, serialHex(leaf.get()), notAfterOf(leaf.get())};
}

} // namespace relais::provisioning
