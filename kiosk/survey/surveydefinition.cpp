#include "surveydefinition.h"

#include "jsonfields.h"

#include <QJsonArray>
#include <QSet>

namespace relais {

namespace {

using Kind = SurveyQuestion::Kind;

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

SurveyQuestion readQuestion(const QJsonObject &entry, const QString &path)
{
    using namespace json;
    rejectUnknownKeys(entry,
                      {QStringLiteral("id"), QStringLiteral("kind"), QStringLiteral("text"),
                       QStringLiteral("options")},
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
        return question;
    }
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
    return question;
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

const QStringList &satisfactionLevels()
{
    static const QStringList levels = {QStringLiteral("tres-satisfait"),
                                       QStringLiteral("satisfait"), QStringLiteral("peu-satisfait"),
                                       QStringLiteral("pas-satisfait")};
    return levels;
}

std::optional<QJsonValue> SurveyQuestion::checkAnswer(const QJsonValue &value) const
{
    const auto isOption = [this](const QJsonValue &v) {
        return v.isString() && std::any_of(options.cbegin(), options.cend(),
                                           [&](const auto &o) { return o.id == v.toString(); });
    };
    switch (kind) {
    case Kind::Satisfaction:
        if (value.isString() && satisfactionLevels().contains(value.toString()))
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
    case Kind::SingleChoice:
    case Kind::AgeBracket:
        if (isOption(value))
            return value;
        break;
    case Kind::MultipleChoice: {
        if (!value.isArray() || value.toArray().isEmpty())
            break;
        QJsonArray chosen;
        for (const QJsonValue &v : value.toArray()) {
            if (!isOption(v) || chosen.contains(v))
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

const SurveyQuestion *SurveyDefinition::find(const QString &questionId) const
{
    for (const SurveyQuestion &question : questions) {
        if (question.id == questionId)
            return &question;
    }
    return nullptr;
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

} // namespace relais
