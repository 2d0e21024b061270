#pragma once

#include "records.h"

#include <QList>
#include <QString>

namespace relais::observatory {

class Store;

struct RecordResult
{
    enum Outcome { Stored, AlreadyStored, Conflict, Rejected };
    QString id;
    Outcome outcome = Stored;
    QString reason; // for Rejected and Conflict: a code from API.md
};

QString outcomeName(RecordResult::Outcome outcome);

// Writes a validated batch in one transaction: either every stored record of the batch is on
// disk with its indicator rows, or none is (a crash mid-batch leaves nothing of it).
class IngestWriter
{
public:
    explicit IngestWriter(Store &store) : m_store(store) {}

    // `site` is the site of the device that sent the batch: records of another site are
    // rejected, whatever else they hold.
    QList<RecordResult> write(const QString &deviceId, const QString &site,
                              const QList<IncomingRecord> &records, const QDateTime &now);

private:
    Store &m_store;
};

} // namespace relais::observatory
