// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "apitokens.h"
#include "httpmessage.h"

#include <QDateTime>

#include <functional>
#include <optional>

namespace relais::observatory {

class PartnerTables;
class Store;

// The partners' API for their own programs (API.md, "Partners' API"): /api/v1/tables and
// /api/v1/tables/<id>[.csv], read-only, with a bearer token (ApiTokens) in place of the
// dashboard's session cookie, and the dashboard's very tables, filters and scope
// (PartnerTables). No cookie is read or set, so a browser's ambient credentials open nothing
// here and there is no cross-site request to forge; no CORS header is sent either.
class PartnerApi
{
public:
    PartnerApi(Store &store, const PartnerTables &tables, std::function<QDateTime()> clock);

    // Empty when the path is not the API's.
    std::optional<net::HttpResponse> handle(const net::HttpRequest &request);

private:
    net::HttpResponse route(const net::HttpRequest &request, const Partner &partner) const;

    ApiTokens m_tokens;
    const PartnerTables &m_tables;
    std::function<QDateTime()> m_clock;
};

} // namespace relais::observatory
