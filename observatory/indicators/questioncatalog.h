#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace relais::observatory {

// How survey answers are read (observatory/indicators/data/questions.json): which questions there
// are, their scale, which codes count as "top" (très satisfait) and "positive" (satisfied), the
// French words for codes, and the accessibility matrix's criteria.
struct Question
{
    QString id;
    QString label;
    QString scale; // satisfaction, need, yes_no, nps, choice, profile
};

struct Scale
{
    QStringList top;
    QStringList positive;
    QStringList codes;
};

struct QuestionCatalog
{
    QList<Question> questions;
    QMap<QString, Scale> scales;
    QMap<QString, QString> answerLabels;
    QList<QPair<QString, QString>> criteria; // id, label

    static const QuestionCatalog &builtIn();
    QString answerLabel(const QString &code) const { return answerLabels.value(code, code); }
};

} // namespace relais::observatory
