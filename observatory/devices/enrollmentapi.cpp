// SPDX-License-Identifier: EUPL-1.2
#include "enrollmentapi.h"

#include "certificaterequest.h"
#include "deviceauth.h"
#include "deviceca.h"
#include "deviceregistry.h"
#include "jsonfields.h"
#include "store/store.h"

#include <QJsonObject>

namespace relais::observatory {

namespace {

using provisioning::CertificateRequest;

struct EnrollBody
{
    QString token;
    QByteArray csr;
};

EnrollBody parseBody(const QByteArray &bytes, bool withToken)
{
    using namespace relais::json;
    const QJsonObject root = parseObject(bytes);
    QStringList allowed = {QStringLiteral("api"), QStringLiteral("csr")};
    if (withToken)
        allowed << QStringLiteral("token");
    rejectUnknownKeys(root, allowed, QString());
    if (integer(root, QStringLiteral("api"), QString(), 1, 1000) != 1)
        throw FieldError{QStringLiteral("api"), QStringLiteral("version is not supported")};
    EnrollBody body;
    if (withToken)
        body.token = string(root, QStringLiteral("token"), QString(), 100);
    body.csr = string(root, QStringLiteral("csr"), QString(), 16 * 1024).toLatin1();
    return body;
}

net::HttpResponse issued(const provisioning::IssuedCertificate &certificate, const Device &device,
                         const provisioning::DeviceCa &ca)
{
    return net::HttpResponse::json(
        200, QJsonDocument(QJsonObject{
                 {QStringLiteral("api"), 1},
                 {QStringLiteral("device"), device.deviceId},
                 {QStringLiteral("site"), device.site},
                 {QStringLiteral("certificate"), QString::fromLatin1(certificate.pem)},
                 {QStringLiteral("ca"), QString::fromLatin1(ca.certificatePem())},
                 {QStringLiteral("not_after"), certificate.notAfter.toString(Qt::ISODate)}}));
}

} // namespace

net::HttpResponse EnrollmentApi::simpleEnroll(const net::HttpRequest &request)
{
    EnrollBody body;
    std::optional<CertificateRequest> csr;
    try {
        body = parseBody(request.body, true);
        csr.emplace(CertificateRequest::fromPem(body.csr));
    } catch (const json::FieldError &e) {
        return net::HttpResponse::error(400, QStringLiteral("malformed"),
                                        e.field.isEmpty()
                                            ? QStringLiteral("the body %1").arg(e.problem)
                                            : e.field + u' ' + e.problem);
    } catch (const provisioning::CryptoError &e) {
        return net::HttpResponse::error(400, QStringLiteral("csr_refused"),
                                        QString::fromUtf8(e.what()));
    }
    Device device;
    DeviceRegistry::TokenCheck check = DeviceRegistry::TokenCheck::Unknown;
    provisioning::IssuedCertificate certificate;
    m_store.transaction([&] {
        check = m_registry.burnToken(body.token, m_clock(), &device);
        if (check != DeviceRegistry::TokenCheck::Accepted)
            return;
        certificate = m_ca.issueClientCertificate(*csr, device.deviceId, device.site);
        m_registry.recordCertificate(device.deviceId, certificate.serial, certificate.notAfter);
    });
    if (check != DeviceRegistry::TokenCheck::Accepted)
        return net::HttpResponse::error(
            check == DeviceRegistry::TokenCheck::Revoked ? 403 : 401, tokenCheckCode(check),
            QStringLiteral("the enrollment token was refused; ask the "
                           "observatory's administrator for a new one"));
    qInfo("relais-observatory: enrolled %s (certificate %s)", qPrintable(device.deviceId),
          qPrintable(certificate.serial));
    return issued(certificate, device, m_ca);
}

net::HttpResponse EnrollmentApi::simpleReenroll(const net::HttpRequest &request)
{
    const auto who = authenticateDevice(request, m_ca, m_registry);
    if (const auto *refusal = std::get_if<net::HttpResponse>(&who))
        return *refusal;
    const Device device = std::get<Device>(who);
    std::optional<CertificateRequest> csr;
    try {
        csr.emplace(CertificateRequest::fromPem(parseBody(request.body, false).csr));
    } catch (const json::FieldError &e) {
        return net::HttpResponse::error(400, QStringLiteral("malformed"),
                                        e.field.isEmpty()
                                            ? QStringLiteral("the body %1").arg(e.problem)
                                            : e.field + u' ' + e.problem);
    } catch (const provisioning::CryptoError &e) {
        return net::HttpResponse::error(400, QStringLiteral("csr_refused"),
                                        QString::fromUtf8(e.what()));
    }
    // Re-enrollment renews the key as well: a certificate for the same key would extend the
    // life of a key that may have leaked.
    if (csr->hasKeyOf(request.clientCertificateDer))
        return net::HttpResponse::error(400, QStringLiteral("same_key"),
                                        QStringLiteral("re-enrollment needs a new key"));
    provisioning::IssuedCertificate certificate;
    bool renewed = false;
    m_store.transaction([&] {
        certificate = m_ca.issueClientCertificate(*csr, device.deviceId, device.site);
        renewed = m_registry.renewCertificate(device.deviceId, device.certSerial,
                                              certificate.serial, certificate.notAfter);
    });
    if (!renewed)
        return net::HttpResponse::error(
            403, QStringLiteral("certificate_superseded"),
            QStringLiteral("the certificate of %1 was replaced while it was being renewed")
                .arg(device.deviceId));
    qInfo("relais-observatory: re-enrolled %s (certificate %s)", qPrintable(device.deviceId),
          qPrintable(certificate.serial));
    return issued(certificate, device, m_ca);
}

} // namespace relais::observatory
