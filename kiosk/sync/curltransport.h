#pragma once

#include "clientidentity.h"
#include "synctransport.h"

#include <QUrl>

typedef void CURL;

namespace relais {

// HTTPS to the observatory with libcurl and OpenSSL: mutual TLS with the kiosk's key and
// certificate, the server checked against the pinned device CA only (not the system's CAs),
// one connection kept alive between batches.
class CurlTransport : public SyncTransport
{
public:
    struct Timeouts
    {
        long connectS = 15;
        // An answer slower than this many seconds under 1 byte/s is given up.
        long stallS = 30;
        long totalS = 120;
    };

    CurlTransport(QUrl observatory, ClientIdentity identity, Timeouts timeouts);
    CurlTransport(QUrl observatory, ClientIdentity identity)
        : CurlTransport(std::move(observatory), std::move(identity), Timeouts{})
    {}
    ~CurlTransport() override;
    CurlTransport(const CurlTransport &) = delete;
    CurlTransport &operator=(const CurlTransport &) = delete;

    TransportReply post(const QString &path, const QByteArray &json) override;

private:
    QUrl m_observatory;
    ClientIdentity m_identity;
    Timeouts m_timeouts;
    CURL *m_curl = nullptr;
};

} // namespace relais
