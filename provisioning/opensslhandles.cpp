// SPDX-License-Identifier: EUPL-1.2
#include "opensslhandles.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>

#include <cstring>

namespace relais::provisioning {

QByteArray writePem(const std::function<int(BIO *)> &write)
{
    BioHandle bio(BIO_new(BIO_s_mem()));
    check(bio && write(bio.get()) == 1, "cannot write PEM");
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

BioHandle readBio(const QByteArray &bytes)
{
    BioHandle bio(BIO_new_mem_buf(bytes.constData(), static_cast<int>(bytes.size())));
    check(bio != nullptr, "cannot allocate a memory BIO");
    return bio;
}

KeyHandle generateP256Key()
{
    KeyHandle key(EVP_EC_gen("P-256"));
    check(key != nullptr, "cannot generate a P-256 key");
    return key;
}

QByteArray privateKeyPem(EVP_PKEY *key)
{
    return writePem([key](BIO *bio) {
        return PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    });
}

QByteArray certificatePem(X509 *cert)
{
    return writePem([cert](BIO *bio) { return PEM_write_bio_X509(bio, cert); });
}

KeyHandle parsePrivateKey(const QByteArray &pem)
{
    BioHandle bio = readBio(pem);
    return KeyHandle(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

CertHandle parseCertificate(const QByteArray &pem)
{
    BioHandle bio = readBio(pem);
    return CertHandle(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

bool isP256(EVP_PKEY *key)
{
    if (key == nullptr || EVP_PKEY_get_base_id(key) != EVP_PKEY_EC)
        return false;
    char group[64] = {};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                       &length) != 1)
        return false;
    return std::strcmp(group, "prime256v1") == 0 || std::strcmp(group, "P-256") == 0;
}

} // namespace relais::provisioning
