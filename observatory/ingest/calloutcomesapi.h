// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "httpmessage.h"
#include "observatoryconfig.h"

#include <QDateTime>

#include <functional>

namespace relais::observatory {

class Store;

// POST /v1/call-outcomes: the advisers' wrap-ups a relais-hub sends (API.md, "Call outcomes
// from a hub"), with a token of the configuration's "hubs". One result per outcome: stored,
// duplicate (already stored: a hub that lost our answer sends again) or refused with why; the
// whole batch is written in one transaction, or nothing is when the request is malformed.
class CallOutcomesApi
{
public:
    CallOutcomesApi(Store &store, const ObservatoryConfig &config, std::function<QDateTime()> clock)
        : m_store(store), m_config(config), m_clock(std::move(clock))
    {}

    net::HttpResponse post(const net::HttpRequest &request);

private:
    // Why this outcome cannot be stored; empty when it can.
    QString refusal(const QJsonObject &outcome) const;

    Store &m_store;
    const ObservatoryConfig &m_config;
    std::function<QDateTime()> m_clock;
};

} // namespace relais::observatory
