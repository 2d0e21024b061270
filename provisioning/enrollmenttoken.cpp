// SPDX-License-Identifier: EUPL-1.2
#include "enrollmenttoken.h"

#include "opensslhandles.h"

#include <QCryptographicHash>
#include <QRegularExpression>

#include <openssl/rand.h>

namespace relais::provisioning {

namespace {
constexpr int kTokenBytes = 32;
}

QString newEnrollmentToken()
{
    QByteArray bytes(kTokenBytes, Qt::Uninitialized);
    check(RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), kTokenBytes) == 1,
          "no random bytes for the token");
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString enrollmentTokenHash(const QString &token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256).toHex());
}

bool looksLikeEnrollmentToken(const QString &token)
{
    static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    return shape.match(token).hasMatch();
}

} // namespace relais::provisioning
