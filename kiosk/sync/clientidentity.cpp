// SPDX-License-Identifier: EUPL-1.2
#include "clientidentity.h"

#include "identity/kioskidentity.h"

namespace relais {

ClientIdentity ClientIdentity::enrolled(const KioskIdentity &identity)
{
    const auto credentials = identity.load();
    if (!credentials)
        return {};
    return {credentials->keyPem, credentials->certPem, identity.trustedCaPem(),
            QUrl(credentials->observatoryUrl)};
}

bool ClientIdentity::isComplete() const
{
    return !keyPem.isEmpty() && !certPem.isEmpty() && !caPem.isEmpty() && observatory.isValid();
}

} // namespace relais
