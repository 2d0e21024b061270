// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>

namespace relais::provisioning {

// One line of standard input, without its line end. When a person types it on a terminal,
// "Password: " is shown on stderr and echo is turned off; a pipe is read as it is.
QByteArray readPassword();

} // namespace relais::provisioning
