// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "database.h"

namespace relais {

// The kiosk store's schema history; append a step, never edit one that has shipped.
const QList<Migration> &kioskMigrations();

} // namespace relais
