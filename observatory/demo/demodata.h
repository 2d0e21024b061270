// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>

namespace relais::observatory {

class Store;
class SurveyCatalog;

struct DemoOptions
{
    int sites = 20; // the first 20 are named after real communes of the Lot
    int weeks = 52; // ending with the last full week before today
    quint32 seed = 46;
    bool everything = true; // false: weekly reports only (the indicators benchmark)
};

struct DemoSummary
{
    int sites = 0;
    int records = 0;
    QString fromWeek;
    QString toWeek;
};

// Fills a store with a believable territory: sites in three territories with distances to the
// agencies' offices, a kiosk per site with its heartbeats, a weekly count grid per site and week
// (a few corrected), video calls per agency with their outcomes, kiosk sessions with their
// journey (agency pages, guided procedures, help asked at a step, how each session ended and
// how the resident got through), and responses to the newest version of every survey
// `surveys` holds, built from the definitions (their codes, the questions that feed an
// indicator). Records go through the ingest writer, as a kiosk's would.
DemoSummary fillDemoData(Store &store, SurveyCatalog &surveys, const DemoOptions &options);

} // namespace relais::observatory
