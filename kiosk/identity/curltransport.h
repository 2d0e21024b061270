#pragma once

#include "httpstransport.h"

namespace relais {

// HttpsTransport over libcurl (OpenSSL): TLS 1.2 or later, HTTPS only, the server checked
// against the request's CA alone (the system's CAs are never consulted), the client
// certificate and key given from memory. One easy handle per exchange: safe from any thread.
class CurlTransport final : public HttpsTransport
{
public:
    CurlTransport();
    HttpsResponse perform(const HttpsRequest &request) override;
};

} // namespace relais
