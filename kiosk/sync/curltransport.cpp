#include "curltransport.h"

#include <QFile>

#include <curl/curl.h>

namespace relais {

namespace {

size_t collect(char *data, size_t size, size_t count, void *target)
{
    static_cast<QByteArray *>(target)->append(data, static_cast<qsizetype>(size * count));
    return size * count;
}

TransportReply::Failure failureOf(CURLcode code)
{
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
        return TransportReply::Failure::Timeout;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_ISSUER_ERROR:
        return TransportReply::Failure::TlsRefused;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
        return TransportReply::Failure::Cut;
    default:
        return TransportReply::Failure::Unreachable;
    }
}

} // namespace

CurlTransport::CurlTransport(QUrl observatory, ClientIdentity identity, Timeouts timeouts)
    : m_observatory(std::move(observatory)), m_identity(std::move(identity)), m_timeouts(timeouts)
{
    static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    Q_UNUSED(initialised);
    m_curl = curl_easy_init();
}

CurlTransport::~CurlTransport()
{
    curl_easy_cleanup(m_curl);
}

TransportReply CurlTransport::post(const QString &path, const QByteArray &json)
{
    TransportReply reply;
    if (!m_curl) {
        reply.failure = TransportReply::Failure::Unreachable;
        reply.detail = QStringLiteral("libcurl could not start");
        return reply;
    }
    QUrl url = m_observatory;
    url.setPath(path);
    const QByteArray urlText = url.toEncoded();
    const QByteArray cert = QFile::encodeName(m_identity.certPath);
    const QByteArray key = QFile::encodeName(m_identity.keyPath);
    const QByteArray ca = QFile::encodeName(m_identity.caPath);

    CURL *c = m_curl;
    curl_easy_setopt(c, CURLOPT_URL, urlText.constData());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    curl_easy_setopt(c, CURLOPT_SSLCERT, cert.constData());
    curl_easy_setopt(c, CURLOPT_SSLKEY, key.constData());
    // Only the device CA: CAINFO alone, and no CAPATH, so the system's CAs never count.
    curl_easy_setopt(c, CURLOPT_CAINFO, ca.constData());
    curl_easy_setopt(c, CURLOPT_CAPATH, nullptr);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, m_timeouts.connectS);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, m_timeouts.totalS);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, m_timeouts.stallS);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, json.constData());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(json.size()));
    curl_slist *headers = curl_slist_append(nullptr, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply.body);
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);

    const CURLcode code = curl_easy_perform(c);
    curl_slist_free_all(headers);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
    if (code != CURLE_OK) {
        reply.failure = failureOf(code);
        reply.detail = QString::fromUtf8(error[0] ? error : curl_easy_strerror(code));
        reply.body.clear();
        return reply;
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    reply.status = static_cast<int>(status);
    return reply;
}

} // namespace relais
