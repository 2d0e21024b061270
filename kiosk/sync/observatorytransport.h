// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "clientidentity.h"
#include "identity/httpstransport.h"
#include "synctransport.h"

#include <memory>

namespace relais {

// The sync's exchanges with the observatory over the kiosk's one HTTPS transport (mutual TLS
// with the enrolled identity, the pinned CA only), failures named the way the sync judges them.
class ObservatoryTransport final : public SyncTransport
{
public:
    struct Timeouts
    {
        int connectS = 15;
        // An answer slower than 1 byte/s for this many seconds is given up.
        int stallS = 30;
        int totalS = 120;
    };

    ObservatoryTransport(std::shared_ptr<HttpsTransport> https, ClientIdentity identity,
                         Timeouts timeouts);

    TransportReply post(const QString &path, const QByteArray &json) override;
    TransportReply get(const QString &path);

private:
    TransportReply exchange(const QByteArray &method, const QString &path, const QByteArray &json);

    std::shared_ptr<HttpsTransport> m_https;
    ClientIdentity m_identity;
    Timeouts m_timeouts;
};

} // namespace relais
