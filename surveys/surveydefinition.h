// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "configerror.h"
#include "localizedtext.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace relais {

struct SurveyOption
{
    QString id;
    LocalizedText label;
};

// Which figure of the observatory a question's answers feed (the definition's "indicator"):
// questions of any survey and version with the same indicator id add up into one figure.
struct SurveyIndicator
{
    enum class Scale {
        Satisfaction,    // the 4-point scale: very satisfied, and satisfied
        Need,            // was the need met: the codes in `top` and `positive`
        YesNo,           // the share of yes
        Nps,             // 0–10: promoters, passives, detractors
        Choice,          // how the answers split (how the place was known, why one came)
        Profile,         // who answered (gender, age bands)
        MatrixService,   // the accessibility matrix's columns: the service rated
        MatrixCriterion, // one row of the matrix: a criterion on the 4-point scale
    };

    QString id;
    QString label; // French: the partners' dashboard and open data are in French
    Scale scale = Scale::Satisfaction;
    // Answer codes counted as the best answer and as satisfied (top among them). Read from the
    // definition for a "need" question; fixed by the kind for the others (satisfaction: the
    // first level, and the first two; yes/no: yes).
    QStringList top;
    QStringList positive;
};

QString indicatorScaleName(SurveyIndicator::Scale scale);

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
    std::optional<SurveyIndicator> indicator;

    // What a resident picks from, with its words: the options, or the kind's own answers (the
    // satisfaction levels, yes and no); empty for 0–10 and free text.
    QList<SurveyOption> choices() const;

    // The answer as stored (an option id, a boolean, 0–10, a list of ids, a text), or nothing
    // when `value` is not a valid answer to this question.
    std::optional<QJsonValue> checkAnswer(const QJsonValue &value) const;
};

QString surveyKindName(SurveyQuestion::Kind kind);

// The answers of the kinds whose answers are fixed, as recorded and with their words: the four
// points of the satisfaction scale, best first; yes and no (the kiosk stores true and false).
const QList<SurveyOption> &satisfactionLevels();
const SurveyOption &yesAnswer();
const SurveyOption &noAnswer();

// An answer as the kiosk stores it (checkAnswer), as a record carries it to the observatory
// (observatory/API.md): one code or whole number per key; yes and no as their codes; a multiple
// choice as one key per option chosen, "connu-par.affiche": "oui". Nothing for a skipped
// question. Free text is the caller's to leave out (it may hold personal data).
QList<QPair<QString, QJsonValue>> recordedAnswers(const QString &questionId,
                                                  const QJsonValue &stored);

// One recorded answer read back against its definition: the question it answers and the code
// chosen (for a multiple choice, the option).
struct RecordedAnswer
{
    const SurveyQuestion *question = nullptr;
    QString code;
};

struct AnswerRefusal
{
    enum class Why { UnknownQuestion, UnknownAnswer };
    Why why = Why::UnknownQuestion;
    QString detail; // names the question and the code, for the kiosk's log
};

// A survey as loaded from its versioned JSON definition (format "relais-survey/1").
struct SurveyDefinition
{
    QString id;
    int version = 0;
    LocalizedText title;
    QList<SurveyQuestion> questions;

    const SurveyQuestion *find(const QString &questionId) const;
    // `key` and `code` as a record carries them (recordedAnswers); whole numbers as digits.
    std::variant<RecordedAnswer, AnswerRefusal> readRecorded(const QString &key,
                                                             const QString &code) const;
};

using SurveyResult = std::variant<SurveyDefinition, ConfigError>;

// Every field is checked; any mistake is refused with the file, the field and the problem.
SurveyResult parseSurveyDefinition(const QByteArray &bytes, const QString &fileName);
SurveyResult loadSurveyDefinition(const QString &fileName);

// The definitions shipped with every program (surveys/data/), as resource paths.
QStringList shippedSurveyFiles();

} // namespace relais
