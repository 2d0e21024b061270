// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QLoggingCategory>

// One category per concern so that an operator can turn on, say, only the queue's debug output
// (QT_LOGGING_RULES="relais.hub.queue.debug=true"). Logs never carry personal data: no tokens,
// passwords, SDP or candidates; kiosks are named by site and kiosk id, agents by login.
Q_DECLARE_LOGGING_CATEGORY(lcHubServer)
Q_DECLARE_LOGGING_CATEGORY(lcHubSession)
Q_DECLARE_LOGGING_CATEGORY(lcHubQueue)
Q_DECLARE_LOGGING_CATEGORY(lcHubCall)
Q_DECLARE_LOGGING_CATEGORY(lcHubStore)
Q_DECLARE_LOGGING_CATEGORY(lcHubConfig)
