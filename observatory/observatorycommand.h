// SPDX-License-Identifier: EUPL-1.2
#pragma once

namespace relais::observatory {

// The relais-observatory command line. Exit codes: 0 success, 1 the store, certificate or
// port is unusable, 2 invalid command line or configuration (nothing written then).
int runCommandLine(int argc, char **argv);

} // namespace relais::observatory
