#pragma once

#include "localizedtext.h"
#include "siteconfig.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>
#include <variant>

namespace relais {

struct SurveyOption
{
    QString id;
    LocalizedText label;
};

struct SurveyQuestion
{
    enum class Kind {
        Satisfaction,
        YesNo,
        Recommendation,
        SingleChoice,
        MultipleChoice,
        AgeBracket,
        FreeText
    };

    QString id;
    Kind kind = Kind::Satisfaction;
    LocalizedText text;
    QList<SurveyOption> options; // the choices of the choice kinds; fixed for the others

    // The answer as stored (an option id, a boolean, 0–10, a list of ids, a text), or nothing
    // when `value` is not a valid answer to this question.
    std::optional<QJsonValue> checkAnswer(const QJsonValue &value) const;
};

QString surveyKindName(SurveyQuestion::Kind kind);

// The four points of the satisfaction scale, as stored, best first.
const QStringList &satisfactionLevels();

// A survey as loaded from its versioned JSON definition (format "relais-survey/1").
struct SurveyDefinition
{
    QString id;
    int version = 0;
    LocalizedText title;
    QList<SurveyQuestion> questions;

    const SurveyQuestion *find(const QString &questionId) const;
};

using SurveyResult = std::variant<SurveyDefinition, ConfigError>;

// Every field is checked; any mistake is refused with the file, the field and the problem.
SurveyResult parseSurveyDefinition(const QByteArray &bytes, const QString &fileName);
SurveyResult loadSurveyDefinition(const QString &fileName);

} // namespace relais
