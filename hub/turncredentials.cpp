// SPDX-License-Identifier: EUPL-1.2
#include "turncredentials.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace relais::hub {

TurnCredential turnCredential(const QByteArray &secret, const QString &callId, qint64 expiryUnix)
{
    TurnCredential result;
    result.username = QString::number(expiryUnix) + QLatin1Char(':') + callId;
    const QByteArray data = result.username.toUtf8();
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t length = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA1", nullptr, secret.constData(),
                   static_cast<size_t>(secret.size()),
                   reinterpret_cast<const unsigned char *>(data.constData()),
                   static_cast<size_t>(data.size()), mac, sizeof mac, &length))
        throw std::runtime_error("HMAC-SHA1 is not available from OpenSSL");
    result.credential = QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(mac), static_cast<qsizetype>(length)).toBase64());
    return result;
}

QJsonArray iceServers(const TurnSettings &settings, const QString &callId, const QDateTime &now)
{
    QJsonArray servers;
    if (!settings.stunUrls.isEmpty())
        servers.append(
            QJsonObject{{QStringLiteral("urls"), QJsonArray::fromStringList(settings.stunUrls)}});
    if (!settings.turnUrls.isEmpty()) {
        const TurnCredential credential =
            turnCredential(settings.secret, callId, now.toSecsSinceEpoch() + settings.lifetimeS);
        servers.append(
            QJsonObject{{QStringLiteral("urls"), QJsonArray::fromStringList(settings.turnUrls)},
                        {QStringLiteral("username"), credential.username},
                        {QStringLiteral("credential"), credential.credential}});
    }
    return servers;
}

QString iceTransportPolicy(const TurnSettings &settings)
{
    return settings.forceRelay ? QStringLiteral("relay") : QStringLiteral("all");
}

} // namespace relais::hub
