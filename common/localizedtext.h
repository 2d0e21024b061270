// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QJsonObject>
#include <QString>

namespace relais {

// A text shown to residents, in each shipped language (survey questions, procedure titles and
// steps): the files that carry them give every language side by side.
struct LocalizedText
{
    QString fr;
    QString en;

    QString in(const QString &language) const { return language == QLatin1String("en") ? en : fr; }
};

// Reads `key` of `parent` as a text in every shipped language (a JSON object {"fr", "en"}).
// Throws json::FieldError.
LocalizedText readLocalizedText(const QJsonObject &parent, const QString &key, const QString &path,
                                qsizetype maxLength);

} // namespace relais
