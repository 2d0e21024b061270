// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "opendata.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace relais::observatory {

class Store;
class SurveyCatalog;

struct OpenDataRelease
{
    QString id;       // the quarter it publishes: "2026-T3"
    QString fromWeek; // its first and last ISO weeks (the weeks whose Thursday is in it)
    QString toWeek;
    QString publishedAt; // UTC, when it was computed
    QStringList names;   // its files, in the order of makeOpenData
};

// Open data published as releases, one per closed quarter, each computed once and stored: what
// was published is served byte for byte ever after, so that two downloads never differ by one
// record (a survey answer, a person). A quarter is closed `kGraceDays` after its last ISO week
// ends, which leaves kiosks that were offline the time to sync; a record that arrives later
// for a released quarter is in the dashboard, never in open data.
class OpenDataReleases
{
public:
    static constexpr int kGraceDays = 14;

    OpenDataReleases(Store &store, const SurveyCatalog &surveys)
        : m_store(store), m_surveys(surveys)
    {}

    // Publishes every quarter closed at `now` that has no release yet, from the quarter the
    // first site opened in; returns the new releases' ids.
    QStringList publishDue(const QDateTime &now);
    // Newest first.
    QList<OpenDataRelease> releases() const;
    // The file `name` (without extension) of a release, as it was published.
    std::optional<OpenDataFile> file(const QString &release, const QString &name) const;

    // When the quarter `release` ("2026-T3") closes; null for no such quarter.
    static QDateTime closesAt(const QString &release);

private:
    Store &m_store;
    const SurveyCatalog &m_surveys;
};

} // namespace relais::observatory
