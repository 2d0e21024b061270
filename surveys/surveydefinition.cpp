// SPDX-License-Identifier: EUPL-1.2
#include "surveydefinition.h"

#include "jsonfields.h"

#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QSet>

namespace relais {

namespace {

using Kind = SurveyQuestion::Kind;
using Scale = SurveyIndicator::Scale;

const QList<std::pair<Kind, QString>> &kindNames()
{
    static const QList<std::pair<Kind, QString>> names = {
        {Kind::Satisfaction, QStringLiteral("satisfaction")},
        {Kind::YesNo, QStringLiteral("yes_no")},
        {Kind::Recommendation, QStringLiteral("recommendation")},
        {Kind::SingleChoice, QStringLiteral("single_choice")},
        {Kind::MultipleChoice, QStringLiteral("multiple_choice")},
        {Kind::AgeBracket, QStringLiteral("age_bracket")},
        {Kind::FreeText, QStringLiteral("free_text")},
    };
    return names;
}

struct ScaleRule
{
    Scale scale;
    QString name;
    QList<Kind> reads; // the question kinds this scale can read
};

const QList<ScaleRule> &scaleRules()
{
    static const QList<ScaleRule> rules = {
        {Scale::Satisfaction, QStringLiteral("satisfaction"), {Kind::Satisfaction}},
        {Scale::Need, QStringLiteral("need"), {Kind::SingleChoice}},
        {Scale::YesNo, QStringLiteral("yes_no"), {Kind::YesNo}},
        {Scale::Nps, QStringLiteral("nps"), {Kind::Recommendation}},
        {Scale::Choice,
         QStringLiteral("choice"),
         {Kind::SingleChoice, Kind::MultipleChoice, Kind::YesNo}},
        {Scale::Profile, QStringLiteral("profile"), {Kind::SingleChoice, Kind::AgeBracket}},
        {Scale::MatrixService, QStringLiteral("matrix_service"), {Kind::SingleChoice}},
        {Scale::MatrixCriterion, QStringLiteral("matrix_criterion"), {Kind::Satisfaction}},
    };
    return rules;
}

bool hasOptions(Kind kind)
{
    return kind == Kind::SingleChoice || kind == Kind::MultipleChoice || kind == Kind::AgeBracket;
}

using json::require;

QString readIdentifier(const QJsonObject &parent, const QString &path)
{
    const QString id = json::string(parent, QStringLiteral("id"), path, 64);
    require(json::isIdentifier(id), json::child(path, QStringLiteral("id")),
            QStringLiteral("must be lowercase letters, digits and '-' (1 to 64)"));
    return id;
}

QStringList readCodes(const QJsonObject &entry, const QString &key, const QString &path,
                      const SurveyQuestion &question)
{
    using namespace json;
    const QString at = child(path, key);
    const QJsonArray list = array(entry, key, path);
    require(!list.isEmpty(), at, QStringLiteral("must name at least one option"));
    QStringList codes;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString code = stringAt(list, i, at, 64);
        require(std::any_of(question.options.cbegin(), question.options.cend(),
                            [&](const SurveyOption &o) { return o.id == code; }),
                element(at, i),
                QStringLiteral("\"%1\" is not an option of this question").arg(code));
        require(!codes.contains(code), element(at, i),
                QStringLiteral("repeats option \"%1\"").arg(code));
        codes << code;
    }
    return codes;
}

SurveyIndicator readIndicator(const QJsonObject &parent, const SurveyQuestion &question,
                              const QString &questionPath)
{
    using namespace json;
    const QString path = child(questionPath, QStringLiteral("indicator"));
    const QJsonObject entry = object(parent, QStringLiteral("indicator"), questionPath);
    rejectUnknownKeys(entry,
                      {QStringLiteral("id"), QStringLiteral("label"), QStringLiteral("scale"),
                       QStringLiteral("top"), QStringLiteral("positive")},
                      path);
    SurveyIndicator indicator;
    indicator.id = readIdentifier(entry, path);
    indicator.label = string(entry, QStringLiteral("label"), path, 120).trimmed();
    require(!indicator.label.isEmpty(), child(path, QStringLiteral("label")),
            QStringLiteral("must not be empty"));
    const QString scale = string(entry, QStringLiteral("scale"), path, 32);
    const QString scalePath = child(path, QStringLiteral("scale"));
    const auto rule = std::find_if(scaleRules().cbegin(), scaleRules().cend(),
                                   [&](const ScaleRule &r) { return r.name == scale; });
    if (rule == scaleRules().cend()) {
        QStringList known;
        for (const ScaleRule &r : scaleRules())
            known << r.name;
        throw json::FieldError{scalePath, QStringLiteral("\"%1\" is not a scale (known: %2)")
                                              .arg(scale, known.join(QStringLiteral(", ")))};
    }
    QStringList reads;
    for (const Kind kind : rule->reads)
        reads << surveyKindName(kind);
    require(rule->reads.contains(question.kind), scalePath,
            QStringLiteral("\"%1\" cannot read a \"%2\" question (it reads %3)")
                .arg(scale, surveyKindName(question.kind), reads.join(QStringLiteral(", "))));
    indicator.scale = rule->scale;

    const bool need = indicator.scale == Scale::Need;
    for (const QString &key : {QStringLiteral("top"), QStringLiteral("positive")})
        require(need || !entry.contains(key), child(path, key),
                QStringLiteral("is only for a \"need\" indicator (the question's kind fixes it)"));
    if (need) {
        indicator.positive = readCodes(entry, QStringLiteral("positive"), path, question);
        require(indicator.positive.size() < question.options.size(),
                child(path, QStringLiteral("positive")),
                QStringLiteral("must leave out at least one option"));
        // Without a separate best answer, the satisfied are the top.
        indicator.top = entry.contains(QStringLiteral("top"))
                            ? readCodes(entry, QStringLiteral("top"), path, question)
                            : indicator.positive;
        for (const QString &code : std::as_const(indicator.top))
            require(indicator.positive.contains(code), child(path, QStringLiteral("top")),
                    QStringLiteral("\"%1\" must be among the positive answers too").arg(code));
    } else if (question.kind == Kind::Satisfaction) {
        indicator.top = {satisfactionLevels().at(0).id};
        indicator.positive = {satisfactionLevels().at(0).id, satisfactionLevels().at(1).id};
    } else if (question.kind == Kind::YesNo) {
        indicator.top = indicator.positive = {yesAnswer().id};
    }
    return indicator;
}

SurveyQuestion readQuestion(const QJsonObject &entry, const QString &path)
{
    using namespace json;
    rejectUnknownKeys(entry,
                      {QStringLiteral("id"), QStringLiteral("kind"), QStringLiteral("text"),
                       QStringLiteral("options"), QStringLiteral("indicator")},
                      path);
    SurveyQuestion question;
    question.id = readIdentifier(entry, path);
    const QString kind = string(entry, QStringLiteral("kind"), path, 32);
    QStringList known;
    bool found = false;
    for (const auto &[value, name] : kindNames()) {
        known << name;
        if (name == kind) {
            question.kind = value;
            found = true;
        }
    }
    require(found, child(path, QStringLiteral("kind")),
            QStringLiteral("\"%1\" is not a question kind (known: %2)")
                .arg(kind, known.join(QStringLiteral(", "))));
    question.text = readLocalizedText(entry, QStringLiteral("text"), path, 300);

    const QString optionsPath = child(path, QStringLiteral("options"));
    if (!hasOptions(question.kind)) {
        require(!entry.contains(QStringLiteral("options")), optionsPath,
                QStringLiteral("is not allowed for a \"%1\" question (its answers are fixed)")
                    .arg(kind));
    } else {
        const QJsonArray options = array(entry, QStringLiteral("options"), path);
        require(options.size() >= 2 && options.size() <= 20, optionsPath,
                QStringLiteral("must list 2 to 20 options, found %1").arg(options.size()));
        QSet<QString> ids;
        for (qsizetype i = 0; i < options.size(); ++i) {
            const QString optionPath = element(optionsPath, i);
            const QJsonObject option = objectAt(options, i, optionsPath);
            rejectUnknownKeys(option, {QStringLiteral("id"), QStringLiteral("label")}, optionPath);
            SurveyOption read{readIdentifier(option, optionPath),
                              readLocalizedText(option, QStringLiteral("label"), optionPath, 120)};
            require(!ids.contains(read.id), child(optionPath, QStringLiteral("id")),
                    QStringLiteral("repeats option \"%1\"").arg(read.id));
            ids.insert(read.id);
            question.options.append(read);
        }
    }
    if (entry.contains(QStringLiteral("indicator"))) {
        require(question.kind != Kind::FreeText, child(path, QStringLiteral("indicator")),
                QStringLiteral("is not allowed for free text (it never leaves the kiosk)"));
        question.indicator = readIndicator(entry, question, path);
    }
    return question;
}

// What binds questions together: one id per indicator, and a matrix's criteria with the one
// question that says which service they rate.
void checkIndicators(const SurveyDefinition &definition)
{
    QHash<QString, qsizetype> seen;
    qsizetype services = 0;
    qsizetype criteria = 0;
    qsizetype firstMatrix = -1;
    for (qsizetype i = 0; i < definition.questions.size(); ++i) {
        const auto &indicator = definition.questions.at(i).indicator;
        if (!indicator)
            continue;
        const QString at =
            json::child(json::element(QStringLiteral("questions"), i), QStringLiteral("indicator"));
        require(!seen.contains(indicator->id), json::child(at, QStringLiteral("id")),
                QStringLiteral("repeats indicator \"%1\" of questions[%2]")
                    .arg(indicator->id)
                    .arg(seen.value(indicator->id)));
        seen.insert(indicator->id, i);
        const bool service = indicator->scale == Scale::MatrixService;
        const bool criterion = indicator->scale == Scale::MatrixCriterion;
        if (service || criterion) {
            if (firstMatrix < 0)
                firstMatrix = i;
            services += service;
            criteria += criterion;
            require(services <= 1, json::child(at, QStringLiteral("scale")),
                    QStringLiteral("repeats \"matrix_service\": one question says which service "
                                   "the criteria rate"));
        }
    }
    if (firstMatrix >= 0) {
        const QString at = json::child(json::element(QStringLiteral("questions"), firstMatrix),
                                       QStringLiteral("indicator"));
        require(services == 1, at,
                QStringLiteral("needs a \"matrix_service\" question saying which service the "
                               "criteria rate"));
        require(criteria >= 1, at,
                QStringLiteral("needs at least one \"matrix_criterion\" question"));
    }
}

SurveyDefinition parse(const QJsonObject &root)
{
    using namespace json;
    rejectUnknownKeys(root,
                      {QStringLiteral("format"), QStringLiteral("id"), QStringLiteral("version"),
                       QStringLiteral("title"), QStringLiteral("questions")},
                      QString());
    require(string(root, QStringLiteral("format"), QString()) == QLatin1String("relais-survey/1"),
            QStringLiteral("format"), QStringLiteral("must be \"relais-survey/1\""));
    SurveyDefinition definition;
    definition.id = readIdentifier(root, QString());
    definition.version = integer(root, QStringLiteral("version"), QString(), 1, 1000000);
    definition.title = readLocalizedText(root, QStringLiteral("title"), QString(), 120);
    const QJsonArray questions = array(root, QStringLiteral("questions"), QString());
    require(!questions.isEmpty() && questions.size() <= 40, QStringLiteral("questions"),
            QStringLiteral("must list 1 to 40 questions, found %1").arg(questions.size()));
    for (qsizetype i = 0; i < questions.size(); ++i) {
        const QString path = element(QStringLiteral("questions"), i);
        SurveyQuestion question =
            readQuestion(objectAt(questions, i, QStringLiteral("questions")), path);
        require(definition.find(question.id) == nullptr, child(path, QStringLiteral("id")),
                QStringLiteral("repeats question \"%1\"").arg(question.id));
        definition.questions.append(question);
    }
    checkIndicators(definition);
    return definition;
}

} // namespace

QString surveyKindName(SurveyQuestion::Kind kind)
{
    for (const auto &[value, name] : kindNames()) {
        if (value == kind)
            return name;
    }
    return {};
}

QString indicatorScaleName(SurveyIndicator::Scale scale)
{
    for (const ScaleRule &rule : scaleRules()) {
        if (rule.scale == scale)
            return rule.name;
    }
    return {};
}

const QList<SurveyOption> &satisfactionLevels()
{
    static const QList<SurveyOption> levels = {
        {QStringLiteral("tres-satisfait"),
         {QStringLiteral("Très satisfait"), QStringLiteral("Very satisfied")}},
        {QStringLiteral("satisfait"), {QStringLiteral("Satisfait"), QStringLiteral("Satisfied")}},
        {QStringLiteral("peu-satisfait"),
         {QStringLiteral("Peu satisfait"), QStringLiteral("Not very satisfied")}},
        {QStringLiteral("pas-satisfait"),
         {QStringLiteral("Pas satisfait"), QStringLiteral("Not satisfied")}},
    };
    return levels;
}

const SurveyOption &yesAnswer()
{
    static const SurveyOption yes{QStringLiteral("oui"),
                                  {QStringLiteral("Oui"), QStringLiteral("Yes")}};
    return yes;
}

const SurveyOption &noAnswer()
{
    static const SurveyOption no{QStringLiteral("non"),
                                 {QStringLiteral("Non"), QStringLiteral("No")}};
    return no;
}

QList<SurveyOption> SurveyQuestion::choices() const
{
    switch (kind) {
    case Kind::Satisfaction:
        return satisfactionLevels();
    case Kind::YesNo:
        return {yesAnswer(), noAnswer()};
    case Kind::Recommendation:
    case Kind::FreeText:
        return {};
    case Kind::SingleChoice:
    case Kind::MultipleChoice:
    case Kind::AgeBracket:
        break;
    }
    return options;
}

std::optional<QJsonValue> SurveyQuestion::checkAnswer(const QJsonValue &value) const
{
    const auto isChoice = [this](const QJsonValue &v) {
        const QList<SurveyOption> all = choices();
        return v.isString() && std::any_of(all.cbegin(), all.cend(),
                                           [&](const auto &o) { return o.id == v.toString(); });
    };
    switch (kind) {
    case Kind::Satisfaction:
    case Kind::SingleChoice:
    case Kind::AgeBracket:
        if (isChoice(value))
            return value;
        break;
    case Kind::YesNo:
        if (value.isBool())
            return value;
        break;
    case Kind::Recommendation: {
        const double n = value.toDouble(-1);
        if (value.isDouble() && n >= 0 && n <= 10 && n == static_cast<int>(n))
            return QJsonValue(static_cast<int>(n));
        break;
    }
    case Kind::MultipleChoice: {
        if (!value.isArray() || value.toArray().isEmpty())
            break;
        QJsonArray chosen;
        for (const QJsonValue &v : value.toArray()) {
            if (!isChoice(v) || chosen.contains(v))
                return std::nullopt;
            chosen.append(v);
        }
        return chosen;
    }
    case Kind::FreeText: {
        const QString text = value.toString().trimmed();
        if (value.isString() && !text.isEmpty())
            return QJsonValue(text.left(500));
        break;
    }
    }
    return std::nullopt;
}

QList<QPair<QString, QJsonValue>> recordedAnswers(const QString &questionId,
                                                  const QJsonValue &stored)
{
    if (stored.isBool())
        return {{questionId, stored.toBool() ? yesAnswer().id : noAnswer().id}};
    if (stored.isDouble())
        return {{questionId, stored.toInt()}};
    if (stored.isString())
        return {{questionId, stored}};
    QList<QPair<QString, QJsonValue>> answers;
    // The API has one code per key: one yes per option chosen.
    for (const QJsonValue &option : stored.toArray())
        answers.append({questionId + u'.' + option.toString(), yesAnswer().id});
    return answers;
}

const SurveyQuestion *SurveyDefinition::find(const QString &questionId) const
{
    for (const SurveyQuestion &question : questions) {
        if (question.id == questionId)
            return &question;
    }
    return nullptr;
}

std::variant<RecordedAnswer, AnswerRefusal>
SurveyDefinition::readRecorded(const QString &key, const QString &code) const
{
    using Why = AnswerRefusal::Why;
    const qsizetype dot = key.indexOf(u'.');
    const SurveyQuestion *question = find(dot < 0 ? key : key.left(dot));
    if (!question)
        return AnswerRefusal{Why::UnknownQuestion,
                             QStringLiteral("survey \"%1\" version %2 has no question \"%3\"")
                                 .arg(id)
                                 .arg(version)
                                 .arg(dot < 0 ? key : key.left(dot))};
    const auto refused = [&](const QString &why) {
        return AnswerRefusal{Why::UnknownAnswer,
                             QStringLiteral("question \"%1\": \"%2\" %3").arg(key, code, why)};
    };
    const QList<SurveyOption> choices = question->choices();
    const auto isChoice = [&](const QString &c) {
        return std::any_of(choices.cbegin(), choices.cend(),
                           [&](const SurveyOption &o) { return o.id == c; });
    };
    switch (question->kind) {
    case Kind::MultipleChoice: {
        if (dot < 0)
            return refused(QStringLiteral("is not how a multiple choice is sent (one "
                                          "\"question.option\": \"%1\" per option)")
                               .arg(yesAnswer().id));
        const QString option = key.mid(dot + 1);
        if (!isChoice(option))
            return refused(QStringLiteral("names no option of the question"));
        if (code != yesAnswer().id)
            return refused(QStringLiteral("is not \"%1\"").arg(yesAnswer().id));
        return RecordedAnswer{question, option};
    }
    case Kind::FreeText:
        return refused(
            QStringLiteral("answers a free-text question, which never leaves the kiosk"));
    case Kind::Recommendation: {
        bool number = false;
        const int n = code.toInt(&number);
        if (dot >= 0 || !number || n < 0 || n > 10 || QString::number(n) != code)
            return refused(QStringLiteral("is not a whole number from 0 to 10"));
        return RecordedAnswer{question, code};
    }
    case Kind::Satisfaction:
    case Kind::YesNo:
    case Kind::SingleChoice:
    case Kind::AgeBracket:
        break;
    }
    if (dot >= 0)
        return AnswerRefusal{
            Why::UnknownQuestion,
            QStringLiteral("survey \"%1\" version %2 has no question \"%3\" (\"%4\" is not a "
                           "multiple choice)")
                .arg(id)
                .arg(version)
                .arg(key, question->id)};
    if (!isChoice(code)) {
        QStringList codes;
        for (const SurveyOption &choice : choices)
            codes << choice.id;
        return refused(QStringLiteral("is not one of %1").arg(codes.join(QStringLiteral(", "))));
    }
    return RecordedAnswer{question, code};
}

SurveyResult parseSurveyDefinition(const QByteArray &bytes, const QString &fileName)
{
    try {
        return parse(json::parseObject(bytes));
    } catch (const json::FieldError &error) {
        return ConfigError{fileName, error.field, error.problem};
    }
}

SurveyResult loadSurveyDefinition(const QString &fileName)
{
    try {
        return parse(json::parseFile(fileName, 256 * 1024));
    } catch (const json::FieldError &error) {
        return ConfigError{fileName, error.field, error.problem};
    }
}

QStringList shippedSurveyFiles()
{
    const QDir dir(QStringLiteral(":/relais/surveys"));
    QStringList files;
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

} // namespace relais
