// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "httpstransport.h"

#include <mutex>
#include <vector>

typedef void CURL;

namespace relais {

// HttpsTransport over libcurl (OpenSSL): TLS 1.2 or later, HTTPS only, the server checked
// against the request's CA alone (the system's CAs are never consulted), the client
// certificate and key given from memory. Safe from any thread: an exchange takes an idle
// easy handle (or makes one) and gives it back, so that a connection is kept alive between
// the sync's batches without two threads ever sharing a handle.
class CurlTransport final : public HttpsTransport
{
public:
    CurlTransport();
    ~CurlTransport() override;
    CurlTransport(const CurlTransport &) = delete;
    CurlTransport &operator=(const CurlTransport &) = delete;

    HttpsResponse perform(const HttpsRequest &request) override;

private:
    CURL *take();
    void giveBack(CURL *handle);

    std::mutex m_mutex;
    std::vector<CURL *> m_idle;
};

} // namespace relais
