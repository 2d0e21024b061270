// SPDX-License-Identifier: EUPL-1.2
#pragma once

// The figures of a call, read from webrtcbin's get-stats once a second.

#include <gst/gst.h>

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QString>

namespace relais::media {

struct CallStats
{
    double rttMs = -1;            // from the remote's RTCP receiver reports; -1 until known
    double packetLossPercent = 0; // received streams, since the call (re)started
    double jitterMs = 0;          // worst received stream
    double inBitrateKbps = 0;
    double outBitrateKbps = 0;
    double fps = 0; // decoded remote frames per second
    quint64 framesDecoded = 0;
    quint64 audioBuffers = 0;
    QString localCandidateType; // host | srflx | prflx | relay, of the selected pair
    QString remoteCandidateType;

    // What the far end reports of our streams (RTCP receiver reports), last interval. Packets
    // repaired by retransmission in time do not count as lost there.
    double sendLossPercent = -1; // -1 until the first report
    // Loss recovery since the call (re)started, both directions (CallPipeline::LossRecovery).
    quint64 retransmissionsAsked = 0;
    quint64 retransmissionsSent = 0;
    quint64 retransmissionsHeld = 0; // asked for beyond the budget, not sent
    quint64 keyframesAsked = 0;
    quint64 retransmissionsWeAsked = 0;
    quint64 packetsRepaired = 0;
    quint64 keyframesWeAsked = 0;
    quint64 transportFeedbackSent = 0; // transport-cc reports we sent on what we receive
    quint64 rembSent = 0;
    // What the rate controller lets us send (filled in by the session).
    int sendWidth = 0;
    int sendHeight = 0;
    int sendTargetKbps = 0;
    double sendFps = 0;   // pictures our encoder produced per second, last interval
    double cameraFps = 0; // the rate the camera was negotiated at
    // Transport-cc: the delay-based estimate (-1 before the first report), what the far end
    // acknowledged receiving, and the reports so far.
    int delayBasedKbps = -1;
    int acknowledgedKbps = -1;
    quint64 feedbackReports = 0;
    int voiceFecPercent = -1;                 // the loss Opus's in-band FEC is sized for
    QString lineState = QStringLiteral("ok"); // VideoRateController::lineStateName()
    QString sendLimitation;                   // "", "network", "machine"
    // The size of the last picture decoded from the far end (its sender decides it).
    int receiveWidth = 0;
    int receiveHeight = 0;

    QJsonObject toJson() const;
};

// Turns successive get-stats replies into rates; one per pipeline.
class StatsReader
{
public:
    CallStats read(const GstStructure *reply, quint64 framesDecoded, quint64 audioBuffers);

private:
    QElapsedTimer m_clock;
    qint64 m_lastMs = 0;
    quint64 m_lastBytesIn = 0;
    quint64 m_lastBytesOut = 0;
    quint64 m_lastFrames = 0;
    // Each stream's round trip at the last reading: a value that has not changed is from an
    // old receiver report (the far end reports on the voice only every few seconds), so the
    // round trip given is the latest that changed.
    QHash<QString, double> m_rttByStream;
    double m_rttMs = -1;
};

} // namespace relais::media
