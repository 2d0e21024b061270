// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "surveydefinition.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <optional>

namespace relais {

// The survey definitions in use, by id. A new definition replaces the one in use only once it
// is fully valid and not older; otherwise it is refused with its reason and nothing changes.
class SurveyLibrary
{
public:
    // The definitions shipped with every program (surveys/data/).
    static SurveyLibrary shipped();

    std::optional<ConfigError> install(const SurveyResult &loaded);
    std::optional<ConfigError> installFile(const QString &fileName);
    // Every *.json of `directory`; returns the refusals (the other files are installed).
    QList<ConfigError> installDirectory(const QString &directory);

    const SurveyDefinition *find(const QString &id) const;
    QStringList ids() const;
    // "survey-id/question-id" of every free-text question: their answers never leave the kiosk.
    QSet<QString> freeTextQuestions() const;

private:
    QHash<QString, SurveyDefinition> m_definitions;
};

} // namespace relais
