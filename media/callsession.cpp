// SPDX-License-Identifier: EUPL-1.2
#include "callsession.h"

#include "documentchannel.h"
#include "gstinit.h"
#include "sdpfilter.h"

#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>
#include <numeric>

Q_LOGGING_CATEGORY(lcCall, "relais.media.call")
Q_LOGGING_CATEGORY(lcStats, "relais.media.stats")
Q_LOGGING_CATEGORY(lcSetup, "relais.media.setup", QtWarningMsg)

namespace relais::media {

namespace {

using StructurePtr = std::shared_ptr<GstStructure>;

StructurePtr copyReply(GstPromise *promise)
{
    const GstStructure *reply = gst_promise_get_reply(promise);
    return reply ? StructurePtr(gst_structure_copy(reply), gst_structure_free) : StructurePtr();
}

const char *stateName(CallSession::State s)
{
    switch (s) {
    case CallSession::State::Idle:
        return "idle";
    case CallSession::State::Connecting:
        return "connecting";
    case CallSession::State::Connected:
        return "connected";
    case CallSession::State::Reconnecting:
        return "reconnecting";
    case CallSession::State::Ended:
        return "ended";
    case CallSession::State::Failed:
        return "failed";
    }
    return "?";
}

} // namespace

CallSession::CallSession(const CallConfig &config, QObject *parent)
    : QObject(parent), m_config(config), m_relay(std::make_shared<QtRelay>(this)),
      m_turnTls(config.caCertificates, this),
      m_rate(QSize(config.videoWidth, config.videoHeight), config.videoBitrateKbps),
      m_delayEstimator(config.videoBitrateKbps, VideoRateController::FloorKbps,
                       std::max(config.videoBitrateKbps, VideoRateController::MinKbps))
{
    // A record of the feedback, for the estimator's tests (tests/media/data/README.md).
    if (qEnvironmentVariableIsSet("RELAIS_TWCC_LOG")) {
        m_feedbackLog.setFileName(qEnvironmentVariable("RELAIS_TWCC_LOG") +
                                  (config.role == CallRole::Offerer ? QLatin1String(".offerer")
                                                                    : QLatin1String(".answerer")));
        if (!m_feedbackLog.open(QIODevice::WriteOnly | QIODevice::Append))
            qCWarning(lcCall) << "cannot write" << m_feedbackLog.fileName();
    }
    qRegisterMetaType<CallStats>();
    // The kiosk does not call gst_init itself: the first session or preview does.
    ensureGStreamer();
    m_tick.setInterval(m_config.statsIntervalMs);
    connect(&m_tick, &QTimer::timeout, this, &CallSession::onTick);
}

CallSession::~CallSession()
{
    m_relay->cut();
    teardownPipeline();
}

quint64 CallSession::framesDecoded() const
{
    return m_framesBefore + (m_pipeline ? m_pipeline->decodedFrames() : 0);
}

quint64 CallSession::audioBuffers() const
{
    return m_audioBefore + (m_pipeline ? m_pipeline->audioBuffers() : 0);
}

bool CallSession::dataChannelOpen() const
{
    return m_channel && m_channel->isOpen();
}

template<typename F> void CallSession::postCurrent(F &&f)
{
    // m_generation is read on a GStreamer thread here; it only changes after the pipeline that
    // calls us has been stopped (its threads joined), so the value seen is the caller's own.
    const quint64 generation = m_generation;
    m_relay->post([this, generation, f = std::forward<F>(f)]() mutable {
        if (generation == m_generation && m_pipeline)
            f();
    });
}

bool CallSession::start()
{
    if (m_state != State::Idle)
        return false;
    setState(State::Connecting);
    if (m_pipeline) {
        // Prepared: the wait for the adviser does not count against this attempt.
        configureIce();
        m_attemptClock.start();
        m_progressClock.start();
        if (m_heldOffer)
            sendLocalDescription(std::move(m_heldOffer), "offer");
    } else if (!buildPipeline()) {
        return false;
    }
    m_tick.start();
    return true;
}

bool CallSession::prepare()
{
    if (m_state != State::Idle || m_pipeline || m_config.role != CallRole::Offerer)
        return false;
    return buildPipeline();
}

void CallSession::setIceServers(const QList<IceServer> &servers, bool forceRelay)
{
    m_config.iceServers = servers;
    m_config.forceRelay = forceRelay;
}

void CallSession::configureIce()
{
    // webrtcbin gets the `turns:` servers as local plain `turn:` ones that the tunnel carries
    // in TLS (callconfig.h); the tunnel's ports stay the same across rebuilds.
    m_pipeline->configureIce(withTurnsTunnelled(m_config.iceServers,
                                                [this](const QString &host, quint16 port) {
                                                    return m_turnTls.listen(host, port);
                                                }),
                             m_config.forceRelay);
}

bool CallSession::buildPipeline()
{
    ++m_generation;
    m_remoteSet = false;
    m_negotiating = false;
    m_mediaSeen = false;
    m_pendingCandidates.clear();
    m_statsReader = StatsReader();
    m_attemptClock.start();
    m_progressClock.start();
    m_lastProgress = framesDecoded() + audioBuffers();
    m_pipeline = std::make_unique<CallPipeline>(m_config, this);
    QString error;
    if (!m_pipeline->build(&error)) {
        fail(error);
        return false;
    }
    // The resident's choices hold across rebuilds, and so does what the line was found to
    // carry: a rebuilt call on the same bad line starts where the last one ended.
    m_pipeline->setMicrophoneMuted(m_microphoneMuted);
    m_pipeline->setCameraEnabled(m_cameraEnabled);
    m_pipeline->setVideoTarget(m_rate.targetSize(), m_rate.targetKbps());
    m_pipeline->setVideoSending(!m_rate.voiceOnly());
    m_pipeline->simulateSendLoss(m_simulatedLoss);
    // A prepared session learns its servers with the call (start()).
    if (m_state != State::Idle)
        configureIce();
    m_lastOffered = 0;
    m_lastEncoded = 0;
    m_sendClock.invalidate();
    m_lastSent = 0;
    m_lastAsked = 0;
    m_lastKeyframesAsked = 0;
    if (!m_pipeline->play(&error)) {
        fail(error);
        return false;
    }
    qCInfo(lcSetup) << "pipeline built and playing at" << m_attemptClock.elapsed() << "ms";
    if (m_config.role == CallRole::Offerer) {
        // Created before the offer so that the offer carries the data channel's m-line.
        GstStructure *options =
            gst_structure_new("options", "ordered", G_TYPE_BOOLEAN, TRUE, nullptr);
        GstWebRTCDataChannel *channel = nullptr;
        g_signal_emit_by_name(m_pipeline->webrtc(), "create-data-channel", "relais", options,
                              &channel);
        gst_structure_free(options);
        if (!channel) {
            fail(QStringLiteral("webrtcbin could not create the data channel"));
            return false;
        }
        auto *dc = new DocumentChannel(channel);
        g_object_unref(channel);
        wireChannel(dc);
        dc->hookUp();
        adoptChannel(dc);
    }
    return true;
}

void CallSession::teardownPipeline()
{
    delete m_channel.data();
    m_heldOffer = DescriptionRef();
    if (!m_pipeline)
        return;
    m_framesBefore += m_pipeline->decodedFrames();
    m_audioBefore += m_pipeline->audioBuffers();
    ++m_generation; // anything still queued from this pipeline is now stale
    m_pipeline->stop();
    m_pipeline.reset();
}

void CallSession::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    qCInfo(lcCall) << (m_config.role == CallRole::Offerer ? "offerer" : "answerer") << "state"
                   << stateName(s);
    emit stateChanged(s);
}

void CallSession::fail(const QString &message)
{
    qCWarning(lcCall) << "call failed:" << message;
    m_tick.stop();
    teardownPipeline();
    m_turnTls.close();
    setState(State::Failed);
    emit errorOccurred(message);
    emit ended(QStringLiteral("failed"));
}

void CallSession::setMicrophoneMuted(bool muted)
{
    m_microphoneMuted = muted;
    if (m_pipeline)
        m_pipeline->setMicrophoneMuted(muted);
}

bool CallSession::microphoneMuted() const
{
    return m_pipeline ? m_pipeline->microphoneMuted() : m_microphoneMuted;
}

void CallSession::setCameraEnabled(bool enabled)
{
    m_cameraEnabled = enabled;
    if (m_pipeline)
        m_pipeline->setCameraEnabled(enabled);
}

void CallSession::hangUp(const QString &reason)
{
    if (m_state == State::Ended || m_state == State::Failed)
        return;
    m_tick.stop();
    teardownPipeline();
    m_turnTls.close();
    setState(State::Ended);
    emit ended(reason);
}

void CallSession::restart()
{
    if (m_state == State::Idle || m_state == State::Ended || m_state == State::Failed)
        return;
    if (m_config.role == CallRole::Offerer) {
        rebuild(QStringLiteral("the peer asked"));
        return;
    }
    teardownPipeline();
    setState(State::Reconnecting);
    buildPipeline();
}

void CallSession::rebuild(const QString &why)
{
    if (m_failedAttempts >= m_config.maxReconnects) {
        fail(QStringLiteral("the call could not be restored after %1 attempts (%2)")
                 .arg(m_failedAttempts)
                 .arg(why));
        return;
    }
    ++m_failedAttempts;
    ++m_reconnects;
    qCInfo(lcCall) << "rebuilding the call, attempt" << m_reconnects << "because" << why;
    teardownPipeline();
    setState(State::Reconnecting);
    emit restartNeeded();
    buildPipeline();
}

GstPromise *CallSession::makePromise(PromiseFn fn)
{
    struct Box
    {
        QtRelayPtr relay;
        CallSession *self;
        quint64 generation;
        PromiseFn fn;
    };
    auto *box = new Box{m_relay, this, m_generation, fn};
    return gst_promise_new_with_change_func(
        [](GstPromise *promise, gpointer ud) {
            auto *b = static_cast<Box *>(ud);
            StructurePtr reply = copyReply(promise);
            b->relay->post([self = b->self, generation = b->generation, fn = b->fn, reply] {
                if (generation == self->m_generation && self->m_pipeline)
                    (self->*fn)(reply.get());
            });
        },
        box, [](gpointer ud) { delete static_cast<Box *>(ud); });
}

void CallSession::negotiationNeeded()
{
    postCurrent([this] {
        // The answerer's webrtcbin also asks once its sink pads exist; only the kiosk offers.
        if (m_config.role != CallRole::Offerer || m_negotiating)
            return;
        m_negotiating = true;
        g_signal_emit_by_name(m_pipeline->webrtc(), "create-offer", nullptr,
                              makePromise(&CallSession::onOfferCreated));
    });
}

void CallSession::applyLocalDescription(const GstStructure *reply, const char *field)
{
    GstWebRTCSessionDescription *raw = nullptr;
    if (!reply ||
        !gst_structure_get(reply, field, GST_TYPE_WEBRTC_SESSION_DESCRIPTION, &raw, nullptr)) {
        const GValue *error = reply ? gst_structure_get_value(reply, "error") : nullptr;
        fail(QStringLiteral("webrtcbin could not create the %1: %2")
                 .arg(QLatin1String(field),
                      error ? QString::fromUtf8(
                                  static_cast<GError *>(g_value_get_boxed(error))->message)
                            : QStringLiteral("no reply")));
        return;
    }
    DescriptionRef description(raw);
    qCInfo(lcSetup) << field << "created at" << m_attemptClock.elapsed() << "ms";
    if (m_state == State::Idle) {
        m_heldOffer = std::move(description); // prepared: start() sends it
        emit offerPrepared();
        return;
    }
    sendLocalDescription(std::move(description), field);
}

void CallSession::sendLocalDescription(DescriptionRef description, const char *field)
{
    // Setting it starts the gathering of candidates, with the servers configured by now.
    g_signal_emit_by_name(m_pipeline->webrtc(), "set-local-description", description.get(),
                          nullptr);
    GCharRef text(gst_sdp_message_as_text(description->sdp));
    // The far end starts sending at what this end starts sending at: the line's capacity as
    // last found on a rebuilt call, the configured bitrate otherwise.
    emit localDescription(
        QLatin1String(field),
        withVideoStartBitrate(withoutAudioRetransmission(QString::fromUtf8(text.get())),
                              m_rate.targetKbps()));
}

void CallSession::onOfferCreated(const GstStructure *reply)
{
    applyLocalDescription(reply, "offer");
}

void CallSession::onAnswerCreated(const GstStructure *reply)
{
    applyLocalDescription(reply, "answer");
}

void CallSession::setRemoteDescription(const QString &type, const QString &sdp)
{
    const bool offer = type == QLatin1String("offer");
    if (offer != (m_config.role == CallRole::Answerer) || !m_pipeline) {
        qCWarning(lcCall) << "ignored a remote" << type << "in this role or state";
        return;
    }
    // A second offer on the same call is the kiosk's rebuilt connection, even if its
    // `restart` was lost on the way.
    if (offer && m_remoteSet) {
        teardownPipeline();
        setState(State::Reconnecting);
        if (!buildPipeline())
            return;
    }
    GstSDPMessage *message = nullptr;
    gst_sdp_message_new_from_text(sdp.toUtf8().constData(), &message);
    if (!message) {
        fail(QStringLiteral("the remote %1 is not valid SDP").arg(type));
        return;
    }
    DescriptionRef description(gst_webrtc_session_description_new(
        offer ? GST_WEBRTC_SDP_TYPE_OFFER : GST_WEBRTC_SDP_TYPE_ANSWER, message));
    g_signal_emit_by_name(m_pipeline->webrtc(), "set-remote-description", description.get(),
                          makePromise(&CallSession::onRemoteDescriptionSet));
}

void CallSession::onRemoteDescriptionSet(const GstStructure *reply)
{
    if (reply && gst_structure_has_field(reply, "error")) {
        const GValue *error = gst_structure_get_value(reply, "error");
        fail(QStringLiteral("webrtcbin refused the remote description: %1")
                 .arg(QString::fromUtf8(static_cast<GError *>(g_value_get_boxed(error))->message)));
        return;
    }
    m_remoteSet = true;
    qCInfo(lcSetup) << "remote description set at" << m_attemptClock.elapsed() << "ms,"
                    << m_pendingCandidates.size() << "candidates were waiting";
    for (const auto &[mline, candidate] : std::as_const(m_pendingCandidates))
        g_signal_emit_by_name(m_pipeline->webrtc(), "add-ice-candidate", guint(mline),
                              candidate.toUtf8().constData());
    m_pendingCandidates.clear();
    if (m_config.role == CallRole::Answerer)
        g_signal_emit_by_name(m_pipeline->webrtc(), "create-answer", nullptr,
                              makePromise(&CallSession::onAnswerCreated));
}

void CallSession::addRemoteCandidate(int mline, const QString &candidate)
{
    if (!m_pipeline || candidate.isEmpty())
        return;
    qCInfo(lcSetup) << "remote candidate at" << m_attemptClock.elapsed() << "ms:" << candidate;
    if (!m_remoteSet) {
        m_pendingCandidates.append({mline, candidate});
        return;
    }
    g_signal_emit_by_name(m_pipeline->webrtc(), "add-ice-candidate", guint(mline),
                          candidate.toUtf8().constData());
}

void CallSession::candidateGathered(guint mline, const QString &candidate)
{
    postCurrent([this, mline, candidate] {
        qCInfo(lcSetup) << "local candidate at" << m_attemptClock.elapsed() << "ms:" << candidate;
        emit localCandidate(int(mline), candidate);
    });
}

void CallSession::dataChannel(GstWebRTCDataChannel *channel)
{
    // On a GStreamer thread. The channel may already carry messages, so it is listened to
    // here and now, then handed to the session's thread; posting first would lose them.
    auto *dc = new DocumentChannel(channel);
    wireChannel(dc);
    dc->moveToThread(thread());
    dc->hookUp();
    struct Holder
    {
        DocumentChannel *channel;
        ~Holder()
        {
            if (channel)
                channel->deleteLater(); // the pipeline was replaced before it could be adopted
        }
    };
    std::shared_ptr<Holder> holder(new Holder{dc});
    postCurrent([this, holder] { adoptChannel(std::exchange(holder->channel, nullptr)); });
}

void CallSession::wireChannel(DocumentChannel *dc)
{
    connect(dc, &DocumentChannel::opened, this, &CallSession::dataChannelOpened);
    // A rebuilt call opens a new channel: the far end learns the line's state again.
    connect(dc, &DocumentChannel::opened, this, [this, dc] {
        if (m_toldLineState != QLatin1String("ok"))
            dc->sendLineState(m_toldLineState);
    });
    connect(dc, &DocumentChannel::lineStateReceived, this, [this](const QString &state) {
        if (state == m_remoteLineState)
            return;
        m_remoteLineState = state;
        emit remoteLineStateChanged(state);
    });
    connect(dc, &DocumentChannel::textReceived, this, &CallSession::textReceived);
    connect(dc, &DocumentChannel::typingReceived, this, &CallSession::typingReceived);
    connect(dc, &DocumentChannel::documentProgress, this, &CallSession::documentProgress);
    connect(dc, &DocumentChannel::documentReceived, this, &CallSession::documentReceived);
    connect(dc, &DocumentChannel::documentSent, this, &CallSession::documentSent);
    connect(dc, &DocumentChannel::documentFailed, this, &CallSession::documentFailed);
}

void CallSession::adoptChannel(DocumentChannel *dc)
{
    delete m_channel.data();
    dc->setParent(this);
    m_channel = dc;
}

void CallSession::simulateSendLoss(double fraction)
{
    m_simulatedLoss = fraction;
    if (m_pipeline)
        m_pipeline->simulateSendLoss(fraction);
}

bool CallSession::sendText(const QString &text)
{
    return m_channel && m_channel->sendText(text);
}

bool CallSession::sendTyping(const QString &draft)
{
    return m_channel && m_channel->sendTyping(draft);
}

QUuid CallSession::sendDocument(const QString &name, const QString &mime, const QByteArray &data)
{
    return m_channel ? m_channel->sendDocument(name, mime, data) : QUuid();
}

void CallSession::connectionStateChanged(GstWebRTCPeerConnectionState state)
{
    postCurrent([this, state] {
        qCInfo(lcCall) << "peer connection state" << int(state);
        qCInfo(lcSetup) << "peer connection state" << int(state) << "at" << m_attemptClock.elapsed()
                        << "ms";
        if (state != GST_WEBRTC_PEER_CONNECTION_STATE_FAILED)
            return;
        if (m_config.role == CallRole::Offerer)
            rebuild(QStringLiteral("ICE failed"));
        else
            setState(State::Reconnecting); // the kiosk rebuilds; we answer its next offer
    });
}

void CallSession::pipelineError(const QString &message)
{
    postCurrent([this, message] {
        // A broken pipeline is rebuilt like a broken network path: the kiosk must not stay
        // frozen on one bad buffer.
        qCWarning(lcCall) << "pipeline error:" << message;
        emit errorOccurred(message);
        if (m_config.role == CallRole::Offerer)
            rebuild(message);
    });
}

void CallSession::videoFrame(const QImage &frame)
{
    postCurrent([this, frame] {
        m_pipeline->frameConsumed();
        emit remoteFrame(frame);
    });
}

void CallSession::selfFrame(const QImage &frame)
{
    postCurrent([this, frame] {
        m_pipeline->selfFrameConsumed();
        emit localFrame(frame);
    });
}

void CallSession::transportFeedback(std::vector<PacketFeedback> &&packets)
{
    postCurrent([this, packets = std::move(packets)]() mutable {
        if (packets.empty() || !m_config.adaptive)
            return;
        if (!m_feedbackClock.isValid())
            m_feedbackClock.start();
        const qint64 nowMs = m_feedbackClock.elapsed();
        if (m_feedbackLog.isOpen()) {
            QByteArray line = QByteArray::number(nowMs);
            for (const PacketFeedback &p : packets)
                line += ' ' + QByteArray::number(p.sendUs) + ':' + QByteArray::number(p.arrivalUs) +
                        ':' + QByteArray::number(p.bytes);
            m_feedbackLog.write(line + '\n');
        }
        m_delayEstimator.setRttMs(m_stats.rttMs);
        m_delayEstimator.onFeedback(std::move(packets), nowMs);
        ++m_feedbackReports;
        // The encoder follows at once; the picture size at the next statistics tick.
        if (m_rate.setDelayBasedKbps(m_delayEstimator.targetKbps())) {
            qCDebug(lcCall) << "delay-based estimate" << m_delayEstimator.targetKbps()
                            << "kbps, acknowledged" << m_delayEstimator.acknowledgedKbps();
            m_pipeline->setVideoTarget(m_rate.targetSize(), m_rate.targetKbps());
        }
    });
}

void CallSession::firstFrameDecoded()
{
    postCurrent([this] {
        qCInfo(lcSetup) << "first remote frame at" << m_attemptClock.elapsed() << "ms";
        m_mediaSeen = true;
        m_failedAttempts = 0;
        m_progressClock.start();
        setState(State::Connected);
        emit firstRemoteFrame();
    });
}

void CallSession::onTick()
{
    if (!m_pipeline)
        return;
    const quint64 progress = framesDecoded() + audioBuffers();
    if (progress != m_lastProgress) {
        m_lastProgress = progress;
        m_progressClock.start();
    }
    if (m_mediaSeen && m_progressClock.elapsed() > m_config.linkLostMs) {
        // libnice 0.1.21 has no consent freshness here, so a dead path is seen by the media
        // stopping rather than by ICE.
        if (m_config.role == CallRole::Offerer) {
            rebuild(QStringLiteral("no media for %1 ms").arg(m_progressClock.elapsed()));
            return;
        }
        setState(State::Reconnecting);
    } else if (!m_mediaSeen && m_config.role == CallRole::Offerer &&
               m_attemptClock.elapsed() > m_config.setupTimeoutMs) {
        rebuild(
            QStringLiteral("no media %1 ms after the attempt began").arg(m_attemptClock.elapsed()));
        return;
    }
    if (m_mediaSeen && m_state == State::Reconnecting && m_progressClock.elapsed() < 1500)
        setState(State::Connected);
    g_signal_emit_by_name(m_pipeline->webrtc(), "get-stats", nullptr,
                          makePromise(&CallSession::onStatsReply));
}

void CallSession::adaptSendRate()
{
    const quint64 offered = m_pipeline->framesOffered();
    const quint64 taken = m_pipeline->framesTaken();
    const quint64 encoded = m_pipeline->framesEncoded();
    const quint64 bytes = m_pipeline->bytesEncoded();
    const quint64 bytesNow = bytes - std::min(bytes, m_lastBytesEncoded);
    m_lastBytesEncoded = bytes;
    const quint64 offeredNow = offered - std::min(offered, m_lastOffered);
    const quint64 takenNow = taken - std::min(taken, m_lastTaken);
    const quint64 encodedNow = encoded - std::min(encoded, m_lastEncoded);
    m_lastOffered = offered;
    m_lastTaken = taken;
    m_lastEncoded = encoded;
    double encodedKbps = -1;
    if (m_sendClock.isValid() && m_sendClock.elapsed() > 0) {
        m_stats.sendFps = double(encodedNow) * 1000.0 / double(m_sendClock.elapsed());
        encodedKbps = double(bytesNow) * 8.0 / double(m_sendClock.elapsed());
    }
    m_sendClock.start();
    m_stats.cameraFps = m_pipeline->cameraFramerate();
    const LossRecovery recovery = m_pipeline->lossRecovery();
    m_stats.retransmissionsAsked = recovery.retransmissionsAsked;
    m_stats.retransmissionsSent = recovery.retransmissionsSent;
    m_stats.retransmissionsHeld = recovery.retransmissionsHeld;
    m_stats.keyframesAsked = recovery.keyframesAsked;
    m_stats.retransmissionsWeAsked = recovery.retransmissionsWeAsked;
    m_stats.packetsRepaired = recovery.packetsRepaired;
    m_stats.keyframesWeAsked = recovery.keyframesWeAsked;
    m_stats.transportFeedbackSent = recovery.transportFeedbackSent;
    m_stats.rembSent = recovery.rembSent;

    // Receiver reports see only what retransmission could not repair; the far end's requests
    // for retransmission see the loss itself. The worse of the two drives the rate.
    RateInput input;
    input.lossFraction = m_stats.sendLossPercent < 0 ? -1 : m_stats.sendLossPercent / 100.0;
    const quint64 sentNow = recovery.rtpPacketsSent - std::min(recovery.rtpPacketsSent, m_lastSent);
    const quint64 askedNow =
        recovery.retransmissionsAsked - std::min(recovery.retransmissionsAsked, m_lastAsked);
    input.keyframeRequests =
        int(recovery.keyframesAsked - std::min(recovery.keyframesAsked, m_lastKeyframesAsked));
    m_lastSent = recovery.rtpPacketsSent;
    m_lastAsked = recovery.retransmissionsAsked;
    m_lastKeyframesAsked = recovery.keyframesAsked;
    // Over the last three ticks: a few requests at the start of a call, for packets only
    // late on a busy machine, are not a lossy line.
    std::rotate(m_sentTicks.begin(), m_sentTicks.begin() + 1, m_sentTicks.end());
    std::rotate(m_askedTicks.begin(), m_askedTicks.begin() + 1, m_askedTicks.end());
    const bool counts = m_state == State::Connected;
    m_sentTicks.back() = counts ? sentNow : 0;
    m_askedTicks.back() = counts ? askedNow : 0;
    const quint64 sentRecently = std::accumulate(m_sentTicks.begin(), m_sentTicks.end(), 0ULL);
    const quint64 askedRecently = std::accumulate(m_askedTicks.begin(), m_askedTicks.end(), 0ULL);
    if (sentRecently > 0 && counts)
        input.lossFraction = std::max(input.lossFraction,
                                      std::min(1.0, double(askedRecently) / double(sentRecently)));
    input.rttMs = m_stats.rttMs;
    if (input.lossFraction >= 0)
        m_pipeline->setVoiceLoss(input.lossFraction * 100);
    m_stats.voiceFecPercent = m_pipeline->voiceLossPercent();
    // Before the path is up webrtcbin holds the encoder back, and a black picture (camera off)
    // costs nothing to encode: neither says anything of the machine.
    if (offeredNow > 0 && m_cameraEnabled && m_state == State::Connected)
        input.encoderDropRate = 1.0 - std::min(1.0, double(takenNow) / double(offeredNow));
    if (m_cameraEnabled && m_state == State::Connected) {
        input.encodedKbps = encodedKbps;
        if (takenNow > 0)
            input.encoderSkipRate = 1.0 - std::min(1.0, double(encodedNow) / double(takenNow));
    }
    const bool voiceOnlyBefore = m_rate.voiceOnly();
    if (m_config.adaptive && m_rate.update(input)) {
        qCInfo(lcCall) << "sending" << m_rate.targetSize() << "at" << m_rate.targetKbps() << "kbps"
                       << m_rate.limitation() << (m_rate.voiceOnly() ? "voice only" : "");
        m_pipeline->setVideoTarget(m_rate.targetSize(), m_rate.targetKbps());
        if (m_rate.voiceOnly() != voiceOnlyBefore) {
            m_pipeline->setVideoSending(!m_rate.voiceOnly());
            // The picture is tried again from the smallest one, not from where it failed.
            if (!m_rate.voiceOnly())
                m_delayEstimator.restartAt(VideoRateController::MinKbps);
        }
    }
    tellLineState();
    m_stats.sendWidth = m_rate.targetSize().width();
    m_stats.sendHeight = m_rate.targetSize().height();
    m_stats.sendTargetKbps = m_rate.targetKbps();
    m_stats.sendLimitation = QLatin1String(m_rate.limitation());
    m_stats.delayBasedKbps = m_feedbackReports > 0 ? m_delayEstimator.targetKbps() : -1;
    m_stats.acknowledgedKbps = m_delayEstimator.acknowledgedKbps();
    m_stats.feedbackReports = m_feedbackReports;
}

void CallSession::tellLineState()
{
    const QString state = lineState();
    m_stats.lineState = state;
    if (state == m_toldLineState)
        return;
    qCInfo(lcCall) << "line" << state;
    m_toldLineState = state;
    emit lineStateChanged(state);
    if (m_channel)
        m_channel->sendLineState(state);
}

void CallSession::onStatsReply(const GstStructure *reply)
{
    if (!reply)
        return;
    m_stats = m_statsReader.read(reply, framesDecoded(), audioBuffers());
    const QSize received = m_pipeline ? m_pipeline->decodedSize() : QSize();
    m_stats.receiveWidth = received.width();
    m_stats.receiveHeight = received.height();
    adaptSendRate();
    qCDebug(lcStats).noquote() << QJsonDocument(m_stats.toJson()).toJson(QJsonDocument::Compact);
    emit statsUpdated(m_stats);
}

} // namespace relais::media
