// SPDX-License-Identifier: EUPL-1.2
#pragma once

// A video-counter call as the kiosk (offerer) or the agent (answerer) sees it. Signalling is
// not its business: it hands out its description and candidates as signals and takes the
// remote ones through methods, so a hub client or a test can carry them.
//
// Every GStreamer callback is posted to the thread that owns the session before it touches any
// state; each pipeline has a generation number, and what arrives from a pipeline that has been
// replaced is dropped.

#include "callconfig.h"
#include "callpipeline.h"
#include "callstats.h"
#include "delaybasedestimator.h"
#include "qtrelay.h"
#include "turntlstunnel.h"
#include "videoratecontroller.h"

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUuid>

#include <array>
#include <memory>

namespace relais::media {

class DocumentChannel;

class CallSession : public QObject, public CallPipeline::Listener
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(double rttMs READ rttMs NOTIFY statsUpdated)
    Q_PROPERTY(double packetLossPercent READ packetLossPercent NOTIFY statsUpdated)
    Q_PROPERTY(double jitterMs READ jitterMs NOTIFY statsUpdated)
    Q_PROPERTY(double bitrateKbps READ bitrateKbps NOTIFY statsUpdated)
    Q_PROPERTY(double fps READ fps NOTIFY statsUpdated)
    Q_PROPERTY(QString candidateType READ candidateType NOTIFY statsUpdated)
    Q_PROPERTY(quint64 framesDecoded READ framesDecoded NOTIFY statsUpdated)
    Q_PROPERTY(quint64 audioBuffers READ audioBuffers NOTIFY statsUpdated)
    Q_PROPERTY(int reconnects READ reconnects NOTIFY stateChanged)
public:
    enum class State { Idle, Connecting, Connected, Reconnecting, Ended, Failed };
    Q_ENUM(State)

    explicit CallSession(const CallConfig &config, QObject *parent = nullptr);
    ~CallSession() override;

    State state() const { return m_state; }
    const CallStats &stats() const { return m_stats; }
    double rttMs() const { return m_stats.rttMs; }
    double packetLossPercent() const { return m_stats.packetLossPercent; }
    double jitterMs() const { return m_stats.jitterMs; }
    double bitrateKbps() const { return m_stats.inBitrateKbps; }
    double fps() const { return m_stats.fps; }
    QString candidateType() const { return m_stats.localCandidateType; }
    // Counted over the whole call, across rebuilds.
    quint64 framesDecoded() const;
    quint64 audioBuffers() const;
    int reconnects() const { return m_reconnects; }
    bool dataChannelOpen() const;
    const CallConfig &config() const { return m_config; }

    // Builds the pipeline (unless prepared); the offerer then sends its offer by itself.
    bool start();
    // The kiosk while it waits in the queue: the pipeline is built and the offer made but kept,
    // so that the call starts at once when an adviser takes it (start() sends the offer).
    // Offerer only.
    bool prepare();
    // The ICE servers and policy of this call (they come with the hub's `call`): before
    // start(), and kept for rebuilds.
    void setIceServers(const QList<IceServer> &servers, bool forceRelay);
    // Prepared and its offer made: start() sends it at once.
    bool offerReady() const { return bool(m_heldOffer); }
    // type is "offer" or "answer" (PROTOCOL.md's sdp.type).
    void setRemoteDescription(const QString &type, const QString &sdp);
    // Queued until the remote description is set; an empty candidate (end of candidates) is
    // accepted and ignored.
    void addRemoteCandidate(int mline, const QString &candidate);
    // The peer rebuilds its side (hub `restart`): drop this pipeline and wait for a new offer
    // (answerer), or rebuild and offer again (offerer).
    void restart();
    void hangUp(const QString &reason = QStringLiteral("done"));

    void setMicrophoneMuted(bool muted);
    // Read back from the pipeline itself, so a test sees what is really applied.
    bool microphoneMuted() const;
    // Off sends a black picture.
    void setCameraEnabled(bool enabled);
    bool cameraEnabled() const { return m_cameraEnabled; }

    // Tests and benchmarks: this share of what we send is lost on the way (see
    // CallPipeline::simulateSendLoss).
    void simulateSendLoss(double fraction);
    // What the rate controller lets the camera stream use now.
    QSize sendSize() const { return m_rate.targetSize(); }
    int sendTargetKbps() const { return m_rate.targetKbps(); }
    // The line as this side's rate control sees it ("ok", "reduced", "audio_only"), told to
    // the far end on the data channel; and what the far end told of its own.
    QString lineState() const
    {
        return QLatin1String(VideoRateController::lineStateName(m_rate.lineState()));
    }
    QString remoteLineState() const { return m_remoteLineState; }

    bool sendText(const QString &text);
    bool sendTyping(const QString &draft);
    QUuid sendDocument(const QString &name, const QString &mime, const QByteArray &data);

signals:
    void stateChanged(relais::media::CallSession::State state);
    void localDescription(const QString &type, const QString &sdp);
    void localCandidate(int mline, const QString &candidate);
    // The offerer is rebuilding: the peer must drop its side (send the hub `restart`).
    void restartNeeded();
    // A prepared session has made its offer: from now on start() sends it at once.
    void offerPrepared();
    void statsUpdated(const relais::media::CallStats &stats);
    void remoteFrame(const QImage &frame);
    void firstRemoteFrame();
    // What this side sends (after the camera switch), about ten times a second.
    void localFrame(const QImage &frame);
    void dataChannelOpened();
    void textReceived(const QString &text);
    void typingReceived(const QString &draft);
    void lineStateChanged(const QString &state);
    void remoteLineStateChanged(const QString &state);
    void documentProgress(const QUuid &doc, qint64 bytes, qint64 total, bool incoming);
    void documentReceived(const QUuid &doc, const QString &name, const QString &mime,
                          const QByteArray &data);
    void documentSent(const QUuid &doc);
    void documentFailed(const QUuid &doc, const QString &reason, bool incoming);
    void errorOccurred(const QString &message);
    void ended(const QString &reason);

private:
    // CallPipeline::Listener, called on GStreamer threads: post only.
    void negotiationNeeded() override;
    void candidateGathered(guint mline, const QString &candidate) override;
    void dataChannel(GstWebRTCDataChannel *channel) override;
    void connectionStateChanged(GstWebRTCPeerConnectionState state) override;
    void pipelineError(const QString &message) override;
    void videoFrame(const QImage &frame) override;
    void firstFrameDecoded() override;
    void selfFrame(const QImage &frame) override;
    void transportFeedback(std::vector<PacketFeedback> &&packets) override;

    template<typename F>
    void postCurrent(F &&f); // runs f on the session thread if the pipeline is still current

    bool buildPipeline();
    void configureIce();
    void teardownPipeline();
    void rebuild(const QString &why);
    void setState(State s);
    void fail(const QString &message);
    void wireChannel(DocumentChannel *channel);
    void adoptChannel(DocumentChannel *channel);
    void onOfferCreated(const GstStructure *reply);
    void onAnswerCreated(const GstStructure *reply);
    void onRemoteDescriptionSet(const GstStructure *reply);
    void applyLocalDescription(const GstStructure *reply, const char *field);
    void sendLocalDescription(DescriptionRef description, const char *field);
    void onTick();
    void onStatsReply(const GstStructure *reply);
    void adaptSendRate();
    void tellLineState();

    using PromiseFn = void (CallSession::*)(const GstStructure *);
    GstPromise *makePromise(PromiseFn fn);

    CallConfig m_config;
    QtRelayPtr m_relay;
    TurnTlsTunnel m_turnTls; // outlives the pipelines: declared before them
    std::unique_ptr<CallPipeline> m_pipeline;
    quint64 m_generation = 0;
    State m_state = State::Idle;
    QPointer<DocumentChannel> m_channel;
    DescriptionRef m_heldOffer; // prepared, not started
    bool m_remoteSet = false;
    bool m_negotiating = false;
    QList<QPair<int, QString>> m_pendingCandidates;
    QTimer m_tick;
    StatsReader m_statsReader;
    CallStats m_stats;
    int m_reconnects = 0;
    bool m_microphoneMuted = false;
    bool m_cameraEnabled = true;
    bool m_mediaSeen = false; // this attempt delivered remote media
    int m_failedAttempts = 0; // consecutive rebuilds without media, bounded by maxReconnects
    QElapsedTimer m_attemptClock;
    QElapsedTimer m_progressClock;
    quint64 m_lastProgress = 0;
    VideoRateController m_rate;
    DelayBasedEstimator m_delayEstimator; // kept across rebuilds, as the loss rule is
    QElapsedTimer m_feedbackClock;
    quint64 m_feedbackReports = 0;
    QFile m_feedbackLog;
    QString m_toldLineState = QStringLiteral("ok"); // last told to the far end
    QString m_remoteLineState = QStringLiteral("ok");
    double m_simulatedLoss = 0;
    quint64 m_lastOffered = 0; // encoder counters at the previous tick, this pipeline
    quint64 m_lastTaken = 0;
    quint64 m_lastEncoded = 0;
    quint64 m_lastBytesEncoded = 0;
    QElapsedTimer m_sendClock; // since the encoder counters were last read
    quint64 m_lastSent = 0;    // RTP packets sent and retransmissions asked, previous tick
    quint64 m_lastAsked = 0;
    std::array<quint64, 3> m_sentTicks{};  // the picture's packets sent, the last three ticks
    std::array<quint64, 3> m_askedTicks{}; // and retransmissions asked for
    quint64 m_lastKeyframesAsked = 0;
    quint64 m_framesBefore = 0; // counters of the pipelines already thrown away
    quint64 m_audioBefore = 0;
};

} // namespace relais::media

Q_DECLARE_METATYPE(relais::media::CallStats)
