// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QString>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

// Owning handles for the OpenSSL objects the provisioning code passes around, so that every
// early return and exception frees them.
namespace relais::provisioning {

template<typename T, void (*Free)(T *)> struct OpenSslDeleter
{
    void operator()(T *p) const { Free(p); }
};
using KeyHandle = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using CertHandle = std::unique_ptr<X509, OpenSslDeleter<X509, X509_free>>;
using RequestHandle = std::unique_ptr<X509_REQ, OpenSslDeleter<X509_REQ, X509_REQ_free>>;
using BioHandle = std::unique_ptr<BIO, OpenSslDeleter<BIO, BIO_free_all>>;

class CryptoError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

inline void check(bool ok, const char *what)
{
    if (!ok)
        throw CryptoError(std::string("OpenSSL: ") + what);
}

// Runs `write` on a memory BIO and returns what it wrote (PEM text).
QByteArray writePem(const std::function<int(BIO *)> &write);
// A read-only memory BIO over `bytes`, which must outlive it.
BioHandle readBio(const QByteArray &bytes);

KeyHandle generateP256Key();
QByteArray privateKeyPem(EVP_PKEY *key);
QByteArray certificatePem(X509 *cert);
KeyHandle parsePrivateKey(const QByteArray &pem);
CertHandle parseCertificate(const QByteArray &pem);
// True when `key` is an EC key on the P-256 curve, the only kind Relais devices use.
bool isP256(EVP_PKEY *key);

} // namespace relais::provisioning
