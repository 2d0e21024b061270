// SPDX-License-Identifier: EUPL-1.2
#include "curltransport.h"

#include <curl/curl.h>

#include <QScopeGuard>

#include <memory>
#include <mutex>

namespace relais {

namespace {

constexpr qsizetype kMaxResponseBytes = 8 * 1024 * 1024;

size_t collect(char *data, size_t size, size_t count, void *target)
{
    auto *body = static_cast<QByteArray *>(target);
    const size_t bytes = size * count;
    if (body->size() + qsizetype(bytes) > kMaxResponseBytes)
        return 0; // makes curl stop with CURLE_WRITE_ERROR
    body->append(data, qsizetype(bytes));
    return bytes;
}

curl_blob blob(const QByteArray &bytes)
{
    return curl_blob{const_cast<char *>(bytes.constData()), size_t(bytes.size()), CURL_BLOB_COPY};
}

HttpsResponse::Failure failureOf(CURLcode code)
{
    switch (code) {
    case CURLE_OK:
        return HttpsResponse::Failure::None;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
        return HttpsResponse::Failure::Unreachable;
    case CURLE_OPERATION_TIMEDOUT:
        return HttpsResponse::Failure::TimedOut;
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
        return HttpsResponse::Failure::Cut;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ISSUER_ERROR:
        return HttpsResponse::Failure::UntrustedServer;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
        return HttpsResponse::Failure::Tls;
    default:
        return HttpsResponse::Failure::Other;
    }
}

} // namespace

CurlTransport::CurlTransport()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

CurlTransport::~CurlTransport()
{
    for (CURL *handle : m_idle)
        curl_easy_cleanup(handle);
}

CURL *CurlTransport::take()
{
    {
        const std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            CURL *handle = m_idle.back();
            m_idle.pop_back();
            // Options go back to their defaults; the live connection stays.
            curl_easy_reset(handle);
            return handle;
        }
    }
    return curl_easy_init();
}

void CurlTransport::giveBack(CURL *handle)
{
    const std::lock_guard lock(m_mutex);
    m_idle.push_back(handle);
}

HttpsResponse CurlTransport::perform(const HttpsRequest &request)
{
    HttpsResponse response;
    CURL *const h = take();
    if (!h) {
        response.detail = QStringLiteral("cannot start libcurl");
        return response;
    }
    const auto handBack = qScopeGuard([&] { giveBack(h); });
    const QByteArray url = request.url.toUtf8();
    curl_easy_setopt(h, CURLOPT_URL, url.constData());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, long(request.connectTimeoutSeconds));
    curl_easy_setopt(h, CURLOPT_TIMEOUT, long(request.timeoutSeconds));
    if (request.stallSeconds > 0) {
        curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, long(request.stallSeconds));
    }
    curl_easy_setopt(h, CURLOPT_SSLVERSION, long(CURL_SSLVERSION_TLSv1_2));
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    // Only the pinned CA: no system bundle, no system folder.
    curl_blob ca = blob(request.trustedCaPem);
    curl_easy_setopt(h, CURLOPT_CAINFO_BLOB, &ca);
    curl_easy_setopt(h, CURLOPT_CAPATH, nullptr);
    curl_blob cert = blob(request.clientCertPem);
    curl_blob key = blob(request.clientKeyPem);
    if (!request.clientCertPem.isEmpty() && !request.clientKeyPem.isEmpty()) {
        curl_easy_setopt(h, CURLOPT_SSLCERT_BLOB, &cert);
        curl_easy_setopt(h, CURLOPT_SSLCERTTYPE, "PEM");
        curl_easy_setopt(h, CURLOPT_SSLKEY_BLOB, &key);
        curl_easy_setopt(h, CURLOPT_SSLKEYTYPE, "PEM");
    }
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr,
                                                                        curl_slist_free_all);
    if (request.method == "POST") {
        const QByteArray type = "Content-Type: " + request.contentType;
        headers.reset(curl_slist_append(nullptr, type.constData()));
        // No "Expect: 100-continue" round trip before the body: the observatory answers a
        // request once it has it whole (observatory/API.md).
        headers.reset(curl_slist_append(headers.release(), "Expect:"));
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
        curl_easy_setopt(h, CURLOPT_POST, 1L);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.constData());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
    }
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);

    const CURLcode code = curl_easy_perform(h);
    // The handle outlives this frame: it must not keep pointers into it.
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    response.failure = failureOf(code);
    if (code == CURLE_OK) {
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        response.status = int(status);
    } else {
        response.body.clear();
        response.detail = QString::fromUtf8(error[0] ? error : curl_easy_strerror(code));
    }
    return response;
}

} // namespace relais
