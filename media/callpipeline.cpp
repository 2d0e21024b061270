// SPDX-License-Identifier: EUPL-1.2
#include "callpipeline.h"

#include "mediasources.h"
#include "sampleimage.h"

#include <gst/app/gstappsink.h>
#include <gst/rtp/gstrtcpbuffer.h>
#include <gst/rtp/gstrtpbuffer.h>
#include <gst/video/video.h>

#include <QLoggingCategory>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcPipeline, "relais.media.pipeline")

namespace relais::media {

namespace {

std::atomic<int> s_livePipelines{0};
std::atomic<int> s_probeSerial{0};

// Packets a jitter buffer needs before it starts. In-order packets are let through at once
// after the start anyway; reordering at the very start only costs a frame the decoder waits
// out.
constexpr guint kFastStartPackets = 1;

// libnice's pacing of connectivity checks (its "stun-pacing-timer"), see tuneIceAgent().
constexpr guint kIceTickMs = 10;

// What Opus's in-band FEC is sized for on a clean line: Chromium's floor too, so a first
// lost packet is already covered.
constexpr int kMinVoiceLossPercent = 5;

// vp8enc's max-intra-bitrate: a keyframe at most what 300 ms of the target rate carries, in
// percent of an average frame (libwebrtc's MaxIntraTarget with its 600 ms buffer), and never
// under three frames' worth.
constexpr int maxIntraPercent(int fps)
{
    return std::max(300, 300 * fps / 10);
}

// Our payload types (we make the offer): the picture's RTP is told from the voice's by them.
constexpr int kVideoPayloadType = 96;
constexpr int kVoicePayloadType = 97;

// The resident's own small picture needs no more than ten frames a second.
constexpr GstClockTime kSelfViewInterval = GST_SECOND / 10 - GST_MSECOND;

#define TWCC_EXTENSION "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"

ElementRef make(const char *factory, const char *name = nullptr)
{
    GstElement *e = gst_element_factory_make(factory, name);
    return ElementRef(e ? GST_ELEMENT(gst_object_ref_sink(e)) : nullptr);
}

ElementRef parseBin(const QString &description, QString *error)
{
    GError *raw = nullptr;
    GstElement *bin = gst_parse_bin_from_description(description.toUtf8().constData(), TRUE, &raw);
    ErrorRef err(raw);
    if (!bin || err) {
        *error = QStringLiteral("cannot build \"%1\": %2")
                     .arg(description, QString::fromUtf8(err ? err->message : "unknown"));
        if (bin)
            gst_object_unref(gst_object_ref_sink(bin));
        return {};
    }
    return ElementRef(GST_ELEMENT(gst_object_ref_sink(bin)));
}

CallPipeline *self_(gpointer p)
{
    return static_cast<CallPipeline *>(p);
}

// The packets of one "RTPTWCCPackets" event: send time on our clock, arrival on the far
// end's (GST_CLOCK_TIME_NONE when lost), in nanoseconds.
std::vector<PacketFeedback> feedbackOf(const GstStructure *event)
{
    std::vector<PacketFeedback> packets;
    const GValue *list = gst_structure_get_value(event, "packets");
    if (!list)
        return packets;
    // rtpsession hands a GValueArray, deprecated in GLib but what it uses.
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    GValueArray *array = G_VALUE_HOLDS(list, g_value_array_get_type())
                             ? static_cast<GValueArray *>(g_value_get_boxed(list))
                             : nullptr;
    for (guint i = 0; array && i < array->n_values; ++i) {
        const GValue *v = g_value_array_get_nth(array, i);
        if (!GST_VALUE_HOLDS_STRUCTURE(v))
            continue;
        const GstStructure *p = gst_value_get_structure(v);
        guint64 local = GST_CLOCK_TIME_NONE;
        guint64 remote = GST_CLOCK_TIME_NONE;
        guint size = 0;
        gboolean lost = FALSE;
        gst_structure_get_uint64(p, "local-ts", &local);
        gst_structure_get_uint64(p, "remote-ts", &remote);
        gst_structure_get_uint(p, "size", &size);
        gst_structure_get_boolean(p, "lost", &lost);
        if (!GST_CLOCK_TIME_IS_VALID(local))
            continue; // not one of ours, or sent before the session knew it
        PacketFeedback f;
        f.sendUs = qint64(local / 1000);
        f.arrivalUs = lost || !GST_CLOCK_TIME_IS_VALID(remote) ? -1 : qint64(remote / 1000);
        f.bytes = int(size);
        packets.push_back(f);
    }
    G_GNUC_END_IGNORE_DEPRECATIONS
    return packets;
}

} // namespace

CallPipeline::CallPipeline(const CallConfig &config, Listener *listener)
    : m_config(config), m_listener(listener)
{}

CallPipeline::~CallPipeline()
{
    stop();
}

int CallPipeline::livePipelines()
{
    return s_livePipelines.load();
}

bool CallPipeline::build(QString *error)
{
    m_pipeline = ElementRef(GST_ELEMENT(gst_object_ref_sink(gst_pipeline_new("relais-call"))));
    ++s_livePipelines;
    g_object_weak_ref(
        G_OBJECT(m_pipeline.get()), [](gpointer, GObject *) { --s_livePipelines; }, nullptr);

    m_webrtc = make("webrtcbin", "webrtc");
    if (!m_webrtc) {
        *error =
            QStringLiteral("webrtcbin is missing (gstreamer1.0-plugins-bad, gstreamer1.0-nice)");
        return false;
    }
    gst_util_set_object_arg(G_OBJECT(m_webrtc.get()), "bundle-policy", "max-bundle");
    tuneIceAgent();
    if (!m_config.localAddresses.isEmpty()) {
        GstObject *ice = nullptr;
        g_object_get(m_webrtc.get(), "ice-agent", &ice, nullptr);
        for (const QString &address : m_config.localAddresses) {
            gboolean ok = FALSE;
            g_signal_emit_by_name(ice, "add-local-ip-address", address.toUtf8().constData(), &ok);
            if (!ok)
                qCWarning(lcPipeline) << "libnice refused local address" << address;
        }
        if (ice)
            gst_object_unref(ice);
    }

    g_signal_connect(m_webrtc.get(), "on-negotiation-needed", G_CALLBACK(onNegotiationNeeded),
                     this);
    g_signal_connect(m_webrtc.get(), "on-ice-candidate", G_CALLBACK(onIceCandidate), this);
    g_signal_connect(m_webrtc.get(), "on-data-channel", G_CALLBACK(onDataChannel), this);
    g_signal_connect(m_webrtc.get(), "on-new-transceiver", G_CALLBACK(onNewTransceiver), this);
    g_signal_connect(m_webrtc.get(), "notify::connection-state", G_CALLBACK(onConnectionState),
                     this);
    g_signal_connect(m_webrtc.get(), "pad-added", G_CALLBACK(onWebrtcPad), this);
    g_signal_connect(m_pipeline.get(), "deep-element-added", G_CALLBACK(onDeepElementAdded), this);
    gst_bin_add(GST_BIN(m_pipeline.get()), m_webrtc.get());

    BusRef bus(gst_element_get_bus(m_pipeline.get()));
    gst_bus_set_sync_handler(bus.get(), onBusMessage, this, nullptr);

    // Where the remote voice is played; the echo probe sits last before the speaker so the
    // canceller on the microphone path knows exactly what the room hears.
    m_probeName = QStringLiteral("relais-echoprobe-%1").arg(++s_probeSerial);
    m_playbackIn = m_config.echoCancellation ? make("webrtcechoprobe", m_probeName.toUtf8())
                                             : make("identity");
    ElementRef convert = make("audioconvert");
    ElementRef resample = make("audioresample");
    ElementRef speaker = make(m_config.audioSink.toUtf8().constData());
    if (!m_playbackIn || !convert || !resample || !speaker) {
        *error = QStringLiteral("cannot build the sound output (webrtcechoprobe from "
                                "gstreamer1.0-plugins-bad, audio sink \"%1\")")
                     .arg(m_config.audioSink);
        return false;
    }
    if (g_object_class_find_property(G_OBJECT_GET_CLASS(speaker.get()), "sync"))
        g_object_set(speaker.get(), "sync", TRUE, nullptr);
    gst_bin_add_many(GST_BIN(m_pipeline.get()), m_playbackIn.get(), convert.get(), resample.get(),
                     speaker.get(), nullptr);
    if (!gst_element_link_many(m_playbackIn.get(), convert.get(), resample.get(), speaker.get(),
                               nullptr)) {
        *error = QStringLiteral("cannot link the sound output");
        return false;
    }
    PadRef probePad(gst_element_get_static_pad(m_playbackIn.get(), "sink"));
    gst_pad_add_probe(probePad.get(), GST_PAD_PROBE_TYPE_BUFFER, onAudioBuffer, this, nullptr);

    ElementRef video = makeVideoSource(m_config, error);
    if (!video)
        return false;
    const int fps = m_config.videoFps;
    m_sendSize = QSize(m_config.videoWidth, m_config.videoHeight);
    {
        std::lock_guard lock(m_rtxBudgetMutex);
        m_rtxBudget.setTargetKbps(m_config.videoBitrateKbps);
    }
    const QString videoChain =
        QStringLiteral(
            // The configured size and rate first: a camera picks its mode from the first
            // structure downstream prefers (v4l2src otherwise takes its largest picture, often
            // at 5 fps); any other mode is still accepted and scaled or rated below.
            "capsfilter name=cameramode caps=\"video/x-raw,width=%1,height=%2,framerate=%3/1;"
            "video/x-raw\" ! "
            "videoconvert ! videobalance name=camera ! tee name=local ! queue ! "
            "videoscale ! videorate ! capsfilter name=sendsize "
            "caps=\"video/x-raw,format=I420,width=%1,height=%2,framerate=%3/1\" ! "
            "valve name=videovalve drop=false ! "
            // A slow machine shows here: the encoder cannot drain this queue and frames are
            // dropped (counted, and the rate controller shrinks the picture).
            "queue name=encodequeue max-size-buffers=2 leaky=downstream ! "
            // Chromium's choices on such a machine: a fixed speed (a positive cpu-used lets
            // libvpx slow down to use the time a frame leaves it), one thread (its worker
            // threads spin while they wait: several times the CPU for nothing), and
            // unchanged blocks skipped (media/README.md has the figures).
            "vp8enc name=encoder deadline=1 cpu-used=-6 threads=1 static-threshold=1 "
            "lag-in-frames=0 end-usage=cbr "
            "error-resilient=default keyframe-max-dist=%4 target-bitrate=%5 "
            // libwebrtc's rate control for VP8: a frame is skipped rather than the target
            // overshot (a noisy picture, in a dim room, compresses badly and would otherwise
            // send several times the target into a full line), within a 1 s buffer.
            "dropframe-threshold=30 undershoot=100 overshoot=15 buffer-size=1000 "
            "buffer-initial-size=500 buffer-optimal-size=600 "
            // A keyframe may be no larger than what the line carries in 300 ms (libwebrtc's
            // rule, in percent of an average frame): an unbounded one fills a modem's buffer
            // and a TURN/TCP relay's, and delays the voice behind it.
            "max-intra-bitrate=%6 ! "
            // Transport-wide congestion control: the far end learns from our feedback how
            // much the line carries. Without it a browser stays near its starting bitrate and
            // sends the resident a small picture.
            "rtpvp8pay picture-id-mode=15-bit mtu=1200 ! capsfilter name=videortp "
            "caps=\"application/x-rtp,"
            "media=video,encoding-name=VP8,payload=%7,clock-rate=90000,"
            "rtcp-fb-transport-cc=(boolean)true,extmap-3=(string)" TWCC_EXTENSION "\" "
            // What the adviser sees, for the resident's own small picture and for stills of
            // documents held up to the camera: full size, ten times a second at most. The
            // frames are thinned by a probe (thinSelfView), not by videorate's max-rate: its
            // caps reach the camera through the tee, which then ran at 10 fps for the
            // adviser too.
            "local. ! queue name=selfqueue max-size-buffers=1 leaky=downstream ! "
            "videoconvert ! video/x-raw,format=RGBx ! "
            "appsink name=selfview emit-signals=true sync=false max-buffers=1 drop=true")
            .arg(m_config.videoWidth)
            .arg(m_config.videoHeight)
            .arg(fps)
            .arg(fps * 10)
            .arg(m_config.videoBitrateKbps * 1000)
            .arg(maxIntraPercent(fps))
            .arg(kVideoPayloadType);
    if (!addSendChain(video.get(), videoChain, error))
        return false;
    ElementRef self(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "selfview"));
    if (self)
        g_signal_connect(self.get(), "new-sample", G_CALLBACK(onSelfSample), this);
    thinSelfView();
    watchTransportFeedback();
    countBuffers("encodequeue", "sink", &m_framesOffered);
    countBuffers("encoder", "sink", &m_framesTaken);
    countBuffers("encoder", "src", &m_framesEncoded, &m_bytesEncoded);
    ElementRef encoder(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "encoder"));
    PadRef encoded(gst_element_get_static_pad(encoder.get(), "src"));
    countKeyframeRequests(encoded.get(), &m_keyframesRequestedOfUs);

    ElementRef audio = makeAudioSource(m_config, error);
    if (!audio)
        return false;
    const QString dsp = m_config.echoCancellation
                            ? QStringLiteral("webrtcdsp probe=%1 echo-cancel=true "
                                             "noise-suppression=true ! audioconvert ! ")
                                  .arg(m_probeName)
                            : QString();
    const QString audioChain = QStringLiteral("audioconvert ! audioresample ! "
                                              "audio/x-raw,format=S16LE,rate=48000,channels=1 ! "
                                              "volume name=microphone ! %1"
                                              "queue max-size-time=100000000 leaky=downstream ! "
                                              // Voice first: a lost packet is rebuilt from
                                              // the next one's in-band copy (FEC, sized by
                                              // the loss measured, setVoiceLoss()), and
                                              // when the picture is stopped silence costs
                                              // almost nothing (DTX, setVideoSending()).
                                              "opusenc name=voice bitrate=32000 "
                                              "inband-fec=true packet-loss-percentage=%2 "
                                              "dtx=false ! rtpopuspay dtx=true ! "
                                              "capsfilter caps=\"application/x-rtp,media=audio,"
                                              "encoding-name=OPUS,payload=%3,clock-rate=48000,"
                                              "useinbandfec=(string)1,usedtx=(string)1\"")
                                   .arg(dsp)
                                   .arg(kMinVoiceLossPercent)
                                   .arg(kVoicePayloadType);
    return addSendChain(audio.get(), audioChain, error);
}

void CallPipeline::tuneIceAgent()
{
    GstObject *ice = nullptr;
    g_object_get(m_webrtc.get(), "ice-agent", &ice, nullptr);
    GObject *agent = nullptr;
    if (ice && g_object_class_find_property(G_OBJECT_GET_CLASS(ice), "agent"))
        g_object_get(ice, "agent", &agent, nullptr);
    if (agent) {
        // libnice sends one connectivity check per tick and nominates on a later one: at its
        // 20 ms tick, ICE and DTLS took some 85 ms with the console on one machine, at 10 ms
        // some 45 ms. 10 ms stays above the 5 ms RFC 8445 allows, for a handful of small
        // STUN packets.
        g_object_set(agent, "stun-pacing-timer", kIceTickMs, nullptr);
        // A kiosk has no business opening ports on the site's router, and gathering would
        // otherwise wait for one to answer before it ends.
        g_object_set(agent, "upnp", FALSE, nullptr);
        g_object_unref(agent);
    }
    if (ice)
        gst_object_unref(ice);
}

void CallPipeline::countBuffers(const char *element, const char *pad, std::atomic<quint64> *counter,
                                std::atomic<quint64> *bytes)
{
    ElementRef e(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), element));
    PadRef p(e ? gst_element_get_static_pad(e.get(), pad) : nullptr);
    if (!p)
        return;
    struct Counters
    {
        std::atomic<quint64> *buffers;
        std::atomic<quint64> *bytes;
    };
    gst_pad_add_probe(
        p.get(), GST_PAD_PROBE_TYPE_BUFFER,
        [](GstPad *, GstPadProbeInfo *info, gpointer data) {
            const auto *c = static_cast<const Counters *>(data);
            ++*c->buffers;
            if (c->bytes)
                *c->bytes += gst_buffer_get_size(GST_PAD_PROBE_INFO_BUFFER(info));
            return GST_PAD_PROBE_OK;
        },
        new Counters{counter, bytes}, [](gpointer data) { delete static_cast<Counters *>(data); });
}

void CallPipeline::thinSelfView()
{
    ElementRef queue(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "selfqueue"));
    PadRef in(queue ? gst_element_get_static_pad(queue.get(), "sink") : nullptr);
    if (!in)
        return;
    // Dropped before the queue, so the colour conversion runs only for the frames shown.
    gst_pad_add_probe(
        in.get(), GST_PAD_PROBE_TYPE_BUFFER,
        [](GstPad *, GstPadProbeInfo *info, gpointer self) {
            auto *p = self_(self);
            const GstClockTime pts = GST_BUFFER_PTS(GST_PAD_PROBE_INFO_BUFFER(info));
            const GstClockTime last = p->m_lastSelfPts.load();
            if (GST_CLOCK_TIME_IS_VALID(pts) && GST_CLOCK_TIME_IS_VALID(last) && pts >= last &&
                pts - last < kSelfViewInterval)
                return GST_PAD_PROBE_DROP;
            p->m_lastSelfPts.store(pts);
            return GST_PAD_PROBE_OK;
        },
        this, nullptr);
}

void CallPipeline::watchTransportFeedback()
{
    // rtpsession parses the far end's transport-cc feedback, matches it with the send times
    // of our packets and sends the result upstream, towards the payloaders, as an
    // "RTPTWCCPackets" event (GStreamer 1.22's own estimator is not packaged in Debian 12).
    ElementRef rtp(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "videortp"));
    PadRef out(rtp ? gst_element_get_static_pad(rtp.get(), "src") : nullptr);
    if (!out)
        return;
    gst_pad_add_probe(
        out.get(), GST_PAD_PROBE_TYPE_EVENT_UPSTREAM,
        [](GstPad *, GstPadProbeInfo *info, gpointer self) {
            GstEvent *event = GST_PAD_PROBE_INFO_EVENT(info);
            const GstStructure *s = gst_event_get_structure(event);
            if (GST_EVENT_TYPE(event) == GST_EVENT_CUSTOM_UPSTREAM && s &&
                gst_structure_has_name(s, "RTPTWCCPackets"))
                self_(self)->m_listener->transportFeedback(feedbackOf(s));
            return GST_PAD_PROBE_OK;
        },
        this, nullptr);
}

GstCaps *CallPipeline::cameraCaps() const
{
    if (!m_pipeline)
        return nullptr;
    ElementRef mode(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "cameramode"));
    PadRef out(mode ? gst_element_get_static_pad(mode.get(), "src") : nullptr);
    return out ? gst_pad_get_current_caps(out.get()) : nullptr;
}

double CallPipeline::cameraFramerate() const
{
    CapsRef caps(cameraCaps());
    int n = 0;
    int d = 0;
    if (!caps ||
        !gst_structure_get_fraction(gst_caps_get_structure(caps.get(), 0), "framerate", &n, &d) ||
        d == 0)
        return 0;
    return double(n) / d;
}

void CallPipeline::countKeyframeRequests(GstPad *pad, std::atomic<quint64> *counter)
{
    // The far end's PLI arrives here as a force-key-unit event going up to the encoder, and
    // our decoder's request leaves the depayloader the same way before becoming a PLI.
    gst_pad_add_probe(
        pad, GST_PAD_PROBE_TYPE_EVENT_UPSTREAM,
        [](GstPad *, GstPadProbeInfo *info, gpointer c) {
            if (gst_video_event_is_force_key_unit(GST_PAD_PROBE_INFO_EVENT(info)))
                ++*static_cast<std::atomic<quint64> *>(c);
            return GST_PAD_PROBE_OK;
        },
        counter, nullptr);
}

quint64 CallPipeline::sumOfProperty(const std::vector<ElementRef> &elements, const char *property)
{
    quint64 sum = 0;
    for (const ElementRef &element : elements) {
        guint value = 0;
        g_object_get(element.get(), property, &value, nullptr);
        sum += value;
    }
    return sum;
}

LossRecovery CallPipeline::lossRecovery() const
{
    // webrtcbin 1.22's get-stats mixes up the streams of a bundle and leaves the jitter
    // buffer's figures at zero, so these come from the elements themselves.
    LossRecovery r;
    r.rtpPacketsSent = m_rtpPacketsSent.load();
    r.keyframesAsked = m_keyframesRequestedOfUs.load();
    std::lock_guard lock(m_rtxMutex);
    r.retransmissionsAsked = sumOfProperty(m_rtxSenders, "num-rtx-requests");
    // rtprtxsend counts what it made, the budget's probe after it what it dropped.
    const quint64 made = sumOfProperty(m_rtxSenders, "num-rtx-packets");
    r.retransmissionsHeld = std::min(made, m_retransmissionsHeld.load());
    r.retransmissionsSent = made - r.retransmissionsHeld;
    r.retransmissionsWeAsked = sumOfProperty(m_rtxReceivers, "num-rtx-requests");
    r.packetsRepaired = sumOfProperty(m_rtxReceivers, "num-rtx-assoc-packets");
    r.keyframesWeAsked = m_keyframesWeRequested.load();
    r.transportFeedbackSent = m_transportFeedbackSent.load();
    r.rembSent = m_rembSent.load();
    return r;
}

void CallPipeline::setVideoTarget(QSize size, int kbps)
{
    if (!m_pipeline)
        return;
    ElementRef encoder(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "encoder"));
    if (encoder)
        g_object_set(encoder.get(), "target-bitrate", kbps * 1000, nullptr);
    {
        std::lock_guard lock(m_rtxBudgetMutex);
        m_rtxBudget.setTargetKbps(kbps);
    }
    if (size == m_sendSize)
        return;
    m_sendSize = size;
    ElementRef filter(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "sendsize"));
    if (!filter)
        return;
    // videoscale renegotiates and vp8enc restarts on a keyframe at the new size; the far
    // decoder follows the keyframe.
    CapsRef caps(gst_caps_new_simple(
        "video/x-raw", "format", G_TYPE_STRING, "I420", "width", G_TYPE_INT, size.width(), "height",
        G_TYPE_INT, size.height(), "framerate", GST_TYPE_FRACTION, m_config.videoFps, 1, nullptr));
    g_object_set(filter.get(), "caps", caps.get(), nullptr);
}

void CallPipeline::setVideoSending(bool on)
{
    if (!m_pipeline)
        return;
    ElementRef valve(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "videovalve"));
    ElementRef encoder(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "encoder"));
    if (!valve || !encoder)
        return;
    g_object_set(valve.get(), "drop", on ? FALSE : TRUE, nullptr);
    // Without a picture the line is short: the voice's silences are given back to it (DTX).
    // With one, every packet is sent, since the far end cannot tell a silence left out from a
    // lost packet in its figures (Chromium counts the comfort noise it plays as concealed).
    ElementRef voice(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "voice"));
    if (voice)
        g_object_set(voice.get(), "dtx", on ? FALSE : TRUE, nullptr);
    // The far decoder has lost the thread of the pictures: it needs a keyframe to start again.
    if (on)
        gst_element_send_event(encoder.get(), gst_video_event_new_upstream_force_key_unit(
                                                  GST_CLOCK_TIME_NONE, TRUE, 0));
}

bool CallPipeline::videoSending() const
{
    gboolean drop = FALSE;
    if (m_pipeline) {
        ElementRef valve(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "videovalve"));
        if (valve)
            g_object_get(valve.get(), "drop", &drop, nullptr);
    }
    return !drop;
}

void CallPipeline::setVoiceLoss(double percent)
{
    if (!m_pipeline)
        return;
    ElementRef voice(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "voice"));
    const int wanted = std::clamp(int(std::lround(percent)), kMinVoiceLossPercent, 50);
    if (voice && wanted != m_voiceLossPercent) {
        g_object_set(voice.get(), "packet-loss-percentage", wanted, nullptr);
        m_voiceLossPercent = wanted;
    }
}

int CallPipeline::voiceLossPercent() const
{
    gint percent = -1;
    if (m_pipeline) {
        ElementRef voice(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "voice"));
        if (voice)
            g_object_get(voice.get(), "packet-loss-percentage", &percent, nullptr);
    }
    return percent;
}

void CallPipeline::simulateSendLoss(double fraction)
{
    m_simulatedLoss.store(std::clamp(fraction, 0.0, 1.0));
}

bool CallPipeline::dropsPacket(GstBuffer *buffer)
{
    const int payloadType = rtpPayloadType(buffer);
    if (payloadType < 0)
        return false;
    // The far end's requests for retransmission are about the picture: it is what they are
    // counted against (the voice's 50 packets a second would hide a fifth of them lost).
    if (payloadType == kVideoPayloadType)
        ++m_rtpPacketsSent;
    // Only RTP is dropped: DTLS and RTCP pass, so the call still sets up and loss is reported.
    const double loss = m_simulatedLoss.load();
    if (loss <= 0)
        return false;
    std::lock_guard lock(m_lossMutex);
    return std::uniform_real_distribution<double>(0, 1)(m_lossRandom) < loss;
}

int CallPipeline::rtpPayloadType(GstBuffer *buffer)
{
    // RFC 7983 demultiplexing: RTP and RTCP have a first byte of 128-191; RTCP's payload type
    // byte is 192-223 (RFC 5761). DTLS and the rest are neither. SRTP leaves the header clear.
    guint8 head[2];
    if (gst_buffer_extract(buffer, 0, head, 2) != 2 || head[0] < 128 || head[0] > 191 ||
        (head[1] >= 192 && head[1] <= 223))
        return -1;
    return head[1] & 0x7f;
}

GstPadProbeReturn CallPipeline::onNetworkPacket(GstPad *, GstPadProbeInfo *info, gpointer self)
{
    auto *p = self_(self);
    if (GST_PAD_PROBE_INFO_TYPE(info) & GST_PAD_PROBE_TYPE_BUFFER)
        return p->dropsPacket(GST_PAD_PROBE_INFO_BUFFER(info)) ? GST_PAD_PROBE_DROP
                                                               : GST_PAD_PROBE_OK;
    GstBufferList *list = gst_buffer_list_make_writable(GST_PAD_PROBE_INFO_BUFFER_LIST(info));
    GST_PAD_PROBE_INFO_DATA(info) = list;
    for (guint i = gst_buffer_list_length(list); i-- > 0;)
        if (p->dropsPacket(gst_buffer_list_get(list, i)))
            gst_buffer_list_remove(list, i, 1);
    return GST_PAD_PROBE_OK;
}

void CallPipeline::onSrtpPad(GstElement *, GstPad *pad, gpointer self)
{
    if (GST_PAD_DIRECTION(pad) == GST_PAD_SINK && g_str_has_prefix(GST_PAD_NAME(pad), "rtcp_sink"))
        gst_pad_add_probe(pad, GST_PAD_PROBE_TYPE_BUFFER, onOutgoingRtcp, self, nullptr);
}

GstPadProbeReturn CallPipeline::onOutgoingRtcp(GstPad *, GstPadProbeInfo *info, gpointer self)
{
    auto *p = self_(self);
    GstRTCPBuffer rtcp = GST_RTCP_BUFFER_INIT;
    if (!gst_rtcp_buffer_map(GST_PAD_PROBE_INFO_BUFFER(info), GST_MAP_READ, &rtcp))
        return GST_PAD_PROBE_OK;
    GstRTCPPacket packet;
    for (gboolean more = gst_rtcp_buffer_get_first_packet(&rtcp, &packet); more;
         more = gst_rtcp_packet_move_to_next(&packet)) {
        const GstRTCPType type = gst_rtcp_packet_get_type(&packet);
        // The feedback type exists only on feedback packets (GStreamer asserts otherwise).
        if (type != GST_RTCP_TYPE_RTPFB && type != GST_RTCP_TYPE_PSFB)
            continue;
        const GstRTCPFBType fmt = gst_rtcp_packet_fb_get_type(&packet);
        if (type == GST_RTCP_TYPE_RTPFB && fmt == GST_RTCP_RTPFB_TYPE_TWCC)
            ++p->m_transportFeedbackSent;
        else if (type == GST_RTCP_TYPE_PSFB && fmt == GST_RTCP_PSFB_TYPE_AFB)
            ++p->m_rembSent;
    }
    gst_rtcp_buffer_unmap(&rtcp);
    return GST_PAD_PROBE_OK;
}

// Retransmissions beyond the budget are dropped where rtprtxsend hands them on, with the
// packets it sends first time (told apart by their payload type).
GstPadProbeReturn CallPipeline::onRetransmission(GstPad *pad, GstPadProbeInfo *info, gpointer self)
{
    auto *p = self_(self);
    ElementRef sender(gst_pad_get_parent_element(pad));
    if (!sender)
        return GST_PAD_PROBE_OK;
    if (GST_PAD_PROBE_INFO_TYPE(info) & GST_PAD_PROBE_TYPE_BUFFER)
        return p->holdsRetransmission(sender.get(), GST_PAD_PROBE_INFO_BUFFER(info))
                   ? GST_PAD_PROBE_DROP
                   : GST_PAD_PROBE_OK;
    GstBufferList *list = gst_buffer_list_make_writable(GST_PAD_PROBE_INFO_BUFFER_LIST(info));
    GST_PAD_PROBE_INFO_DATA(info) = list;
    for (guint i = 0; i < gst_buffer_list_length(list);) {
        if (p->holdsRetransmission(sender.get(), gst_buffer_list_get(list, i)))
            gst_buffer_list_remove(list, i, 1);
        else
            ++i;
    }
    return GST_PAD_PROBE_OK;
}

bool CallPipeline::holdsRetransmission(GstElement *sender, GstBuffer *buffer)
{
    GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
    if (!gst_rtp_buffer_map(buffer, GST_MAP_READ, &rtp))
        return false;
    const guint payloadType = gst_rtp_buffer_get_payload_type(&rtp);
    gst_rtp_buffer_unmap(&rtp);
    GstStructure *map = nullptr; // original payload type -> its retransmissions' type
    g_object_get(sender, "payload-type-map", &map, nullptr);
    if (!map)
        return false;
    bool isRetransmission = false;
    for (int i = 0; i < gst_structure_n_fields(map) && !isRetransmission; ++i) {
        guint rtxType = 0;
        isRetransmission =
            gst_structure_get_uint(map, gst_structure_nth_field_name(map, i), &rtxType) &&
            rtxType == payloadType;
    }
    gst_structure_free(map);
    if (!isRetransmission)
        return false;
    std::lock_guard lock(m_rtxBudgetMutex);
    if (m_rtxBudget.spend(qint64(g_get_monotonic_time()), int(gst_buffer_get_size(buffer))))
        return false;
    ++m_retransmissionsHeld;
    return true;
}

bool CallPipeline::addSendChain(GstElement *source, const QString &description, QString *error)
{
    ElementRef chain = parseBin(description, error);
    if (!chain)
        return false;
    gst_bin_add_many(GST_BIN(m_pipeline.get()), source, chain.get(), nullptr);
    PadRef sink(gst_element_request_pad_simple(m_webrtc.get(), "sink_%u"));
    PadRef chainOut(gst_element_get_static_pad(chain.get(), "src"));
    if (!gst_element_link(source, chain.get()) || !sink ||
        gst_pad_link(chainOut.get(), sink.get()) != GST_PAD_LINK_OK) {
        *error = QStringLiteral("cannot link \"%1\" to webrtcbin").arg(description);
        return false;
    }
    return true;
}

void CallPipeline::setMicrophoneMuted(bool muted)
{
    if (!m_pipeline)
        return;
    ElementRef volume(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "microphone"));
    if (volume)
        g_object_set(volume.get(), "mute", muted ? TRUE : FALSE, nullptr);
}

bool CallPipeline::microphoneMuted() const
{
    gboolean muted = FALSE;
    if (m_pipeline) {
        ElementRef volume(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "microphone"));
        if (volume)
            g_object_get(volume.get(), "mute", &muted, nullptr);
    }
    return muted;
}

void CallPipeline::setCameraEnabled(bool enabled)
{
    if (!m_pipeline)
        return;
    // A black picture rather than no picture: the adviser sees that the camera is off, not a
    // frozen image that looks like a broken call.
    ElementRef balance(gst_bin_get_by_name(GST_BIN(m_pipeline.get()), "camera"));
    if (balance)
        g_object_set(balance.get(), "brightness", enabled ? 0.0 : -1.0, "contrast",
                     enabled ? 1.0 : 0.0, "saturation", enabled ? 1.0 : 0.0, nullptr);
}

void CallPipeline::configureIce(const QList<IceServer> &servers, bool forceRelay)
{
    if (forceRelay)
        gst_util_set_object_arg(G_OBJECT(m_webrtc.get()), "ice-transport-policy", "relay");
    const WebRtcBinIceUris uris = toWebRtcBinUris(servers);
    if (!uris.stun.isEmpty())
        g_object_set(m_webrtc.get(), "stun-server", uris.stun.toUtf8().constData(), nullptr);
    for (const QString &turn : uris.turn) {
        gboolean ok = FALSE;
        g_signal_emit_by_name(m_webrtc.get(), "add-turn-server", turn.toUtf8().constData(), &ok);
        if (!ok)
            qCWarning(lcPipeline) << "webrtcbin refused a TURN server (its URL is not logged)";
    }
}

bool CallPipeline::play(QString *error)
{
    if (gst_element_set_state(m_pipeline.get(), GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
        *error = QStringLiteral("the call pipeline refused to start (see the GStreamer log)");
        return false;
    }
    return true;
}

void CallPipeline::stop()
{
    if (!m_pipeline)
        return;
    gst_element_set_state(m_pipeline.get(), GST_STATE_NULL);
    g_signal_handlers_disconnect_by_data(m_webrtc.get(), this);
    g_signal_handlers_disconnect_by_data(m_pipeline.get(), this);
    BusRef bus(gst_element_get_bus(m_pipeline.get()));
    gst_bus_set_sync_handler(bus.get(), nullptr, nullptr, nullptr);
    m_playbackIn.reset();
    {
        std::lock_guard lock(m_rtxMutex);
        m_rtxSenders.clear();
        m_rtxReceivers.clear();
    }
    m_webrtc.reset();
    m_pipeline.reset();
}

void CallPipeline::onNegotiationNeeded(GstElement *, gpointer self)
{
    self_(self)->m_listener->negotiationNeeded();
}

void CallPipeline::onIceCandidate(GstElement *, guint mline, gchar *candidate, gpointer self)
{
    self_(self)->m_listener->candidateGathered(mline, QString::fromUtf8(candidate));
}

void CallPipeline::onDataChannel(GstElement *, GstWebRTCDataChannel *channel, gpointer self)
{
    self_(self)->m_listener->dataChannel(channel);
}

void CallPipeline::onNewTransceiver(GstElement *, GstWebRTCRTPTransceiver *t, gpointer)
{
    // Retransmission on request (RTX): a lost packet is asked for again before the decoder
    // has to wait for a keyframe.
    g_object_set(t, "do-nack", TRUE, nullptr);
}

void CallPipeline::onConnectionState(GObject *webrtc, GParamSpec *, gpointer self)
{
    GstWebRTCPeerConnectionState state{};
    g_object_get(webrtc, "connection-state", &state, nullptr);
    self_(self)->m_listener->connectionStateChanged(state);
}

void CallPipeline::onWebrtcPad(GstElement *, GstPad *pad, gpointer self)
{
    if (GST_PAD_DIRECTION(pad) != GST_PAD_SRC)
        return;
    auto *p = self_(self);
    ElementRef decode = make("decodebin");
    g_signal_connect(decode.get(), "pad-added", G_CALLBACK(onDecodedPad), p);
    gst_bin_add(GST_BIN(p->m_pipeline.get()), decode.get());
    gst_element_sync_state_with_parent(decode.get());
    PadRef sink(gst_element_get_static_pad(decode.get(), "sink"));
    if (gst_pad_link(pad, sink.get()) != GST_PAD_LINK_OK)
        p->m_listener->pipelineError(QStringLiteral("cannot link an incoming stream"));
}

void CallPipeline::onDeepElementAdded(GstBin *, GstBin *, GstElement *element, gpointer self)
{
    GstElementFactory *f = gst_element_get_factory(element);
    if (!f)
        return;
    // Ask the sender for a keyframe as soon as a loss breaks the picture, instead of showing
    // a smeared image until the next periodic one.
    if (g_str_equal(GST_OBJECT_NAME(f), "rtpvp8depay")) {
        g_object_set(element, "request-keyframe", TRUE, "wait-for-keyframe", TRUE, nullptr);
        PadRef sink(gst_element_get_static_pad(element, "sink"));
        self_(self)->countKeyframeRequests(sink.get(), &self_(self)->m_keyframesWeRequested);
    }
    // A jitter buffer holds its first packets for its whole latency (200 ms) before it lets
    // anything through; in-order packets are not waited for after that. Starting on the first
    // packet shows the adviser's first picture that much sooner.
    // The far end's voice: its in-band FEC (our offer asks for it) rebuilds a lost packet.
    if (g_str_equal(GST_OBJECT_NAME(f), "opusdec"))
        g_object_set(element, "use-inband-fec", TRUE, "plc", TRUE, nullptr);
    if (g_str_equal(GST_OBJECT_NAME(f), "rtpjitterbuffer"))
        g_object_set(element, "faststart-min-packets", kFastStartPackets, nullptr);
    // webrtcbin's retransmission elements, kept for lossRecovery() to read once a second.
    const bool rtxSender = g_str_equal(GST_OBJECT_NAME(f), "rtprtxsend");
    if (rtxSender || g_str_equal(GST_OBJECT_NAME(f), "rtprtxreceive")) {
        auto *p = self_(self);
        std::lock_guard lock(p->m_rtxMutex);
        (rtxSender ? p->m_rtxSenders : p->m_rtxReceivers).push_back(refElement(element));
    }
    if (rtxSender) {
        PadRef src(gst_element_get_static_pad(element, "src"));
        if (src)
            gst_pad_add_probe(
                src.get(),
                GstPadProbeType(GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST),
                onRetransmission, self, nullptr);
    }
    // Our RTCP before encryption: the congestion feedback we give the far end is counted.
    if (g_str_equal(GST_OBJECT_NAME(f), "srtpenc")) {
        g_signal_connect(element, "pad-added", G_CALLBACK(onSrtpPad), self);
        // Pads requested before the element joined the pipeline.
        gst_element_foreach_sink_pad(
            element,
            [](GstElement *e, GstPad *pad, gpointer data) -> gboolean {
                onSrtpPad(e, pad, data);
                return TRUE;
            },
            self);
    }
    // Where encrypted packets leave for the network: what we send is counted there, and it is
    // the one place a lossy line can be imitated without privileges (simulateSendLoss()).
    if (g_str_equal(GST_OBJECT_NAME(f), "nicesink")) {
        PadRef sink(gst_element_get_static_pad(element, "sink"));
        gst_pad_add_probe(
            sink.get(), GstPadProbeType(GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST),
            onNetworkPacket, self, nullptr);
    }
}

void CallPipeline::onDecodedPad(GstElement *, GstPad *pad, gpointer self)
{
    CapsRef caps(gst_pad_get_current_caps(pad));
    if (!caps)
        caps = CapsRef(gst_pad_query_caps(pad, nullptr));
    const gchar *name = gst_structure_get_name(gst_caps_get_structure(caps.get(), 0));
    if (g_str_has_prefix(name, "video/"))
        self_(self)->linkVideoOutput(pad);
    else if (g_str_has_prefix(name, "audio/"))
        self_(self)->linkAudioOutput(pad);
}

void CallPipeline::linkVideoOutput(GstPad *pad)
{
    const QString description =
        m_config.deliverFrames
            ? QStringLiteral("queue max-size-buffers=3 leaky=downstream ! videoconvert ! "
                             "video/x-raw,format=RGBx ! appsink name=frames")
            : QStringLiteral("queue max-size-buffers=3 leaky=downstream ! appsink name=frames");
    QString error;
    ElementRef out = parseBin(description, &error);
    if (!out) {
        m_listener->pipelineError(error);
        return;
    }
    ElementRef sink(gst_bin_get_by_name(GST_BIN(out.get()), "frames"));
    // The picture is shown as soon as it is decoded: in a conversation, late is worse than
    // unsynchronised.
    g_object_set(sink.get(), "emit-signals", TRUE, "sync", FALSE, "max-buffers", 2, "drop", TRUE,
                 nullptr);
    g_signal_connect(sink.get(), "new-sample", G_CALLBACK(onVideoSample), this);
    gst_bin_add(GST_BIN(m_pipeline.get()), out.get());
    gst_element_sync_state_with_parent(out.get());
    PadRef in(gst_element_get_static_pad(out.get(), "sink"));
    if (gst_pad_link(pad, in.get()) != GST_PAD_LINK_OK)
        m_listener->pipelineError(QStringLiteral("cannot link the remote video"));
}

void CallPipeline::linkAudioOutput(GstPad *pad)
{
    const bool first = !m_audioLinked.exchange(true);
    QString error;
    ElementRef out = parseBin(first ? QStringLiteral("queue ! audioconvert ! audioresample ! "
                                                     "capsfilter caps=\"audio/x-raw,"
                                                     "format=S16LE,rate=48000,channels=1\"")
                                    : QStringLiteral("fakesink"),
                              &error);
    if (!out) {
        m_listener->pipelineError(error);
        return;
    }
    gst_bin_add(GST_BIN(m_pipeline.get()), out.get());
    if (first)
        gst_element_link(out.get(), m_playbackIn.get());
    gst_element_sync_state_with_parent(out.get());
    PadRef in(gst_element_get_static_pad(out.get(), "sink"));
    if (gst_pad_link(pad, in.get()) != GST_PAD_LINK_OK)
        m_listener->pipelineError(QStringLiteral("cannot link the remote audio"));
}

GstFlowReturn CallPipeline::onVideoSample(GstElement *sink, gpointer self)
{
    auto *p = self_(self);
    GstSample *sample = gst_app_sink_pull_sample(GST_APP_SINK(sink));
    if (!sample)
        return GST_FLOW_EOS;
    if (p->m_decodedFrames++ == 0)
        p->m_listener->firstFrameDecoded();
    if (GstCaps *caps = gst_sample_get_caps(sample)) {
        const GstStructure *s = gst_caps_get_structure(caps, 0);
        int width = 0;
        int height = 0;
        if (gst_structure_get_int(s, "width", &width) &&
            gst_structure_get_int(s, "height", &height)) {
            p->m_decodedWidth.store(width);
            p->m_decodedHeight.store(height);
        }
    }
    if (p->m_config.deliverFrames && !p->m_framePending.exchange(true)) {
        const QImage image = copyRgbxImage(sample);
        if (image.isNull())
            p->m_framePending.store(false);
        else
            p->m_listener->videoFrame(image);
    }
    gst_sample_unref(sample);
    return GST_FLOW_OK;
}

GstFlowReturn CallPipeline::onSelfSample(GstElement *sink, gpointer self)
{
    auto *p = self_(self);
    GstSample *sample = gst_app_sink_pull_sample(GST_APP_SINK(sink));
    if (!sample)
        return GST_FLOW_EOS;
    if (!p->m_selfPending.exchange(true)) {
        const QImage image = copyRgbxImage(sample);
        if (image.isNull())
            p->m_selfPending.store(false);
        else
            p->m_listener->selfFrame(image);
    }
    gst_sample_unref(sample);
    return GST_FLOW_OK;
}

GstPadProbeReturn CallPipeline::onAudioBuffer(GstPad *, GstPadProbeInfo *, gpointer self)
{
    ++self_(self)->m_audioBuffers;
    return GST_PAD_PROBE_OK;
}

GstBusSyncReply CallPipeline::onBusMessage(GstBus *, GstMessage *message, gpointer self)
{
    if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ERROR) {
        GError *raw = nullptr;
        gchar *debug = nullptr;
        gst_message_parse_error(message, &raw, &debug);
        ErrorRef err(raw);
        GCharRef dbg(debug);
        self_(self)->m_listener->pipelineError(QStringLiteral("%1: %2").arg(
            QString::fromUtf8(GST_OBJECT_NAME(message->src)), QString::fromUtf8(err->message)));
    } else if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_WARNING) {
        GError *raw = nullptr;
        gst_message_parse_warning(message, &raw, nullptr);
        ErrorRef err(raw);
        qCWarning(lcPipeline) << GST_OBJECT_NAME(message->src) << err->message;
    }
    gst_message_unref(message);
    return GST_BUS_DROP;
}

} // namespace relais::media
