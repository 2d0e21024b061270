// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QString>

namespace relais {

// One HTTPS exchange with the observatory, trusting one CA only. The kiosk's network code
// talks to this interface so that a test can swap it; CurlTransport is the real one.
struct HttpsRequest
{
    QByteArray method = "GET";
    QString url;
    QByteArray body;
    QByteArray contentType = "application/json";
    QByteArray trustedCaPem; // the only CA the server's certificate may chain to
    // Mutual TLS when both are set (PEM).
    QByteArray clientCertPem;
    QByteArray clientKeyPem;
    int timeoutSeconds = 30;
    int connectTimeoutSeconds = 15;
    // An answer slower than 1 byte/s for this long is given up; 0: only the total limit.
    int stallSeconds = 0;
};

struct HttpsResponse
{
    enum class Failure {
        None,            // an HTTP answer came back (any status)
        Unreachable,     // no connection: name, route, refused
        TimedOut,        // connected, but no whole answer within the limits
        Cut,             // the connection broke during the exchange
        UntrustedServer, // the server's certificate is not from the pinned CA (or wrong name)
        Tls,             // the TLS handshake failed otherwise (e.g. our certificate refused)
        Other,
    };
    Failure failure = Failure::Other;
    int status = 0;
    QByteArray body;
    QString detail; // for the log: the cause as the library named it
};

class HttpsTransport
{
public:
    virtual ~HttpsTransport() = default;
    // Blocking: called from a worker thread, never from the interface's.
    virtual HttpsResponse perform(const HttpsRequest &request) = 0;
};

} // namespace relais
