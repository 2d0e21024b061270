// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "syncledger.h"
#include "synctransport.h"

#include <QJsonObject>
#include <QSet>

#include <optional>

namespace relais {

// Why the last attempt did not go through, as a code the mediator's screen words and the
// heartbeat carries.
namespace syncfailure {
inline constexpr auto unreachable = "unreachable";  // no answer: no network, refused, cut
inline constexpr auto timeout = "timeout";          // an answer too slow to wait for
inline constexpr auto tlsRefused = "tls_refused";   // TLS failed: wrong CA, bad certificate
inline constexpr auto notEnrolled = "not_enrolled"; // no certificate yet
inline constexpr auto certificateRefused = "certificate_refused"; // 401: certificate refused
inline constexpr auto revoked = "revoked";                        // 403: this kiosk is shut out
inline constexpr auto superseded = "certificate_superseded";      // 403: enrolled again since
inline constexpr auto serverError = "server_error";               // 5xx
inline constexpr auto badAnswer = "bad_answer";                   // an answer that does not parse
} // namespace syncfailure

// One exchange of the sync at a time, blocking (the worker thread calls it): a batch from the
// outbox, the answer checked record by record, the outbox changed accordingly.
class SyncEngine
{
public:
    struct Round
    {
        int sent = 0;    // records in the batch (0: nothing to send)
        int settled = 0; // records the answer took out of the outbox (stored, set aside)
        QString failure; // a syncfailure code, empty when the observatory answered properly
        QString detail;  // for the log
    };

    SyncEngine(SyncLedger &ledger, SyncTransport &transport, int batchSize = 500);
    void setFreeTextQuestions(QSet<QString> keys) { m_freeText = std::move(keys); }

    Round sendBatch();
    // A heartbeat goes straight out, never through the outbox: only the newest one matters,
    // and a week offline must not pile up two thousand of them.
    Round sendHeartbeat(const QString &site, const QJsonObject &body);

private:
    Round exchange(const QList<QJsonObject> &records, const QStringList &ids);
    SyncLedger &m_ledger;
    SyncTransport &m_transport;
    int m_batchSize;
    QSet<QString> m_freeText;
};

// Reads a 200 answer to a batch of `ids`: one result per record, in order, with the same ids.
// Anything else (truncated, ids that do not match, unknown results) is refused whole:
// nothing is taken from the outbox on an answer the kiosk cannot trust.
std::optional<QList<RecordResult>> parseBatchAnswer(const QByteArray &body, const QStringList &ids);

} // namespace relais
