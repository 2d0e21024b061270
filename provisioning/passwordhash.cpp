// SPDX-License-Identifier: EUPL-1.2
#include "passwordhash.h"

#include <QStringList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace relais::provisioning {

namespace {

constexpr int kSaltBytes = 16;
constexpr int kHashBytes = 32;

QByteArray derive(const QByteArray &password, const QByteArray &salt, int iterations)
{
    QByteArray out(kHashBytes, Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC(password.constData(), static_cast<int>(password.size()),
                          reinterpret_cast<const unsigned char *>(salt.constData()),
                          static_cast<int>(salt.size()), iterations, EVP_sha256(), kHashBytes,
                          reinterpret_cast<unsigned char *>(out.data())) != 1)
        throw std::runtime_error("PBKDF2 failed");
    return out;
}

} // namespace

QString hashPassword(const QByteArray &password, int iterations)
{
    if (iterations < kMinPasswordIterations)
        throw std::invalid_argument("too few PBKDF2 iterations");
    QByteArray salt(kSaltBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), kSaltBytes) != 1)
        throw std::runtime_error("no random bytes for the salt");
    return QStringLiteral("pbkdf2-sha256$%1$%2$%3")
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()),
             QString::fromLatin1(derive(password, salt, iterations).toBase64()));
}

bool verifyPassword(const QByteArray &password, const QString &encoded)
{
    const QStringList parts = encoded.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts[0] != QLatin1String("pbkdf2-sha256"))
        return false;
    bool ok = false;
    const int iterations = parts[1].toInt(&ok);
    // The upper bound keeps a tampered record from stalling the hub for minutes.
    if (!ok || iterations < kMinPasswordIterations || iterations > 10'000'000)
        return false;
    const auto salt = QByteArray::fromBase64Encoding(parts[2].toLatin1(),
                                                     QByteArray::AbortOnBase64DecodingErrors);
    const auto expected = QByteArray::fromBase64Encoding(parts[3].toLatin1(),
                                                         QByteArray::AbortOnBase64DecodingErrors);
    if (!salt || !expected || salt.decoded.size() != kSaltBytes ||
        expected.decoded.size() != kHashBytes)
        return false;
    const QByteArray actual = derive(password, salt.decoded, iterations);
    return CRYPTO_memcmp(actual.constData(), expected.decoded.constData(), kHashBytes) == 0;
}

const QString &decoyPasswordHash()
{
    // Hashed from random bytes so that no password, not even an empty one, matches it.
    static const QString decoy = [] {
        QByteArray secret(32, Qt::Uninitialized);
        RAND_bytes(reinterpret_cast<unsigned char *>(secret.data()), 32);
        return hashPassword(secret.toBase64());
    }();
    return decoy;
}

} // namespace relais::provisioning
