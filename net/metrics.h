// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <functional>
#include <map>
#include <utility>

namespace relais::net {

// A server's own figures for Prometheus (GET /metrics on the operations endpoint): counters,
// gauges and histograms, each a family of series told apart by labels. Counters and histograms
// are bumped where the thing happens; gauges that describe a state (connections, queues,
// silent kiosks) are filled by collectors just before each scrape, so that they can never
// drift from the state they describe. Safe to update from any thread.
class Metrics
{
public:
    // Label names and values of one series, in the order given.
    using Labels = QList<std::pair<QByteArray, QString>>;
    using Collector = std::function<void(Metrics &)>;

    // A family must be described once before use; the name follows Prometheus' conventions
    // (counters end in _total, durations are in seconds).
    void describeCounter(const QByteArray &name, const QByteArray &help);
    void describeGauge(const QByteArray &name, const QByteArray &help);
    void describeHistogram(const QByteArray &name, const QByteArray &help,
                           const QList<double> &bucketBounds);

    void increment(const QByteArray &name, const Labels &labels = {}, double by = 1);
    void set(const QByteArray &name, const Labels &labels, double value);
    void observe(const QByteArray &name, const Labels &labels, double value);
    // Forgets every series of a gauge family, before a collector fills it anew.
    void clear(const QByteArray &name);

    // Runs before each render(), on the caller's thread.
    void addCollector(Collector collector);

    // The exposition format, version 0.0.4 (text/plain; version=0.0.4).
    QByteArray render();
    // A series' value (a histogram's count), 0 when it has none: for tests and collectors.
    double value(const QByteArray &name, const Labels &labels = {}) const;

private:
    enum class Kind { Counter, Gauge, Histogram };
    struct Series
    {
        double value = 0; // counter, gauge; a histogram's sum
        quint64 count = 0;
        QList<quint64> buckets; // a histogram's, not cumulative
    };
    struct Family
    {
        Kind kind = Kind::Counter;
        QByteArray help;
        QList<double> bounds;
        std::map<QByteArray, Series> series; // by rendered label set, so the output is sorted
    };

    Family &family(const QByteArray &name, Kind kind);
    static QByteArray labelText(const Labels &labels);
    void describe(const QByteArray &name, Kind kind, const QByteArray &help,
                  const QList<double> &bounds);

    mutable QMutex m_mutex;
    QList<QByteArray> m_order;
    QHash<QByteArray, Family> m_families;
    QList<Collector> m_collectors;
};

} // namespace relais::net
