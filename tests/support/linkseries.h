// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QJsonObject>
#include <QList>

#include <algorithm>
#include <optional>

namespace relais::e2e {

// One interval between two readings of the receiving Chromium's statistics (browseragent.mjs
// linkSample): what it received and played, and the sender's round trip (its reports to the
// receiver queue in its upstream behind its media).
struct LinkInterval
{
    double endS = 0;   // since the first reading
    double rttMs = -1; // mean of the reports that arrived in it; -1: none did
    double videoKbps = 0;
    double framesPerS = 0;
    int freezes = 0;
    double concealedMs = 0; // of the sound played in it, how much was made up for lost packets
    double audioMs = 0;
};

// A call's readings turned into intervals and the figures the line tests and the benchmark
// print.
class LinkSeries
{
public:
    // senderRttMs: the round trip the sender measured at that time from the receiver's
    // reports about its stream (they come back unqueued; its reports go out behind its media);
    // -1: the receiver's own measure, from the reports the sender sends back.
    void add(const QJsonObject &reading, double senderRttMs = -1)
    {
        if (m_first) {
            const QJsonObject &p = m_previous;
            LinkInterval i;
            const double seconds = (num(reading, "at") - num(p, "at")) / 1000.0;
            if (seconds <= 0)
                return;
            // A new connection (the kiosk rebuilt its own after a failure) starts its counters
            // again: that interval is not known.
            if (num(reading, "audioSamples") < num(p, "audioSamples") ||
                num(reading, "videoBytes") < num(p, "videoBytes")) {
                ++m_restarts;
                m_previous = reading;
                return;
            }
            i.endS = (num(reading, "at") - m_firstAt) / 1000.0;
            i.rttMs = senderRttMs >= 0 ? senderRttMs : rttBetween(p, reading);
            i.videoKbps = (num(reading, "videoBytes") - num(p, "videoBytes")) * 8 / 1000 / seconds;
            i.framesPerS = (num(reading, "framesDecoded") - num(p, "framesDecoded")) / seconds;
            i.freezes = int(num(reading, "freezes") - num(p, "freezes"));
            const double samples = num(reading, "audioSamples") - num(p, "audioSamples");
            // Chromium plays 48 kHz; what it played in the interval is its wall length.
            i.audioMs = samples / 48.0;
            i.concealedMs = (num(reading, "concealedSamples") - num(p, "concealedSamples")) / 48.0;
            m_intervals.append(i);
        } else {
            m_first = true;
            m_firstAt = num(reading, "at");
        }
        m_previous = reading;
    }

    // The mean round trip of the reports that arrived between two readings; -1: none did.
    static double rttBetween(const QJsonObject &before, const QJsonObject &after)
    {
        const double count = num(after, "rttCount") - num(before, "rttCount");
        return count > 0 ? (num(after, "rttSum") - num(before, "rttSum")) / count * 1000.0 : -1;
    }

    const QList<LinkInterval> &intervals() const { return m_intervals; }
    // How many times the receiver's counters started again (a new connection).
    int restarts() const { return m_restarts; }
    // The intervals that end after `settleS`.
    QList<LinkInterval> after(double settleS) const
    {
        QList<LinkInterval> kept;
        for (const LinkInterval &i : m_intervals)
            if (i.endS > settleS)
                kept.append(i);
        return kept;
    }
    double lowestRttMs() const
    {
        double low = -1;
        for (const LinkInterval &i : m_intervals)
            if (i.rttMs >= 0 && (low < 0 || i.rttMs < low))
                low = i.rttMs;
        return low;
    }

    static double median(QList<double> values)
    {
        if (values.isEmpty())
            return -1;
        std::sort(values.begin(), values.end());
        const qsizetype n = values.size();
        return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
    }
    template<typename F> static double medianOf(const QList<LinkInterval> &intervals, F figure)
    {
        QList<double> values;
        for (const LinkInterval &i : intervals) {
            const std::optional<double> v = figure(i);
            if (v)
                values.append(*v);
        }
        return median(values);
    }

private:
    static double num(const QJsonObject &o, const char *key)
    {
        return o.value(QLatin1String(key)).toDouble();
    }

    int m_restarts = 0;
    bool m_first = false;
    double m_firstAt = 0;
    QJsonObject m_previous;
    QList<LinkInterval> m_intervals;
};

} // namespace relais::e2e
