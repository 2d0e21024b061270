// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "boundedpool.h"
#include "httpmessage.h"
#include "loginthrottle.h"
#include "observatoryconfig.h"
#include "partners.h"

#include <QDateTime>
#include <QObject>

#include <functional>
#include <optional>

namespace relais::observatory {

class Partners;
class PartnerTables;
class Store;
class SurveyCatalog;
class ObservatoryMetrics;

// The partners' dashboard: its pages (/dashboard/), login and logout, and the JSON and CSV of
// every table for the partner's scope (/dashboard/api/…). Nothing without a session but the
// pages themselves and the login.
class DashboardApi
{
public:
    DashboardApi(Store &store, const PartnerTables &tables, const ObservatoryConfig &config,
                 std::function<QDateTime()> clock, ObservatoryMetrics &metrics);
    ~DashboardApi();

    // Empty when the path is not the dashboard's. A login is answered later
    // (net::HttpResponse::later()): its password hash runs off the event loop, so that kiosks'
    // batches and enrollments never wait behind it.
    std::optional<net::HttpResponse> handle(const net::HttpRequest &request);

    // Hashing threads, and logins that may be hashing or waiting for one; beyond, 503.
    static constexpr int kHashThreads = 2;
    static constexpr int kMaxPendingLogins = 16;

    // Password guesses at the login (README.md, "The dashboard"): a refusal shorter than the
    // window, so that a partner who mistyped too often waits minutes, not a quarter of an hour.
    static constexpr LoginThrottle::Limits kLoginLimits{.freeFailures = 3,
                                                        .maxDelayS = 30,
                                                        .pairLimit = 10,
                                                        .addressLimit = 50,
                                                        .windowS = 15 * 60,
                                                        .refusalS = 5 * 60,
                                                        .maxEntries = 20000};

private:
    std::optional<net::HttpResponse> route(const net::HttpRequest &request);
    net::HttpResponse login(const net::HttpRequest &request);
    void finishLogin(const net::HttpRequest &request, const QString &login,
                     const std::optional<Partner> &partner, bool passwordOk);
    net::HttpResponse options(const Partner &partner);

    Store &m_store;
    const PartnerTables &m_tables;
    const ObservatoryConfig &m_config;
    std::function<QDateTime()> m_clock;
    ObservatoryMetrics &m_metrics;
    std::unique_ptr<Partners> m_partners;
    LoginThrottle m_throttle{kLoginLimits};
    QObject m_context; // where hashed logins come back; outlives m_hashing
    BoundedPool m_hashing{kHashThreads, kMaxPendingLogins};
};

// The public open-data releases (indicators/opendatareleases), the ones due at `now` published
// first: /open-data/ lists them for people, /open-data/releases.json for programs,
// /open-data/<release>/<name>.csv and .schema.json serve a release's files as published (with
// their ETag), /open-data/<name>.csv the newest release's. /open-data/lieux-mediation-numerique
// .csv and .json: the service points as they are configured now (indicators/mediationplaces).
// Empty when the path is not open data's.
std::optional<net::HttpResponse> openDataResponse(Store &store, const SurveyCatalog &surveys,
                                                  const QDateTime &now,
                                                  const net::HttpRequest &request);

} // namespace relais::observatory
