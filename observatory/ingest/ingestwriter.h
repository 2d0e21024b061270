// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "records.h"

#include <QList>
#include <QString>

namespace relais::observatory {

class Store;
class SurveyCatalog;

struct RecordResult
{
    enum Outcome { Stored, AlreadyStored, Conflict, Rejected };
    QString id;
    Outcome outcome = Stored;
    QString reason; // for Rejected and Conflict: a code from API.md
    QString detail; // what exactly, when the reason alone does not say (a survey's answer)
};

QString outcomeName(RecordResult::Outcome outcome);

// Writes a validated batch in one transaction: either every stored record of the batch is on
// disk with its indicator rows, or none is (a crash mid-batch leaves nothing of it). A survey
// response is checked against the definition and version it names: one that does not fit is
// rejected alone, the rest of the batch is stored.
class IngestWriter
{
public:
    IngestWriter(Store &store, SurveyCatalog &surveys) : m_store(store), m_surveys(surveys) {}

    // `site` is the site of the device that sent the batch: records of another site are
    // rejected, whatever else they hold.
    QList<RecordResult> write(const QString &deviceId, const QString &site,
                              const QList<IncomingRecord> &records, const QDateTime &now);

private:
    Store &m_store;
    SurveyCatalog &m_surveys;
};

} // namespace relais::observatory
