// SPDX-License-Identifier: EUPL-1.2
#include "certificatebuilder.h"

#include <openssl/bn.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

namespace relais::provisioning {

namespace {

using ExtensionHandle =
    std::unique_ptr<X509_EXTENSION, OpenSslDeleter<X509_EXTENSION, X509_EXTENSION_free>>;

void addExtension(X509 *cert, X509 *issuer, int nid, const QString &value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    ExtensionHandle ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.toLatin1().constData()));
    check(ext != nullptr, "cannot build a certificate extension");
    check(X509_add_ext(cert, ext.get(), -1) == 1, "cannot add a certificate extension");
}

void setRandomSerial(X509 *cert)
{
    unsigned char serial[16];
    check(RAND_bytes(serial, sizeof serial) == 1, "no random bytes for the serial");
    serial[0] &= 0x7f; // a positive serial number
    serial[0] |= 0x01; // and never a short one, so serials all print the same length
    std::unique_ptr<BIGNUM, OpenSslDeleter<BIGNUM, BN_free>> number(
        BN_bin2bn(serial, sizeof serial, nullptr));
    check(number && BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(cert)), "serial");
}

} // namespace

CertHandle buildCertificate(const CertificateProfile &profile, EVP_PKEY *subjectKey, X509 *issuer,
                            EVP_PKEY *issuerKey)
{
    CertHandle cert(X509_new());
    check(cert != nullptr, "cannot allocate a certificate");
    check(X509_set_version(cert.get(), X509_VERSION_3) == 1, "version");
    setRandomSerial(cert.get());
    check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) != nullptr, "not before");
    check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), profile.validSeconds) != nullptr,
          "not after");
    X509_NAME *name = X509_get_subject_name(cert.get());
    for (const auto &[field, value] : profile.subject) {
        const QByteArray utf8 = value.toUtf8();
        check(X509_NAME_add_entry_by_txt(name, field.toLatin1().constData(), MBSTRING_UTF8,
                                         reinterpret_cast<const unsigned char *>(utf8.constData()),
                                         static_cast<int>(utf8.size()), -1, 0) == 1,
              "subject");
    }
    X509 *signer = issuer ? issuer : cert.get();
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) == 1, "issuer");
    check(X509_set_pubkey(cert.get(), subjectKey) == 1, "public key");
    addExtension(cert.get(), signer, NID_subject_key_identifier, QStringLiteral("hash"));
    if (issuer)
        addExtension(cert.get(), signer, NID_authority_key_identifier,
                     QStringLiteral("keyid:always"));
    for (const auto &[nid, value] : profile.extensions)
        addExtension(cert.get(), signer, nid, value);
    check(X509_sign(cert.get(), issuerKey, EVP_sha256()) > 0, "cannot sign the certificate");
    return cert;
}

QString serialHex(X509 *cert)
{
    std::unique_ptr<BIGNUM, OpenSslDeleter<BIGNUM, BN_free>> number(
        ASN1_INTEGER_to_BN(X509_get_serialNumber(cert), nullptr));
    check(number != nullptr, "serial");
    char *hex = BN_bn2hex(number.get());
    check(hex != nullptr, "serial");
    const QString result = QString::fromLatin1(hex);
    OPENSSL_free(hex);
    return result;
}

QString commonName(X509 *cert)
{
    X509_NAME *name = X509_get_subject_name(cert);
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index < 0)
        return {};
    ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0)
        return {};
    const QString result = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return result;
}

} // namespace relais::provisioning
