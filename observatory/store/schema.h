// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QStringList>

namespace relais::observatory {

// The schema, one list of statements per version, in SQL that SQLite and PostgreSQL both
// accept. Raw records are kept whole (with their digest, for the identical-resend check);
// the other tables are what the indicators read, filled in the same transaction.
struct SchemaStep
{
    int version;
    QStringList statements;
};

const QList<SchemaStep> &observatorySchema();

} // namespace relais::observatory
