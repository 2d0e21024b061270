// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>

namespace relais::provisioning {

// Single-use enrollment tokens: 256 random bits, written base64url without padding (43
// characters) so an administrator can paste them. Only their SHA-256 is stored: a token has
// full entropy, so a slow password hash would add nothing but a denial-of-service lever.
QString newEnrollmentToken();
QString enrollmentTokenHash(const QString &token);
// A token of the right shape; anything else is refused before it is hashed.
bool looksLikeEnrollmentToken(const QString &token);

} // namespace relais::provisioning
