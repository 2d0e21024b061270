// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "opensslhandles.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace relais::provisioning {

class CertificateRequest;

// Who a verified client certificate belongs to.
struct DeviceIdentity
{
    QString deviceId; // the subject's common name, "<site>/<kiosk>"
    QString serial;   // upper-case hex
    QDateTime notAfter;
};

struct IssuedCertificate
{
    QByteArray pem;
    QString serial;
    QDateTime notAfter;
};

// The observatory's device CA: a P-256 key and a self-signed certificate (10 years) in a
// folder (ca-key.pem 0600, ca-cert.pem). It signs kiosk client certificates and the servers'
// certificates, and is the only issuer a kiosk's client certificate is checked against.
class DeviceCa
{
public:
    static constexpr int kClientCertificateDays = 90;

    // Creates the folder's CA; refuses to overwrite an existing one. Throws.
    static void create(const QString &directory, const QString &name);
    // Throws std::runtime_error naming the file when the CA cannot be used.
    static DeviceCa load(const QString &directory);

    QByteArray certificatePem() const;
    X509 *certificate() const { return m_cert.get(); }

    // Subject O=Relais, OU=<site>, CN=<deviceId>; clientAuth only; `days` of validity.
    IssuedCertificate issueClientCertificate(const CertificateRequest &request,
                                             const QString &deviceId, const QString &site,
                                             int days = kClientCertificateDays) const;
    // serverAuth for the given DNS names and IP addresses.
    IssuedCertificate issueServerCertificate(EVP_PKEY *key, const QStringList &names,
                                             int days = 825) const;

    // Checks the chain up to this CA only (not the system's), the validity dates and the
    // clientAuth purpose. `der` is the leaf as the TLS layer received it.
    std::optional<DeviceIdentity> verifyClientCertificate(const QByteArray &der,
                                                          QString *why = nullptr) const;

private:
    DeviceCa(CertHandle cert, KeyHandle key) : m_cert(std::move(cert)), m_key(std::move(key)) {}
    CertHandle m_cert;
    KeyHandle m_key;
};

QDateTime notAfterOf(X509 *cert);
QDateTime notBeforeOf(X509 *cert);

// What DeviceCa::verifyClientCertificate checks, for a holder of the CA's certificate only
// (relais-hub): the chain up to `ca` alone, the dates, the clientAuth purpose.
std::optional<DeviceIdentity> verifyDeviceCertificate(X509 *ca, const QByteArray &der,
                                                      QString *why = nullptr);

} // namespace relais::provisioning
