// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "opensslhandles.h"

#include <QList>
#include <QPair>
#include <QString>

namespace relais::provisioning {

// What a certificate says about its holder and how long it lasts. Every certificate Relais
// makes (the device CA, kiosk client certificates, server certificates, the demo certificate)
// goes through buildCertificate so that serials, validity and extensions are made one way.
struct CertificateProfile
{
    QList<QPair<QString, QString>> subject; // e.g. {"O", "Relais"}, {"CN", "…"}
    qint64 validSeconds = 0;
    // Extensions in OpenSSL's config syntax, by NID: {NID_key_usage, "critical,…"}.
    QList<QPair<int, QString>> extensions;
};

// Signs `subjectKey`'s certificate with `issuerKey`; `issuer` null means self-signed.
// Starts an hour in the past so that a kiosk whose clock is a little behind accepts it.
CertHandle buildCertificate(const CertificateProfile &profile, EVP_PKEY *subjectKey, X509 *issuer,
                            EVP_PKEY *issuerKey);

// The certificate's serial number in upper-case hex, as the registry stores it.
QString serialHex(X509 *cert);
// The subject's common name, empty when there is none.
QString commonName(X509 *cert);

} // namespace relais::provisioning
