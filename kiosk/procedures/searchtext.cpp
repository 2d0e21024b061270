// SPDX-License-Identifier: EUPL-1.2
#include "searchtext.h"

#include <QSet>

namespace relais {

QString foldForSearch(const QString &text)
{
    // Canonical decomposition puts accents apart as combining marks, which are dropped.
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString folded;
    folded.reserve(decomposed.size());
    bool space = true;
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        if (c.isLetterOrNumber()) {
            folded.append(c.toLower());
            space = false;
        } else if (!space) {
            folded.append(QLatin1Char(' '));
            space = true;
        }
    }
    if (folded.endsWith(QLatin1Char(' ')))
        folded.chop(1);
    // Ligatures that decomposition leaves whole.
    folded.replace(QChar(0x153), QLatin1String("oe")).replace(QChar(0xE6), QLatin1String("ae"));
    return folded;
}

QStringList searchWords(const QString &query)
{
    static const QSet<QString> little = {
        QStringLiteral("a"),    QStringLiteral("au"),  QStringLiteral("aux"),
        QStringLiteral("d"),    QStringLiteral("de"),  QStringLiteral("des"),
        QStringLiteral("du"),   QStringLiteral("en"),  QStringLiteral("et"),
        QStringLiteral("j"),    QStringLiteral("je"),  QStringLiteral("l"),
        QStringLiteral("la"),   QStringLiteral("le"),  QStringLiteral("les"),
        QStringLiteral("ma"),   QStringLiteral("mes"), QStringLiteral("mon"),
        QStringLiteral("pour"), QStringLiteral("un"),  QStringLiteral("une"),
        QStringLiteral("veux"), QStringLiteral("my"),  QStringLiteral("the"),
        QStringLiteral("of"),   QStringLiteral("for"), QStringLiteral("to"),
        QStringLiteral("i"),    QStringLiteral("an"),  QStringLiteral("faire"),
    };
    QStringList words;
    for (const QString &word : foldForSearch(query).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!little.contains(word) && !words.contains(word))
            words << word;
    }
    return words;
}

} // namespace relais
