// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "store/store.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QSqlRecord>

namespace relais::observatory::test {

// Every row of every data table, as one hash: equal snapshots mean nothing was changed.
inline QByteArray storeSnapshot(const QString &database, int *records = nullptr)
{
    auto store = Store::open(database);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const char *table :
         {"records", "call_events", "survey_responses", "survey_answers", "weekly_reports",
          "report_rows", "site_weeks", "kiosk_counts", "site_week_rows", "refusals",
          "journey_events", "heartbeats", "devices", "enrollment_tokens"}) {
        QSqlQuery q = store->prepare(
            QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2").arg(QLatin1String(table)));
        Store::run(q);
        while (q.next()) {
            for (int i = 0; i < q.record().count(); ++i)
                hash.addData(q.value(i).toString().toUtf8() + '\x1f');
            hash.addData("\x1e");
        }
    }
    if (records)
        *records = store->scalar(QStringLiteral("SELECT COUNT(*) FROM records")).toInt();
    return hash.result().toHex();
}

} // namespace relais::observatory::test
