// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "httpstransport.h"
#include "kioskidentity.h"

#include <QDateTime>
#include <QString>

namespace relais {

// The kiosk's half of observatory/API.md's enrollment: a new P-256 key made here (it never
// leaves the machine), a CSR, the token or the current certificate, the certificate back,
// stored with the key. Blocking: run it off the interface's thread.
class EnrollmentClient
{
public:
    enum class Outcome {
        Enrolled,
        Renewed,
        InvalidAddress, // not an https address the kiosk can use
        NoTrustedCa,    // the pinned CA was not installed
        TokenUnknown,   // no such token, or not a token's shape
        TokenUsed,
        TokenExpired,
        Revoked,
        Unreachable,
        WrongAuthority, // the server's certificate is not from the pinned CA: nothing was sent
        NotEnrolled,    // renewal without credentials
        Expired,        // renewal too late: the certificate has ended, enroll again
        Refused,        // any other refusal or a malformed answer
    };
    struct Result
    {
        Outcome outcome = Outcome::Refused;
        QString detail; // for the log
        QString deviceId;
        QDateTime notAfter;
    };

    EnrollmentClient(KioskIdentity identity, HttpsTransport &transport)
        : m_identity(std::move(identity)), m_transport(transport)
    {}

    // "observatoire.example.fr", "observatoire.example.fr:8444" or "https://…" into
    // "https://host[:port]"; empty when it cannot be one.
    static QString normalizeAddress(const QString &typed);
    // Why the outcome, as a stable code for the screens and the log ("token_used", …).
    static QString code(Outcome outcome);

    Result enroll(const QString &address, const QString &token);
    Result renew(const QDateTime &now);

private:
    Result exchange(const QString &observatoryUrl, const QString &path, const QJsonObject &body,
                    const KioskIdentity::Credentials *current, bool renewal);

    KioskIdentity m_identity;
    HttpsTransport &m_transport;
};

} // namespace relais
