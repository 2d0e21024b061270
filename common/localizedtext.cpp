// SPDX-License-Identifier: EUPL-1.2
#include "localizedtext.h"

#include "jsonfields.h"

namespace relais {

LocalizedText readLocalizedText(const QJsonObject &parent, const QString &key, const QString &path,
                                qsizetype maxLength)
{
    using namespace json;
    const QJsonObject text = object(parent, key, path);
    const QString textPath = child(path, key);
    rejectUnknownKeys(text, {QStringLiteral("fr"), QStringLiteral("en")}, textPath);
    return {string(text, QStringLiteral("fr"), textPath, maxLength),
            string(text, QStringLiteral("en"), textPath, maxLength)};
}

} // namespace relais
