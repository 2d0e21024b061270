// SPDX-License-Identifier: EUPL-1.2
#include "observatorymetrics.h"

#include "devices/kioskssilence.h"

namespace relais::observatory {

ObservatoryMetrics::ObservatoryMetrics(Store &store)
{
    m_metrics.describeCounter("relais_observatory_ingest_records_total",
                              "Records of ingested batches, by the result each was answered.");
    m_metrics.describeHistogram("relais_observatory_ingest_batch_seconds",
                                "Time to check, store and answer a batch of records.",
                                {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10});
    m_metrics.describeCounter("relais_observatory_enrollments_total",
                              "Kiosk enrollments and renewals, by kind and result.");
    m_metrics.describeCounter("relais_observatory_dashboard_logins_refused_total",
                              "Partners' dashboard logins refused, by reason.");
    m_metrics.describeGauge("relais_observatory_kiosks_in_service",
                            "Kiosks enrolled and not revoked.");
    m_metrics.describeGauge("relais_observatory_kiosks_silent",
                            "Kiosks in service not heard from (heartbeat) for more than a day.");
    m_metrics.addCollector([&store](net::Metrics &metrics) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        int silent = 0;
        const QList<KioskLastHeard> kiosks = kiosksLastHeard(store);
        for (const KioskLastHeard &kiosk : kiosks) {
            if (!kiosk.lastHeard.isValid() || kiosk.lastHeard.secsTo(now) > kSilentAfterS)
                ++silent;
        }
        metrics.set("relais_observatory_kiosks_in_service", {}, double(kiosks.size()));
        metrics.set("relais_observatory_kiosks_silent", {}, silent);
    });
}

void ObservatoryMetrics::recordIngested(const QString &result)
{
    m_metrics.increment("relais_observatory_ingest_records_total", {{"result", result}});
}

void ObservatoryMetrics::batchTook(double seconds)
{
    m_metrics.observe("relais_observatory_ingest_batch_seconds", {}, seconds);
}

void ObservatoryMetrics::enrollment(const QString &kind, const QString &result)
{
    m_metrics.increment("relais_observatory_enrollments_total",
                        {{"kind", kind}, {"result", result}});
}

void ObservatoryMetrics::dashboardLoginRefused(const QString &reason)
{
    m_metrics.increment("relais_observatory_dashboard_logins_refused_total", {{"reason", reason}});
}

} // namespace relais::observatory
