// SPDX-License-Identifier: EUPL-1.2
#include "callstats.h"

#include "gstref.h"

#include <gst/webrtc/webrtc.h>

#include <QHash>

namespace relais::media {

QJsonObject CallStats::toJson() const
{
    return {{"rtt_ms", rttMs},
            {"packet_loss_percent", packetLossPercent},
            {"jitter_ms", jitterMs},
            {"in_kbps", inBitrateKbps},
            {"out_kbps", outBitrateKbps},
            {"fps", fps},
            {"frames_decoded", double(framesDecoded)},
            {"audio_buffers", double(audioBuffers)},
            {"local_candidate", localCandidateType},
            {"remote_candidate", remoteCandidateType},
            {"send_loss_percent", sendLossPercent},
            {"retransmissions_asked", double(retransmissionsAsked)},
            {"retransmissions_sent", double(retransmissionsSent)},
            {"retransmissions_held", double(retransmissionsHeld)},
            {"keyframes_asked", double(keyframesAsked)},
            {"retransmissions_we_asked", double(retransmissionsWeAsked)},
            {"packets_repaired", double(packetsRepaired)},
            {"keyframes_we_asked", double(keyframesWeAsked)},
            {"transport_feedback_sent", double(transportFeedbackSent)},
            {"remb_sent", double(rembSent)},
            {"send_width", sendWidth},
            {"receive_width", receiveWidth},
            {"receive_height", receiveHeight},
            {"send_height", sendHeight},
            {"send_target_kbps", sendTargetKbps},
            {"send_fps", sendFps},
            {"camera_fps", cameraFps},
            {"delay_based_kbps", delayBasedKbps},
            {"acknowledged_kbps", acknowledgedKbps},
            {"feedback_reports", double(feedbackReports)},
            {"voice_fec_percent", voiceFecPercent},
            {"line_state", lineState},
            {"send_limitation", sendLimitation}};
}

namespace {

struct Totals
{
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    quint64 packetsIn = 0;
    qint64 packetsLost = 0;
    double jitter = 0;
    QHash<QString, double> rttByStream; // remote-inbound-rtp stats id -> seconds
    double sendLoss = -1;
    QString localPairId;
    QString remotePairId;
    QHash<QString, QString> candidateTypes; // candidate stats id -> type
};

quint64 u64(const GstStructure *s, const char *field)
{
    guint64 v = 0;
    if (gst_structure_get_uint64(s, field, &v))
        return v;
    guint u = 0;
    return gst_structure_get_uint(s, field, &u) ? u : 0;
}

qint64 i64(const GstStructure *s, const char *field)
{
    gint64 v = 0;
    if (gst_structure_get_int64(s, field, &v))
        return v;
    gint i = 0;
    return gst_structure_get_int(s, field, &i) ? i : 0;
}

gboolean collect(GQuark, const GValue *value, gpointer data)
{
    if (!GST_VALUE_HOLDS_STRUCTURE(value))
        return TRUE;
    auto *t = static_cast<Totals *>(data);
    const GstStructure *s = gst_value_get_structure(value);
    GstWebRTCStatsType type{};
    if (!gst_structure_get(s, "type", GST_TYPE_WEBRTC_STATS_TYPE, &type, nullptr))
        return TRUE;
    double d = 0;
    switch (type) {
    case GST_WEBRTC_STATS_INBOUND_RTP:
        t->bytesIn += u64(s, "bytes-received");
        t->packetsIn += u64(s, "packets-received");
        t->packetsLost += i64(s, "packets-lost");
        if (gst_structure_get_double(s, "jitter", &d))
            t->jitter = std::max(t->jitter, d);
        break;
    case GST_WEBRTC_STATS_OUTBOUND_RTP:
        t->bytesOut += u64(s, "bytes-sent");
        break;
    case GST_WEBRTC_STATS_REMOTE_INBOUND_RTP:
        if (gst_structure_get_double(s, "round-trip-time", &d) && d > 0)
            t->rttByStream.insert(QString::fromUtf8(gst_structure_get_string(s, "id")), d);
        // Every stream of the bundle shares the line; 1.22 also mislabels their kinds.
        if (gst_structure_get_double(s, "fraction-lost", &d))
            t->sendLoss = std::max(t->sendLoss, d);
        break;
    case GST_WEBRTC_STATS_CANDIDATE_PAIR:
        if (const gchar *id = gst_structure_get_string(s, "local-candidate-id"))
            t->localPairId = QString::fromUtf8(id);
        if (const gchar *id = gst_structure_get_string(s, "remote-candidate-id"))
            t->remotePairId = QString::fromUtf8(id);
        break;
    case GST_WEBRTC_STATS_LOCAL_CANDIDATE:
    case GST_WEBRTC_STATS_REMOTE_CANDIDATE:
        if (const gchar *ct = gst_structure_get_string(s, "candidate-type"))
            t->candidateTypes.insert(QString::fromUtf8(gst_structure_get_string(s, "id")),
                                     QString::fromUtf8(ct));
        break;
    default:
        break;
    }
    return TRUE;
}

} // namespace

CallStats StatsReader::read(const GstStructure *reply, quint64 framesDecoded, quint64 audioBuffers)
{
    Totals t;
    gst_structure_foreach(reply, collect, &t);

    CallStats stats;
    stats.framesDecoded = framesDecoded;
    stats.audioBuffers = audioBuffers;
    double fresh = -1;
    for (auto it = t.rttByStream.cbegin(); it != t.rttByStream.cend(); ++it) {
        const auto previous = m_rttByStream.constFind(it.key());
        if (previous == m_rttByStream.cend() || *previous != it.value())
            fresh = std::max(fresh, it.value());
    }
    m_rttByStream = t.rttByStream;
    if (fresh > 0)
        m_rttMs = fresh * 1000.0;
    stats.rttMs = m_rttMs;
    stats.jitterMs = t.jitter * 1000.0;
    const double expected = double(t.packetsIn) + double(std::max<qint64>(t.packetsLost, 0));
    stats.packetLossPercent =
        expected > 0 ? 100.0 * double(std::max<qint64>(t.packetsLost, 0)) / expected : 0;
    stats.localCandidateType = t.candidateTypes.value(t.localPairId);
    stats.remoteCandidateType = t.candidateTypes.value(t.remotePairId);
    stats.sendLossPercent = t.sendLoss < 0 ? -1 : t.sendLoss * 100.0;

    if (!m_clock.isValid()) {
        m_clock.start();
    } else {
        const qint64 now = m_clock.elapsed();
        const double seconds = double(now - m_lastMs) / 1000.0;
        if (seconds > 0) {
            stats.inBitrateKbps =
                double(t.bytesIn - std::min(t.bytesIn, m_lastBytesIn)) * 8 / 1000.0 / seconds;
            stats.outBitrateKbps =
                double(t.bytesOut - std::min(t.bytesOut, m_lastBytesOut)) * 8 / 1000.0 / seconds;
            stats.fps = double(framesDecoded - std::min(framesDecoded, m_lastFrames)) / seconds;
        }
        m_lastMs = now;
    }
    m_lastBytesIn = t.bytesIn;
    m_lastBytesOut = t.bytesOut;
    m_lastFrames = framesDecoded;
    if (qEnvironmentVariableIsSet("RELAIS_DUMP_STATS")) {
        GCharRef text(gst_structure_to_string(reply));
        qDebug("%s", text.get());
    }
    return stats;
}

} // namespace relais::media
