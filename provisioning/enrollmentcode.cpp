// SPDX-License-Identifier: EUPL-1.2
#include "enrollmentcode.h"

#include "enrollmenttoken.h"

#include <QUrl>
#include <QUrlQuery>

namespace relais::provisioning {

namespace {
constexpr auto kScheme = "relais-enroll";
}

QString enrollmentCodeText(const EnrollmentCode &code)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("address"),
                       QString::fromLatin1(QUrl::toPercentEncoding(code.address)));
    query.addQueryItem(QStringLiteral("token"),
                       QString::fromLatin1(QUrl::toPercentEncoding(code.token)));
    return QLatin1String(kScheme) + QStringLiteral(":?") + query.toString(QUrl::FullyEncoded);
}

std::optional<EnrollmentCode> parseEnrollmentCode(const QString &text)
{
    // A code is short; anything long or with line breaks is something else.
    if (text.size() > 1024 || text.contains(u'\n'))
        return std::nullopt;
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String(kScheme) || !url.path().isEmpty())
        return std::nullopt;
    const QUrlQuery query(url);
    for (const auto &item : query.queryItems(QUrl::FullyEncoded)) {
        if (item.first != QLatin1String("address") && item.first != QLatin1String("token"))
            return std::nullopt;
    }
    EnrollmentCode code{query.queryItemValue(QStringLiteral("address"), QUrl::FullyDecoded),
                        query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded)};
    if (code.address.isEmpty() || code.address.size() > 512 ||
        !looksLikeEnrollmentToken(code.token))
        return std::nullopt;
    return code;
}

} // namespace relais::provisioning
