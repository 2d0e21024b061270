// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "records.h"

namespace relais::observatory {

inline constexpr int kApiVersion = 1;

// Parses and validates a whole POST /v1/records body. Throws json::FieldError naming the
// first fault ("records[3].body.week"); nothing is written for a batch that throws.
QList<IncomingRecord> parseBatch(const QByteArray &body, int maxRecords);

// One record (exposed for the demo-data generator, which builds records the way kiosks do).
IncomingRecord parseRecord(const QJsonObject &record, const QString &path);

} // namespace relais::observatory
