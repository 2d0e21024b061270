// SPDX-License-Identifier: EUPL-1.2
#include "agencycatalog.h"

#include "jsonfields.h"

#include <QJsonArray>

namespace relais {

namespace {

QHash<QString, QString> readTexts(const QJsonObject &parent, const QString &key,
                                  const QString &path)
{
    const QJsonObject texts = json::object(parent, key, path);
    const QString textsPath = json::child(path, key);
    json::rejectUnknownKeys(texts, {QStringLiteral("fr"), QStringLiteral("en")}, textsPath);
    return {{QStringLiteral("fr"), json::string(texts, QStringLiteral("fr"), textsPath)},
            {QStringLiteral("en"), json::string(texts, QStringLiteral("en"), textsPath)}};
}

} // namespace

QString AgencyInfo::nameIn(const QString &language) const
{
    return name.value(language, name.value(QStringLiteral("fr")));
}

QString AgencyInfo::descriptionIn(const QString &language) const
{
    return description.value(language, description.value(QStringLiteral("fr")));
}

AgencyCatalog AgencyCatalog::fromFile(const QString &fileName)
{
    return fromJson(json::parseFile(fileName));
}

AgencyCatalog AgencyCatalog::fromJson(const QJsonObject &root)
{
    json::rejectUnknownKeys(root, {QStringLiteral("format"), QStringLiteral("agencies")},
                            QString());
    if (json::string(root, QStringLiteral("format"), QString()) !=
        QLatin1String("relais-agency-catalog/1"))
        throw json::FieldError{QStringLiteral("format"),
                               QStringLiteral("must be \"relais-agency-catalog/1\"")};
    const QJsonArray list = json::array(root, QStringLiteral("agencies"), QString());
    AgencyCatalog catalog;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = json::element(QStringLiteral("agencies"), i);
        const QJsonObject entry = json::objectAt(list, i, QStringLiteral("agencies"));
        json::rejectUnknownKeys(entry,
                                {QStringLiteral("id"), QStringLiteral("pictogram"),
                                 QStringLiteral("name"), QStringLiteral("description")},
                                path);
        AgencyInfo info;
        info.id = json::string(entry, QStringLiteral("id"), path, 64);
        if (!json::isIdentifier(info.id))
            throw json::FieldError{json::child(path, QStringLiteral("id")),
                                   QStringLiteral("must be lowercase letters, digits and '-'")};
        if (catalog.find(info.id))
            throw json::FieldError{json::child(path, QStringLiteral("id")),
                                   QStringLiteral("repeats agency \"%1\"").arg(info.id)};
        info.pictogram = json::string(entry, QStringLiteral("pictogram"), path, 64);
        if (!json::isIdentifier(info.pictogram))
            throw json::FieldError{json::child(path, QStringLiteral("pictogram")),
                                   QStringLiteral("must be lowercase letters, digits and '-'")};
        info.name = readTexts(entry, QStringLiteral("name"), path);
        info.description = readTexts(entry, QStringLiteral("description"), path);
        catalog.m_agencies.append(info);
    }
    return catalog;
}

AgencyCatalog AgencyCatalog::shipped()
{
    return fromFile(QStringLiteral(":/relais/data/agencies.json"));
}

const AgencyInfo *AgencyCatalog::find(const QString &id) const
{
    for (const AgencyInfo &info : m_agencies) {
        if (info.id == id)
            return &info;
    }
    return nullptr;
}

QStringList AgencyCatalog::ids() const
{
    QStringList result;
    for (const AgencyInfo &info : m_agencies)
        result << info.id;
    return result;
}

} // namespace relais
