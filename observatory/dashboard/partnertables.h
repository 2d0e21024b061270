// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "httpmessage.h"
#include "indicators/indicatorfilter.h"
#include "indicators/table.h"
#include "observatoryconfig.h"
#include "partners.h"

#include <QDateTime>

#include <functional>

namespace relais::observatory {

class Store;
class SurveyCatalog;

// Every table a partner may read, over the filters of a request (API.md, "Dashboard tables"),
// within its scope. The dashboard (a session cookie) and the partners' API (a bearer token)
// both answer through it, so that a scope is enforced, and a cell withheld, in one place.
class PartnerTables
{
public:
    PartnerTables(Store &store, const SurveyCatalog &surveys, const ObservatoryConfig &config,
                  std::function<QDateTime()> clock);

    // `table` empty: every table, {"tables": {"<id>": …}}. Otherwise that table alone: as CSV
    // when `csv` (with format=tableur, for a spreadsheet), else its JSON object. 400 or 403
    // `bad_filter` for a filter that is malformed or outside the partner's scope.
    net::HttpResponse answer(const net::HttpRequest &request, const Partner &partner,
                             const QString &table, bool csv) const;

private:
    // The filter asked for, within the partner's scope; false with `error` when malformed.
    bool filterFor(const net::HttpRequest &request, const Partner &partner, IndicatorFilter *filter,
                   QString *error) const;
    QList<Table> compute(const IndicatorFilter &filter, Grain grain, const Partner &partner) const;

    Store &m_store;
    const SurveyCatalog &m_surveys;
    const ObservatoryConfig &m_config;
    std::function<QDateTime()> m_clock;
};

} // namespace relais::observatory
