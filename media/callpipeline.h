// SPDX-License-Identifier: EUPL-1.2
#pragma once

// One GStreamer pipeline of a call: the sources and encoders feeding webrtcbin, and what
// webrtcbin's incoming streams are decoded and played into. A reconnect throws the whole
// pipeline away and builds a new one, so this class has no reuse path.
//
// The listener is called on GStreamer's threads; the session posts to its own thread.

#include "callconfig.h"
#include "gstref.h"
#include "packetfeedback.h"
#include "retransmissionbudget.h"

#include <QImage>
#include <QSize>
#include <QString>

#include <atomic>
#include <mutex>
#include <random>
#include <vector>

namespace relais::media {

// Loss recovery counters of one pipeline, both directions.
struct LossRecovery
{
    // What we send.
    quint64 rtpPacketsSent = 0;       // the picture's, first sends (what NACKs are about)
    quint64 retransmissionsAsked = 0; // NACKed sequence numbers the far end asked for
    quint64 retransmissionsSent = 0;
    quint64 retransmissionsHeld = 0; // asked for beyond the budget (RetransmissionBudget)
    quint64 keyframesAsked = 0;      // PLI/FIR from the far end reaching our encoder
    // What we receive.
    quint64 retransmissionsWeAsked = 0;
    quint64 packetsRepaired = 0; // retransmissions that filled a gap
    quint64 keyframesWeAsked = 0;
    // Congestion feedback we send on what we receive, so the far end's estimator (Chromium's)
    // adapts the picture it sends us: transport-cc reports and REMB messages.
    quint64 transportFeedbackSent = 0;
    quint64 rembSent = 0;
};

class CallPipeline
{
public:
    class Listener
    {
    public:
        virtual void negotiationNeeded() = 0;
        virtual void candidateGathered(guint mline, const QString &candidate) = 0;
        virtual void dataChannel(GstWebRTCDataChannel *channel) = 0; // borrowed
        virtual void connectionStateChanged(GstWebRTCPeerConnectionState state) = 0;
        virtual void pipelineError(const QString &message) = 0;
        virtual void videoFrame(const QImage &frame) = 0;
        virtual void firstFrameDecoded() = 0;
        // What this side sends, for its own small picture (taken by selfFrameConsumed()).
        virtual void selfFrame(const QImage &) {}
        // The far end's transport-cc feedback on our packets, as rtpsession matched it.
        virtual void transportFeedback(std::vector<PacketFeedback> &&) {}

    protected:
        ~Listener() = default;
    };

    CallPipeline(const CallConfig &config, Listener *listener);
    ~CallPipeline();
    CallPipeline(const CallPipeline &) = delete;
    CallPipeline &operator=(const CallPipeline &) = delete;

    bool build(QString *error);
    // STUN/TURN servers and the relay-only policy; before the local description is set, when
    // candidates are gathered.
    void configureIce(const QList<IceServer> &servers, bool forceRelay);
    bool play(QString *error);
    // Back to NULL: joins the streaming threads, so no callback runs after it returns.
    void stop();

    GstElement *webrtc() const { return m_webrtc.get(); }
    void setMicrophoneMuted(bool muted);
    bool microphoneMuted() const;
    // Off sends a black picture.
    void setCameraEnabled(bool enabled);
    // The rate controller's decision: the encoder's bitrate now, the picture size on the
    // next frame.
    void setVideoTarget(QSize size, int kbps);
    // Off stops the picture (the resident still sees herself) and lets the voice leave its
    // silences out (DTX); on resumes both with a keyframe.
    void setVideoSending(bool on);
    bool videoSending() const;
    // Drops this share of outgoing RTP packets after encryption, as a bad line would. For
    // tests and benchmarks: imitating loss on a real interface needs privileges they lack.
    void simulateSendLoss(double fraction);
    // The loss the far end reports on our stream, in percent: Opus sizes its in-band FEC by it.
    void setVoiceLoss(double percent);
    // Read back from the encoder, so a test sees what is applied.
    int voiceLossPercent() const;
    // Camera frames offered to the encoder's queue, those that reached the encoder (the
    // difference is what a slow machine drops) and those it encoded (its rate control skips
    // frames rather than overshoot a low target: that is no sign of a slow machine).
    quint64 framesOffered() const { return m_framesOffered.load(); }
    quint64 framesTaken() const { return m_framesTaken.load(); }
    quint64 framesEncoded() const { return m_framesEncoded.load(); }
    quint64 bytesEncoded() const { return m_bytesEncoded.load(); }
    LossRecovery lossRecovery() const;
    // The frame rate the camera (or test source) was negotiated at; 0 before it is.
    double cameraFramerate() const;
    quint64 decodedFrames() const { return m_decodedFrames.load(); }
    // The size of the last decoded remote picture; empty before the first.
    QSize decodedSize() const { return QSize(m_decodedWidth.load(), m_decodedHeight.load()); }
    quint64 audioBuffers() const { return m_audioBuffers.load(); }
    // Lets the session show the next frame only after it took the previous one.
    void frameConsumed() { m_framePending.store(false); }
    void selfFrameConsumed() { m_selfPending.store(false); }

    // Pipelines alive in the process (finalized ones are not counted): tests prove hang-up
    // leaks nothing.
    static int livePipelines();

private:
    static void onNegotiationNeeded(GstElement *, gpointer self);
    static void onIceCandidate(GstElement *, guint mline, gchar *candidate, gpointer self);
    static void onDataChannel(GstElement *, GstWebRTCDataChannel *channel, gpointer self);
    static void onNewTransceiver(GstElement *, GstWebRTCRTPTransceiver *t, gpointer self);
    static void onConnectionState(GObject *, GParamSpec *, gpointer self);
    static void onWebrtcPad(GstElement *, GstPad *pad, gpointer self);
    static void onDecodedPad(GstElement *, GstPad *pad, gpointer self);
    static void onDeepElementAdded(GstBin *, GstBin *, GstElement *element, gpointer self);
    static GstBusSyncReply onBusMessage(GstBus *, GstMessage *message, gpointer self);
    static GstFlowReturn onVideoSample(GstElement *sink, gpointer self);
    static GstFlowReturn onSelfSample(GstElement *sink, gpointer self);
    static GstPadProbeReturn onAudioBuffer(GstPad *, GstPadProbeInfo *, gpointer self);
    static GstPadProbeReturn onNetworkPacket(GstPad *, GstPadProbeInfo *info, gpointer self);
    static void onSrtpPad(GstElement *, GstPad *pad, gpointer self);
    static GstPadProbeReturn onOutgoingRtcp(GstPad *, GstPadProbeInfo *info, gpointer self);
    static GstPadProbeReturn onRetransmission(GstPad *pad, GstPadProbeInfo *info, gpointer self);
    bool holdsRetransmission(GstElement *sender, GstBuffer *buffer);
    static int rtpPayloadType(GstBuffer *buffer); // -1: not RTP
    bool dropsPacket(GstBuffer *buffer);
    static void countKeyframeRequests(GstPad *pad, std::atomic<quint64> *counter);
    static quint64 sumOfProperty(const std::vector<ElementRef> &elements, const char *property);
    void countBuffers(const char *element, const char *pad, std::atomic<quint64> *counter,
                      std::atomic<quint64> *bytes = nullptr);
    void tuneIceAgent();
    void thinSelfView();
    void watchTransportFeedback();
    GstCaps *cameraCaps() const; // full, or null

    bool addSendChain(GstElement *source, const QString &description, QString *error);
    void linkVideoOutput(GstPad *pad);
    void linkAudioOutput(GstPad *pad);

    CallConfig m_config;
    Listener *m_listener;
    ElementRef m_pipeline;
    ElementRef m_webrtc;
    ElementRef m_playbackIn; // first element of the remote audio chain (the echo probe)
    QString m_probeName;
    std::atomic<quint64> m_decodedFrames{0};
    std::atomic<int> m_decodedWidth{0};
    std::atomic<int> m_decodedHeight{0};
    std::atomic<quint64> m_audioBuffers{0};
    std::atomic<bool> m_framePending{false};
    std::atomic<bool> m_selfPending{false};
    std::atomic<bool> m_audioLinked{false};
    std::atomic<quint64> m_framesOffered{0};
    std::atomic<quint64> m_framesTaken{0};
    std::atomic<quint64> m_framesEncoded{0};
    std::atomic<quint64> m_bytesEncoded{0};
    std::atomic<GstClockTime> m_lastSelfPts{GST_CLOCK_TIME_NONE};
    std::atomic<quint64> m_rtpPacketsSent{0};
    std::atomic<quint64> m_keyframesRequestedOfUs{0};
    std::atomic<quint64> m_keyframesWeRequested{0};
    std::atomic<quint64> m_transportFeedbackSent{0};
    std::atomic<quint64> m_rembSent{0};
    QSize m_sendSize;
    int m_voiceLossPercent = -1;
    std::atomic<double> m_simulatedLoss{0};
    std::mutex m_lossMutex;
    mutable std::mutex m_rtxMutex; // deep-element-added runs on GStreamer's threads
    std::vector<ElementRef> m_rtxSenders;
    std::vector<ElementRef> m_rtxReceivers;
    std::mutex m_rtxBudgetMutex; // the sender's streaming thread and setVideoTarget()
    RetransmissionBudget m_rtxBudget;
    std::atomic<quint64> m_retransmissionsHeld{0};
    std::minstd_rand m_lossRandom{20261122};
};

} // namespace relais::media
