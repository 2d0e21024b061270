// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>

namespace relais::observatory {

// Everything `serve` needs in one folder, for the demo and the tests: a device CA, a server
// certificate from it for localhost, and observatory.json pointing at them and at `database`
// (observatory.sqlite in the folder when empty), and a token for the demo hub (`hub-token`, its
// SHA-256 in the configuration's "hubs"). Returns the configuration's path; throws.
QString makeDemoSetup(const QString &directory, quint16 port, const QString &database);

} // namespace relais::observatory
