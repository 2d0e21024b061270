// SPDX-License-Identifier: EUPL-1.2
#include "bundlecontent.h"

#include "jsonfields.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace relais {

namespace {

// A list of JSON objects under `key`, each given to `parse`; the first refusal is returned.
template<typename Parse>
QString forEachObject(const QJsonObject &content, const QString &key, const QString &what,
                      Parse parse)
{
    const QJsonValue value = content.value(key);
    if (value.isUndefined())
        return {};
    if (!value.isArray())
        return QStringLiteral("content.%1 must be a list of %2").arg(key, what);
    const QJsonArray list = value.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list.at(i).isObject())
            return QStringLiteral("content.%1[%2] must be an object").arg(key).arg(i);
        const QString refused = parse(QJsonDocument(list.at(i).toObject()).toJson(),
                                      QStringLiteral("%1[%2]").arg(key).arg(i));
        if (!refused.isEmpty())
            return refused;
    }
    return {};
}

} // namespace

BundleContentResult parseBundleContent(const QJsonObject &content, const QString &origin)
{
    for (auto it = content.begin(); it != content.end(); ++it) {
        if (it.key() != QLatin1String("site") && it.key() != QLatin1String("catalog") &&
            it.key() != QLatin1String("procedures") && it.key() != QLatin1String("surveys"))
            return QStringLiteral("content: unknown key \"%1\"").arg(it.key());
    }
    BundleContent parsed;
    try {
        parsed.agencies =
            content.contains(QStringLiteral("catalog"))
                ? AgencyCatalog::fromJson(content.value(QStringLiteral("catalog")).toObject())
                : AgencyCatalog::shipped();
    } catch (const json::FieldError &e) {
        return QStringLiteral("catalog: %1 %2").arg(e.field, e.problem);
    }
    if (!content.value(QStringLiteral("site")).isObject())
        return QStringLiteral("content.site must be a site configuration");
    ConfigResult site =
        parseSiteConfig(content.value(QStringLiteral("site")).toObject(), parsed.agencies, origin);
    if (const auto *error = std::get_if<ConfigError>(&site))
        return error->message();
    parsed.site = std::get<SiteConfig>(std::move(site));

    QString refused =
        forEachObject(content, QStringLiteral("procedures"), QStringLiteral("procedure files"),
                      [&](const QByteArray &bytes, const QString &name) {
                          const ProcedureFileResult file =
                              parseProcedureFile(bytes, name, parsed.agencies);
                          if (const auto *error = std::get_if<ConfigError>(&file))
                              return error->message();
                          parsed.definitions.procedures.append(std::get<ProcedureFile>(file));
                          return QString();
                      });
    if (refused.isEmpty()) {
        refused =
            forEachObject(content, QStringLiteral("surveys"), QStringLiteral("survey definitions"),
                          [&](const QByteArray &bytes, const QString &name) {
                              const SurveyResult survey = parseSurveyDefinition(bytes, name);
                              if (const auto *error = std::get_if<ConfigError>(&survey))
                                  return error->message();
                              parsed.definitions.surveys.append(std::get<SurveyDefinition>(survey));
                              return QString();
                          });
    }
    if (!refused.isEmpty())
        return refused;
    return parsed;
}

} // namespace relais
