// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace relais::observatory {

class Store;
class SurveyCatalog;

struct OpenDataFile
{
    QString name;      // "frequentation": frequentation.csv and frequentation.schema.json
    QByteArray csv;    // UTF-8, comma separated, header of field names
    QByteArray schema; // Table Schema (JSON), licence Etalab 2.0
};

// The public files, per quarter and territory, with an "Ensemble" row per quarter and a total
// column: kinds of help (the weekly grids), video calls by agency, for each satisfaction
// indicator the definitions name (the welcome, the service) its answers
// ("satisfaction-<indicator>"), persons (kiosk sessions) by autonomy and by how their session
// ended, guided procedures by agency. Cells under 11 are published as "<11", with secondary
// suppression so no total reveals them.
// Only the weeks from `fromWeek` to `toWeek` are counted (a release: one closed quarter).
QList<OpenDataFile> makeOpenData(Store &store, const SurveyCatalog &surveys,
                                 const QString &fromWeek = QStringLiteral("2000-W01"),
                                 const QString &toWeek = QStringLiteral("2999-W52"));

// Writes every file into `directory`; throws std::runtime_error naming the file.
void writeOpenData(const QList<OpenDataFile> &files, const QString &directory);

} // namespace relais::observatory
