// SPDX-License-Identifier: EUPL-1.2
#pragma once

namespace relais::provisioning {

// The relais-provision command line (exit codes as relais-observatory's: 0, 1 failed,
// 2 invalid command line or configuration).
int runProvisionCommandLine(int argc, char **argv);

} // namespace relais::provisioning
