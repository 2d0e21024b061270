// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "opensslhandles.h"

#include <QByteArray>
#include <QString>

namespace relais::provisioning {

// A PKCS#10 certificate request (CSR) whose self-signature has been checked and whose key is a
// P-256 key. The CA takes only the public key from it: the subject of the certificate it
// issues comes from the enrollment record, never from what the device wrote in its request.
class CertificateRequest
{
public:
    // Throws CryptoError with a reason a device's operator can act on.
    static CertificateRequest fromPem(const QByteArray &pem);
    // What a kiosk does: a request for `key` with `commonName`, signed with SHA-256.
    static QByteArray makePem(EVP_PKEY *key, const QString &commonName);

    EVP_PKEY *publicKey() const { return m_publicKey.get(); }
    // True when the DER certificate is for the same key as this request.
    bool hasKeyOf(const QByteArray &certificateDer) const;

private:
    explicit CertificateRequest(KeyHandle publicKey) : m_publicKey(std::move(publicKey)) {}
    KeyHandle m_publicKey;
};

} // namespace relais::provisioning
