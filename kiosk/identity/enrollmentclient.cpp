// SPDX-License-Identifier: EUPL-1.2
#include "enrollmentclient.h"

#include "certificatebuilder.h"
#include "certificaterequest.h"
#include "deviceca.h"
#include "enrollmenttoken.h"
#include "opensslhandles.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrl>

Q_LOGGING_CATEGORY(lcEnrollment, "relais.kiosk.enrollment")

namespace relais {

namespace {

namespace pki = relais::provisioning;
using Outcome = EnrollmentClient::Outcome;

EnrollmentClient::Result failure(Outcome outcome, const QString &detail)
{
    qCWarning(lcEnrollment).noquote()
        << "enrollment:" << EnrollmentClient::code(outcome) << "-" << detail;
    return {outcome, detail, {}, {}};
}

Outcome refusalOutcome(int status, const QString &error)
{
    if (error == QLatin1String("token_used"))
        return Outcome::TokenUsed;
    if (error == QLatin1String("token_expired"))
        return Outcome::TokenExpired;
    if (error == QLatin1String("token_unknown"))
        return Outcome::TokenUnknown;
    if (error == QLatin1String("device_revoked"))
        return Outcome::Revoked;
    if (status == 401 && error == QLatin1String("client_certificate_refused"))
        return Outcome::Expired;
    return Outcome::Refused;
}

} // namespace

QString EnrollmentClient::normalizeAddress(const QString &typed)
{
    QString text = typed.trimmed();
    if (!text.contains(QLatin1String("://")))
        text.prepend(QStringLiteral("https://"));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty() ||
        !url.userInfo().isEmpty() || (!url.path().isEmpty() && url.path() != QLatin1String("/")) ||
        url.hasQuery() || url.hasFragment())
        return {};
    return url.toString(QUrl::RemovePath | QUrl::StripTrailingSlash);
}

QString EnrollmentClient::code(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Enrolled:
        return QStringLiteral("enrolled");
    case Outcome::Renewed:
        return QStringLiteral("renewed");
    case Outcome::InvalidAddress:
        return QStringLiteral("invalid_address");
    case Outcome::NoTrustedCa:
        return QStringLiteral("no_trusted_ca");
    case Outcome::TokenUnknown:
        return QStringLiteral("token_unknown");
    case Outcome::TokenUsed:
        return QStringLiteral("token_used");
    case Outcome::TokenExpired:
        return QStringLiteral("token_expired");
    case Outcome::Revoked:
        return QStringLiteral("revoked");
    case Outcome::Unreachable:
        return QStringLiteral("unreachable");
    case Outcome::WrongAuthority:
        return QStringLiteral("wrong_authority");
    case Outcome::NotEnrolled:
        return QStringLiteral("not_enrolled");
    case Outcome::Expired:
        return QStringLiteral("expired");
    case Outcome::Refused:
        break;
    }
    return QStringLiteral("refused");
}

EnrollmentClient::Result EnrollmentClient::enroll(const QString &address, const QString &token)
{
    const QString url = normalizeAddress(address);
    if (url.isEmpty())
        return failure(Outcome::InvalidAddress, QStringLiteral("not an https address"));
    // Typed on a touch keyboard: spaces around it are never part of a token.
    const QString trimmed = token.trimmed();
    if (!pki::looksLikeEnrollmentToken(trimmed))
        return failure(Outcome::TokenUnknown, QStringLiteral("not a token's shape"));
    return exchange(url, QStringLiteral("/v1/enroll/simpleenroll"),
                    {{QStringLiteral("api"), 1}, {QStringLiteral("token"), trimmed}}, nullptr,
                    false);
}

EnrollmentClient::Result EnrollmentClient::renew(const QDateTime &now)
{
    const auto current = m_identity.load();
    if (!current)
        return failure(Outcome::NotEnrolled, QStringLiteral("no credentials to renew"));
    if (current->expired(now))
        return failure(Outcome::Expired, QStringLiteral("the certificate has ended"));
    return exchange(current->observatoryUrl, QStringLiteral("/v1/enroll/simplereenroll"),
                    {{QStringLiteral("api"), 1}}, &*current, true);
}

EnrollmentClient::Result EnrollmentClient::exchange(const QString &observatoryUrl,
                                                    const QString &path, const QJsonObject &body,
                                                    const KioskIdentity::Credentials *current,
                                                    bool renewal)
{
    HttpsRequest request;
    request.trustedCaPem = m_identity.trustedCaPem();
    if (request.trustedCaPem.isEmpty())
        return failure(Outcome::NoTrustedCa,
                       m_identity.trustedCaPath() + QStringLiteral(" is missing"));
    // A new key every time, renewal included: a key lives one certificate long at most.
    pki::KeyHandle key = pki::generateP256Key();
    QJsonObject payload = body;
    payload.insert(QStringLiteral("csr"),
                   QString::fromLatin1(pki::CertificateRequest::makePem(
                       key.get(), current ? current->deviceId : QStringLiteral("relais-kiosk"))));
    request.method = "POST";
    request.url = observatoryUrl + path;
    request.body = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    if (current) {
        request.clientCertPem = current->certPem;
        request.clientKeyPem = current->keyPem;
    }
    const HttpsResponse response = m_transport.perform(request);
    switch (response.failure) {
    case HttpsResponse::Failure::None:
        break;
    case HttpsResponse::Failure::Unreachable:
    case HttpsResponse::Failure::TimedOut:
    case HttpsResponse::Failure::Cut:
        return failure(Outcome::Unreachable, response.detail);
    case HttpsResponse::Failure::UntrustedServer:
        return failure(Outcome::WrongAuthority, response.detail);
    case HttpsResponse::Failure::Tls:
    case HttpsResponse::Failure::Other:
        return failure(Outcome::Refused, response.detail);
    }
    const QJsonObject answer = QJsonDocument::fromJson(response.body).object();
    if (response.status != 200) {
        const QString error = answer.value(QStringLiteral("error")).toString();
        return failure(refusalOutcome(response.status, error),
                       QStringLiteral("HTTP %1 %2").arg(response.status).arg(error));
    }
    const QByteArray certPem = answer.value(QStringLiteral("certificate")).toString().toLatin1();
    pki::CertHandle cert = pki::parseCertificate(certPem);
    pki::CertHandle ca = pki::parseCertificate(request.trustedCaPem);
    // The certificate must be for the key made here and signed by the pinned CA.
    if (!cert || !ca || X509_verify(cert.get(), X509_get0_pubkey(ca.get())) != 1)
        return failure(Outcome::Refused, QStringLiteral("the answer holds no certificate from "
                                                        "the pinned CA"));
    try {
        m_identity.store(pki::privateKeyPem(key.get()), certPem, observatoryUrl);
    } catch (const std::exception &e) {
        return failure(Outcome::Refused, QString::fromUtf8(e.what()));
    }
    Result result;
    result.outcome = renewal ? Outcome::Renewed : Outcome::Enrolled;
    result.deviceId = pki::commonName(cert.get());
    result.notAfter = pki::notAfterOf(cert.get());
    qCInfo(lcEnrollment).noquote() << (renewal ? "renewed:" : "enrolled:") << result.deviceId
                                   << "until" << result.notAfter.toString(Qt::ISODate);
    return result;
}

} // namespace relais
