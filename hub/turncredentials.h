// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "hubconfig.h"

#include <QDateTime>
#include <QJsonArray>
#include <QString>

namespace relais::hub {

struct TurnCredential
{
    QString username;   // "<unix expiry>:<call id>"
    QString credential; // base64(HMAC-SHA1(secret, username))
};

// coturn's use-auth-secret (TURN REST API) scheme: coturn recomputes the HMAC from the username
// with the same static-auth-secret and refuses it once the expiry has passed.
TurnCredential turnCredential(const QByteArray &secret, const QString &callId, qint64 expiryUnix);

// The "ice_servers" array of a call message, with credentials valid from `now`.
QJsonArray iceServers(const TurnSettings &settings, const QString &callId, const QDateTime &now);
QString iceTransportPolicy(const TurnSettings &settings);

} // namespace relais::hub
