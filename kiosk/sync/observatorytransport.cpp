// SPDX-License-Identifier: EUPL-1.2
#include "observatorytransport.h"

namespace relais {

ObservatoryTransport::ObservatoryTransport(std::shared_ptr<HttpsTransport> https,
                                           ClientIdentity identity, Timeouts timeouts)
    : m_https(std::move(https)), m_identity(std::move(identity)), m_timeouts(timeouts)
{}

TransportReply ObservatoryTransport::post(const QString &path, const QByteArray &json)
{
    return exchange("POST", path, json);
}

TransportReply ObservatoryTransport::get(const QString &path)
{
    return exchange("GET", path, {});
}

TransportReply ObservatoryTransport::exchange(const QByteArray &method, const QString &path,
                                              const QByteArray &json)
{
    QUrl url = m_identity.observatory;
    url.setPath(path);
    HttpsRequest request;
    request.method = method;
    request.url = url.toString();
    request.body = json;
    request.trustedCaPem = m_identity.caPem;
    request.clientCertPem = m_identity.certPem;
    request.clientKeyPem = m_identity.keyPem;
    request.connectTimeoutSeconds = m_timeouts.connectS;
    request.stallSeconds = m_timeouts.stallS;
    request.timeoutSeconds = m_timeouts.totalS;
    const HttpsResponse response = m_https->perform(request);

    TransportReply reply;
    reply.detail = response.detail;
    switch (response.failure) {
    case HttpsResponse::Failure::None:
        reply.status = response.status;
        reply.body = response.body;
        break;
    case HttpsResponse::Failure::TimedOut:
        reply.failure = TransportReply::Failure::Timeout;
        break;
    case HttpsResponse::Failure::UntrustedServer:
    case HttpsResponse::Failure::Tls:
        reply.failure = TransportReply::Failure::TlsRefused;
        break;
    case HttpsResponse::Failure::Cut:
        reply.failure = TransportReply::Failure::Cut;
        break;
    case HttpsResponse::Failure::Unreachable:
    case HttpsResponse::Failure::Other:
        reply.failure = TransportReply::Failure::Unreachable;
        break;
    }
    return reply;
}

} // namespace relais
