// SPDX-License-Identifier: EUPL-1.2
#include "hublog.h"

Q_LOGGING_CATEGORY(lcHubServer, "relais.hub.server")
Q_LOGGING_CATEGORY(lcHubSession, "relais.hub.session")
Q_LOGGING_CATEGORY(lcHubQueue, "relais.hub.queue")
Q_LOGGING_CATEGORY(lcHubCall, "relais.hub.call")
Q_LOGGING_CATEGORY(lcHubStore, "relais.hub.store")
Q_LOGGING_CATEGORY(lcHubConfig, "relais.hub.config")
