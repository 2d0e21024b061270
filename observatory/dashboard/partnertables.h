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

    enum class Format { Json, Csv, Xlsx };

    // `table` empty: every table, as JSON {"tables": {"<id>": …}} or one XLSX workbook (a sheet
    // each). Otherwise that table alone: its JSON object, its CSV (with format=tableur, for a
    // spreadsheet) or a workbook of it. 400 or 403 `bad_filter` for a filter that is malformed
    // or outside the partner's scope; 500 `export_failed` when a workbook cannot be written.
    net::HttpResponse answer(const net::HttpRequest &request, const Partner &partner,
                             const QString &table, Format format) const;

private:
    // The filter asked for, within the partner's scope; false with `error` when malformed.
    bool filterFor(const net::HttpRequest &request, const Partner &partner, IndicatorFilter *filter,
                   QString *error) const;
    // What a workbook's first sheet says of itself: whose, over which filters, when.
    QStringList about(const net::HttpRequest &request, const Partner &partner) const;
    QList<Table> compute(const IndicatorFilter &filter, Grain grain, const Partner &partner) const;

    Store &m_store;
    const SurveyCatalog &m_surveys;
    const ObservatoryConfig &m_config;
    std::function<QDateTime()> m_clock;
};

} // namespace relais::observatory
