// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QString>

namespace relais {

// One HTTP exchange with the observatory, as the sync needs to judge it.
struct TransportReply
{
    // 0 when no HTTP answer came at all (no route, refused, timeout, TLS failure, cut).
    int status = 0;
    QByteArray body;
    // Why there was no answer, for the log and the failure code.
    enum class Failure { None, Unreachable, Timeout, TlsRefused, Cut };
    Failure failure = Failure::None;
    QString detail;
};

// The network behind the sync, so tests can swap it. Calls block; the sync makes them on its
// own thread.
class SyncTransport
{
public:
    virtual ~SyncTransport() = default;
    // POSTs a JSON body to `path` (like "/v1/records") of the observatory.
    virtual TransportReply post(const QString &path, const QByteArray &json) = 0;
};

} // namespace relais
