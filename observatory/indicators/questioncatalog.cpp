#include "questioncatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace relais::observatory {

const QuestionCatalog &QuestionCatalog::builtIn()
{
    static const QuestionCatalog catalog = [] {
        QFile file(QStringLiteral(":/relais/observatory/questions.json"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("the built-in questions.json is missing");
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QuestionCatalog c;
        for (const QJsonValue &q : root.value(QStringLiteral("questions")).toArray())
            c.questions << Question{q[QStringLiteral("id")].toString(),
                                    q[QStringLiteral("label")].toString(),
                                    q[QStringLiteral("scale")].toString()};
        const QJsonObject scales = root.value(QStringLiteral("scales")).toObject();
        for (auto it = scales.begin(); it != scales.end(); ++it) {
            const QJsonObject s = it.value().toObject();
            auto list = [&](const char *key) {
                QStringList out;
                for (const QJsonValue &v : s.value(QLatin1String(key)).toArray())
                    out << v.toString();
                return out;
            };
            c.scales.insert(it.key(), Scale{list("top"), list("positive"), list("codes")});
        }
        const QJsonObject labels = root.value(QStringLiteral("answers")).toObject();
        for (auto it = labels.begin(); it != labels.end(); ++it)
            c.answerLabels.insert(it.key(), it.value().toString());
        for (const QJsonValue &v :
             root[QStringLiteral("matrix")][QStringLiteral("criteria")].toArray())
            c.criteria.append(
                {v[QStringLiteral("id")].toString(), v[QStringLiteral("label")].toString()});
        return c;
    }();
    return catalog;
}

} // namespace relais::observatory
