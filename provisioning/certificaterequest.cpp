// SPDX-License-Identifier: EUPL-1.2
#include "certificaterequest.h"

#include <openssl/pem.h>

namespace relais::provisioning {

CertificateRequest CertificateRequest::fromPem(const QByteArray &pem)
{
    if (pem.size() > 16 * 1024)
        throw CryptoError("the certificate request is too large");
    BioHandle bio = readBio(pem);
    RequestHandle request(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
    if (!request)
        throw CryptoError("the certificate request is not a PEM PKCS#10 request");
    KeyHandle key(X509_REQ_get_pubkey(request.get()));
    if (!isP256(key.get()))
        throw CryptoError("the certificate request's key is not a P-256 key");
    if (X509_REQ_verify(request.get(), key.get()) != 1)
        throw CryptoError("the certificate request's signature does not verify");
    return CertificateRequest(std::move(key));
}

bool CertificateRequest::hasKeyOf(const QByteArray &certificateDer) const
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(certificateDer.constData());
    CertHandle cert(d2i_X509(nullptr, &bytes, static_cast<long>(certificateDer.size())));
    return cert && EVP_PKEY_eq(X509_get0_pubkey(cert.get()), m_publicKey.get()) == 1;
}

QByteArray CertificateRequest::makePem(EVP_PKEY *key, const QString &commonName)
{
    RequestHandle request(X509_REQ_new());
    check(request != nullptr, "cannot allocate a request");
    check(X509_REQ_set_version(request.get(), 0) == 1, "request version");
    const QByteArray cn = commonName.toUtf8();
    check(X509_NAME_add_entry_by_txt(X509_REQ_get_subject_name(request.get()), "CN", MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char *>(cn.constData()),
                                     static_cast<int>(cn.size()), -1, 0) == 1,
          "request subject");
    check(X509_REQ_set_pubkey(request.get(), key) == 1, "request key");
    check(X509_REQ_sign(request.get(), key, EVP_sha256()) > 0, "cannot sign the request");
    return writePem([&](BIO *bio) { return PEM_write_bio_X509_REQ(bio, request.get()); });
}

} // namespace relais::provisioning
