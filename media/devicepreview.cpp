// SPDX-License-Identifier: EUPL-1.2
#include "devicepreview.h"

#include "gstinit.h"
#include "mediasources.h"
#include "sampleimage.h"

#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPreview, "relais.media.preview")

namespace relais::media {

namespace {

ElementRef make(const char *factory, const char *name = nullptr)
{
    GstElement *e = gst_element_factory_make(factory, name);
    return ElementRef(e ? GST_ELEMENT(gst_object_ref_sink(e)) : nullptr);
}

} // namespace

double levelFromDecibels(double rmsDb)
{
    return std::clamp((rmsDb + 60.0) / 60.0, 0.0, 1.0);
}

DevicePreview::DevicePreview(QObject *parent)
    : QObject(parent), m_relay(std::make_shared<QtRelay>(this))
{}

DevicePreview::~DevicePreview()
{
    m_relay->cut();
    stop();
}

bool DevicePreview::start(const CallConfig &config, Purpose purpose)
{
    stop();
    if (!ensureGStreamer()) {
        fail(QStringLiteral("GStreamer cannot start"));
        return false;
    }
    const bool withSound = purpose == Purpose::CallCheck;
    QString error;
    ElementRef video = makeVideoSource(config, &error);
    ElementRef audio = video && withSound ? makeAudioSource(config, &error) : ElementRef();
    if (!video || (withSound && !audio)) {
        fail(error);
        return false;
    }
    ElementRef pipeline(GST_ELEMENT(gst_object_ref_sink(gst_pipeline_new("preview"))));
    // The reader sees the camera's full picture; the screen gets a small copy.
    ElementRef readerConvert = withSound ? ElementRef() : make("videoconvert");
    ElementRef reader = withSound ? ElementRef() : make("zbar");
    ElementRef convert = make("videoconvert");
    ElementRef scale = make("videoscale");
    ElementRef caps = make("capsfilter");
    ElementRef sink = make("appsink");
    ElementRef audioConvert = withSound ? make("audioconvert") : ElementRef();
    ElementRef meter = withSound ? make("level") : ElementRef();
    ElementRef audioSink = withSound ? make("fakesink") : ElementRef();
    if (!convert || !scale || !caps || !sink ||
        (withSound && (!audioConvert || !meter || !audioSink))) {
        fail(QStringLiteral("a GStreamer element of the preview is missing"));
        return false;
    }
    if (!withSound && (!readerConvert || !reader)) {
        fail(QStringLiteral("the QR code reader is missing (zbar, gstreamer1.0-plugins-bad)"));
        return false;
    }
    // A small picture is enough to check one's framing, and cheap to show.
    GstCaps *wanted = gst_caps_from_string("video/x-raw,format=RGBx,width=640,height=360");
    g_object_set(caps.get(), "caps", wanted, nullptr);
    gst_caps_unref(wanted);
    g_object_set(scale.get(), "add-borders", TRUE, nullptr);
    g_object_set(sink.get(), "emit-signals", TRUE, "sync", FALSE, "max-buffers", 1, "drop", TRUE,
                 nullptr);

    GstBin *bin = GST_BIN(pipeline.get());
    for (const ElementRef *e : {&video, &readerConvert, &reader, &convert, &scale, &caps, &sink,
                                &audio, &audioConvert, &meter, &audioSink}) {
        if (*e)
            gst_bin_add(bin, GST_ELEMENT(gst_object_ref(e->get())));
    }
    bool linked = withSound ? gst_element_link_many(video.get(), convert.get(), scale.get(),
                                                    caps.get(), sink.get(), nullptr)
                            : gst_element_link_many(video.get(), readerConvert.get(), reader.get(),
                                                    convert.get(), scale.get(), caps.get(),
                                                    sink.get(), nullptr);
    if (withSound) {
        g_object_set(meter.get(), "interval", static_cast<guint64>(100 * GST_MSECOND),
                     "post-messages", TRUE, nullptr);
        g_object_set(audioSink.get(), "sync", FALSE, nullptr);
        linked = linked && gst_element_link_many(audio.get(), audioConvert.get(), meter.get(),
                                                 audioSink.get(), nullptr);
    } else {
        // Each code once while it stays in view is enough; no copy of the frame is attached.
        g_object_set(reader.get(), "cache", TRUE, "attach-frame", FALSE, nullptr);
    }
    if (!linked) {
        fail(QStringLiteral("the preview pipeline cannot be linked"));
        return false;
    }
    g_signal_connect_data(sink.get(), "new-sample", G_CALLBACK(onSample),
                          new RelayBox{m_relay, this, m_generation + 1}, RelayBox::destroy,
                          GConnectFlags(0));
    BusRef bus(gst_element_get_bus(pipeline.get()));
    gst_bus_set_sync_handler(bus.get(), onBusMessage, new RelayBox{m_relay, this, m_generation + 1},
                             RelayBox::destroyNotify);
    if (gst_element_set_state(pipeline.get(), GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
        gst_element_set_state(pipeline.get(), GST_STATE_NULL);
        fail(withSound ? QStringLiteral("the camera or the microphone cannot start")
                       : QStringLiteral("the camera cannot start"));
        return false;
    }
    m_pipeline = std::move(pipeline);
    ++m_generation;
    m_frames = 0;
    return true;
}

void DevicePreview::stop()
{
    if (!m_pipeline)
        return;
    gst_element_set_state(m_pipeline.get(), GST_STATE_NULL);
    ++m_generation;
    BusRef bus(gst_element_get_bus(m_pipeline.get()));
    gst_bus_set_sync_handler(bus.get(), nullptr, nullptr, nullptr);
    m_pipeline.reset();
}

void DevicePreview::fail(const QString &message)
{
    qCWarning(lcPreview).noquote() << "preview:" << message;
    emit errorOccurred(message);
}

GstFlowReturn DevicePreview::onSample(GstElement *sink, gpointer data)
{
    auto *box = static_cast<RelayBox *>(data);
    GstSample *sample = gst_app_sink_pull_sample(GST_APP_SINK(sink));
    if (!sample)
        return GST_FLOW_EOS;
    const QImage image = copyRgbxImage(sample);
    if (!image.isNull()) {
        auto *self = static_cast<DevicePreview *>(box->self);
        box->relay->post([self, image, generation = box->generation] {
            if (generation != self->m_generation)
                return;
            ++self->m_frames;
            emit self->frame(image);
        });
    }
    gst_sample_unref(sample);
    return GST_FLOW_OK;
}

GstBusSyncReply DevicePreview::onBusMessage(GstBus *, GstMessage *message, gpointer data)
{
    auto *box = static_cast<RelayBox *>(data);
    auto *self = static_cast<DevicePreview *>(box->self);
    if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ELEMENT) {
        const GstStructure *s = gst_message_get_structure(message);
        if (gst_structure_has_name(s, "barcode")) {
            const QString text = QString::fromUtf8(gst_structure_get_string(s, "symbol"));
            box->relay->post([self, text, generation = box->generation] {
                if (generation == self->m_generation)
                    emit self->codeRead(text);
            });
        } else if (gst_structure_has_name(s, "level")) {
            // One RMS value per channel, in dB; the loudest channel drives the bar.
            const GValue *rms = gst_structure_get_value(s, "rms");
            double loudest = -700;
            // level still posts a GValueArray in 1.22, a type GLib has deprecated.
            G_GNUC_BEGIN_IGNORE_DEPRECATIONS
            if (rms && G_VALUE_HOLDS(rms, g_value_array_get_type())) {
                auto *values = static_cast<GValueArray *>(g_value_get_boxed(rms));
                for (guint i = 0; values && i < values->n_values; ++i)
                    loudest = std::max(loudest, g_value_get_double(&values->values[i]));
            }
            G_GNUC_END_IGNORE_DEPRECATIONS
            const double value = levelFromDecibels(loudest);
            box->relay->post([self, value, generation = box->generation] {
                if (generation == self->m_generation)
                    emit self->level(value);
            });
        }
    } else if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ERROR) {
        GError *error = nullptr;
        gst_message_parse_error(message, &error, nullptr);
        const QString text = QString::fromUtf8(error ? error->message : "unknown error");
        g_clear_error(&error);
        box->relay->post([self, text, generation = box->generation] {
            if (generation == self->m_generation)
                self->fail(text);
        });
    }
    return GST_BUS_DROP;
}

} // namespace relais::media
