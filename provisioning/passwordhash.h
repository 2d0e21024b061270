// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QString>

namespace relais::provisioning {

inline constexpr int kMinPasswordIterations = 200000;

// Shared by relais-hub (agent passwords), the observatory (partners) and the kiosk (the
// mediator's PIN). PBKDF2-HMAC-SHA256 with a random 16-byte salt, stored as
// "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>" so that the iteration count can
// grow later without invalidating existing accounts.
QString hashPassword(const QByteArray &password, int iterations = kMinPasswordIterations);

// Constant-time comparison. False for a malformed record or one weaker than the minimum.
bool verifyPassword(const QByteArray &password, const QString &encoded);

// A well-formed record no password matches, verified for unknown logins so that a wrong login
// costs the same time as a wrong password.
const QString &decoyPasswordHash();

} // namespace relais::provisioning
