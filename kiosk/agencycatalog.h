// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace relais {

// What the kiosk knows about a partner agency, independent of any site: its names and its
// one-line plain-language description in each shipped language, and the pictogram to show.
struct AgencyInfo
{
    QString id;
    QString pictogram;
    QHash<QString, QString> name;        // language -> text
    QHash<QString, QString> description; // language -> text

    QString nameIn(const QString &language) const;
    QString descriptionIn(const QString &language) const;
};

class AgencyCatalog
{
public:
    // Throws json::FieldError; the shipped catalog lives at :/relais/data/agencies.json.
    static AgencyCatalog fromFile(const QString &fileName);
    static AgencyCatalog fromJson(const QJsonObject &root);
    static AgencyCatalog shipped();

    const AgencyInfo *find(const QString &id) const;
    QStringList ids() const;

private:
    QList<AgencyInfo> m_agencies;
};

} // namespace relais
