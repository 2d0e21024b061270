// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "counts/weeklygrid.h"
#include "identity/httpstransport.h"
#include "identity/kioskidentity.h"

#include <QObject>
#include <QThreadPool>

#include <memory>

namespace relais {

// What the observatory said when asked whether the site's desk has closed a week.
struct SiteWeekCheck
{
    enum class Outcome {
        NotEnrolled, // no observatory to ask
        Unreachable, // no answer, or one that could not be read: the kiosk could not check
        Answered,
    };
    Outcome outcome = Outcome::Unreachable;
    SiteWeek site;
};

// The mediator's question before she closes a week at a site with several kiosks: has the
// site's desk closed it already, here or on another kiosk (GET /v1/weeks/<week>, mutual TLS)?
// Asked on a worker thread, so that a slow line never freezes the grid; the answer comes back
// on this object's thread as checked().
class SiteWeekClient : public QObject
{
    Q_OBJECT
public:
    // `rows`: this kiosk's grid, into which the desk's counts are read.
    SiteWeekClient(KioskIdentity identity, std::shared_ptr<HttpsTransport> transport,
                   QList<GridRow> rows, QObject *parent = nullptr);
    ~SiteWeekClient() override;

    void check(IsoWeek week);
    void waitForIdle();

signals:
    void checked(const QString &week, const relais::SiteWeekCheck &result);

private:
    KioskIdentity m_identity;
    std::shared_ptr<HttpsTransport> m_transport;
    QList<GridRow> m_rows;
    QThreadPool m_worker;
};

// Reads the answer to GET /v1/weeks/`week` (observatory/API.md); nothing when it is not one.
std::optional<SiteWeek> parseSiteWeek(const QByteArray &body, const QString &week,
                                      const QList<GridRow> &rows);

} // namespace relais
