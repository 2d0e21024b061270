// SPDX-License-Identifier: EUPL-1.2
#include "surveylibrary.h"

#include <QDir>

namespace relais {

SurveyLibrary SurveyLibrary::shipped()
{
    SurveyLibrary library;
    for (const QString &file : shippedSurveyFiles()) {
        if (const auto refused = library.installFile(file))
            qFatal("shipped survey definition refused: %s", qPrintable(refused->message()));
    }
    return library;
}

std::optional<ConfigError> SurveyLibrary::install(const SurveyResult &loaded)
{
    if (const auto *error = std::get_if<ConfigError>(&loaded))
        return *error;
    const auto &definition = std::get<SurveyDefinition>(loaded);
    const auto current = m_definitions.constFind(definition.id);
    if (current != m_definitions.constEnd() && current->version > definition.version)
        return ConfigError{QString(), QStringLiteral("version"),
                           QStringLiteral("%1 of survey \"%2\" is older than the one in use (%3)")
                               .arg(definition.version)
                               .arg(definition.id)
                               .arg(current->version)};
    m_definitions.insert(definition.id, definition);
    return std::nullopt;
}

std::optional<ConfigError> SurveyLibrary::installFile(const QString &fileName)
{
    auto error = install(loadSurveyDefinition(fileName));
    if (error && error->file.isEmpty())
        error->file = fileName;
    return error;
}

QList<ConfigError> SurveyLibrary::installDirectory(const QString &directory)
{
    QList<ConfigError> refused;
    const QDir dir(directory);
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QString path = dir.filePath(name);
        if (const auto error = installFile(path))
            refused.append(*error);
    }
    return refused;
}

const SurveyDefinition *SurveyLibrary::find(const QString &id) const
{
    const auto it = m_definitions.constFind(id);
    return it == m_definitions.constEnd() ? nullptr : &*it;
}

QStringList SurveyLibrary::ids() const
{
    QStringList ids = m_definitions.keys();
    ids.sort();
    return ids;
}

QSet<QString> SurveyLibrary::freeTextQuestions() const
{
    QSet<QString> keys;
    for (const SurveyDefinition &definition : m_definitions)
        for (const SurveyQuestion &question : definition.questions)
            if (question.kind == SurveyQuestion::Kind::FreeText)
                keys.insert(definition.id + u'/' + question.id);
    return keys;
}

} // namespace relais
