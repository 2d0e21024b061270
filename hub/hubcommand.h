// SPDX-License-Identifier: EUPL-1.2
#pragma once

namespace relais::hub {

// relais-hub serve | add-agent | make-demo-cert | --check-config. Exit codes: 0 success,
// 1 failure at run time (store, TLS files, port), 2 invalid command line or configuration
// (nothing is written then).
int runCommandLine(int argc, char **argv);

} // namespace relais::hub
