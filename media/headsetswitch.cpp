// SPDX-License-Identifier: EUPL-1.2
#include "headsetswitch.h"

#include <QLoggingCategory>

#include <pulse/context.h>
#include <pulse/introspect.h>
#include <pulse/proplist.h>
#include <pulse/subscribe.h>
#include <pulse/thread-mainloop.h>

#include <set>

Q_LOGGING_CATEGORY(lcHeadset, "relais.media.headset")

namespace relais::media {

namespace {

constexpr int retryMs = 3000;

AudioPort::Kind portKind(const pa_sink_port_info &port)
{
    if (port.type == PA_DEVICE_PORT_TYPE_HEADPHONES)
        return AudioPort::Kind::Headphones;
    if (port.type == PA_DEVICE_PORT_TYPE_HEADSET)
        return AudioPort::Kind::Headset;
    // Port types came with PulseAudio 14, and UCM cards may leave them unknown; the names
    // still say it ("analog-output-headphones", bluez's "headset-output").
    const QString name = QString::fromUtf8(port.name).toLower();
    if (port.type == PA_DEVICE_PORT_TYPE_UNKNOWN) {
        if (name.contains(QLatin1String("headphone")))
            return AudioPort::Kind::Headphones;
        if (name.contains(QLatin1String("headset")))
            return AudioPort::Kind::Headset;
    }
    return AudioPort::Kind::Other;
}

AudioSink sinkFrom(const pa_sink_info &info)
{
    AudioSink sink;
    sink.name = QString::fromUtf8(info.name);
    sink.description = QString::fromUtf8(info.description);
    void *state = nullptr;
    while (const char *key = pa_proplist_iterate(info.proplist, &state))
        if (const char *value = pa_proplist_gets(info.proplist, key))
            sink.properties.insert(QString::fromUtf8(key), QString::fromUtf8(value));
    for (uint32_t i = 0; i < info.n_ports; ++i) {
        const pa_sink_port_info &p = *info.ports[i];
        AudioPort port;
        port.name = QString::fromUtf8(p.name);
        port.kind = portKind(p);
        port.availability = p.available == PA_PORT_AVAILABLE_YES ? AudioPort::Availability::Yes
                            : p.available == PA_PORT_AVAILABLE_NO
                                ? AudioPort::Availability::No
                                : AudioPort::Availability::Unknown;
        sink.ports << port;
    }
    if (info.active_port)
        sink.activePort = QString::fromUtf8(info.active_port->name);
    return sink;
}

} // namespace

// The connection, on libpulse's own thread. Its callbacks only read the server's answers and
// post them to the owner's thread.
struct HeadsetSwitch::Pulse
{
    // One listing of the server: its default sink, then its sinks.
    struct Listing
    {
        Pulse *pulse;
        AudioSinks sinks;
    };

    explicit Pulse(HeadsetSwitch *owner) : owner(owner)
    {
        loop = pa_threaded_mainloop_new();
        pa_proplist *props = pa_proplist_new();
        pa_proplist_sets(props, PA_PROP_APPLICATION_NAME, "relais-kiosk");
        pa_proplist_sets(props, PA_PROP_APPLICATION_ID, "fr.relais.kiosk.headset");
        context = pa_context_new_with_proplist(pa_threaded_mainloop_get_api(loop),
                                               "relais headset switch", props);
        pa_proplist_free(props);
        pa_context_set_state_callback(context, onState, this);
        pa_context_set_subscribe_callback(context, onEvent, this);
    }

    ~Pulse()
    {
        pa_threaded_mainloop_stop(loop); // joins its thread: no callback runs after this
        // Disconnecting calls the state callback at once, here: it would schedule a reconnect.
        pa_context_set_state_callback(context, nullptr, nullptr);
        pa_context_disconnect(context);
        pa_context_unref(context);
        pa_threaded_mainloop_free(loop);
        for (Listing *listing : listings) // answers that never came
            delete listing;
    }

    bool start()
    {
        // Never autospawn a server of our own: the kiosk's sound is the session's.
        if (pa_context_connect(context, nullptr, PA_CONTEXT_NOAUTOSPAWN, nullptr) < 0)
            return false;
        return pa_threaded_mainloop_start(loop) >= 0;
    }

    void setDefaultSink(const QString &name)
    {
        pa_threaded_mainloop_lock(loop);
        if (pa_context_get_state(context) == PA_CONTEXT_READY)
            pa_operation_unref(
                pa_context_set_default_sink(context, name.toUtf8().constData(), nullptr, nullptr));
        pa_threaded_mainloop_unlock(loop);
    }

    void list()
    {
        auto *listing = new Listing{this, {}};
        listings.insert(listing);
        pa_operation_unref(pa_context_get_server_info(context, onServerInfo, listing));
    }

    static void onState(pa_context *context, void *self)
    {
        auto *pulse = static_cast<Pulse *>(self);
        switch (pa_context_get_state(context)) {
        case PA_CONTEXT_READY:
            pa_operation_unref(pa_context_subscribe(
                context,
                pa_subscription_mask_t(PA_SUBSCRIPTION_MASK_SINK | PA_SUBSCRIPTION_MASK_SERVER),
                nullptr, nullptr));
            pulse->list();
            break;
        case PA_CONTEXT_FAILED:
        case PA_CONTEXT_TERMINATED:
            QMetaObject::invokeMethod(
                pulse->owner, [owner = pulse->owner] { owner->onDisconnected(); },
                Qt::QueuedConnection);
            break;
        default:
            break;
        }
    }

    // Sinks come and go, ports change, the default moves: each time the whole list is read
    // again (a handful of sinks, on a rare event).
    static void onEvent(pa_context *, pa_subscription_event_type_t, uint32_t, void *self)
    {
        static_cast<Pulse *>(self)->list();
    }

    static void onServerInfo(pa_context *context, const pa_server_info *info, void *data)
    {
        auto *listing = static_cast<Listing *>(data);
        if (info && info->default_sink_name)
            listing->sinks.defaultSink = QString::fromUtf8(info->default_sink_name);
        pa_operation_unref(pa_context_get_sink_info_list(context, onSinkInfo, listing));
    }

    static void onSinkInfo(pa_context *, const pa_sink_info *info, int eol, void *data)
    {
        auto *listing = static_cast<Listing *>(data);
        if (eol == 0 && info) {
            listing->sinks.sinks << sinkFrom(*info);
            return;
        }
        Pulse *pulse = listing->pulse;
        pulse->listings.erase(listing);
        if (eol > 0)
            QMetaObject::invokeMethod(
                pulse->owner,
                [owner = pulse->owner, sinks = std::move(listing->sinks)] { owner->apply(sinks); },
                Qt::QueuedConnection);
        delete listing;
    }

    HeadsetSwitch *owner;
    pa_threaded_mainloop *loop;
    pa_context *context;
    std::set<Listing *> listings; // on libpulse's thread only
};

HeadsetSwitch::HeadsetSwitch(bool switching, QObject *parent)
    : QObject(parent), m_switching(switching)
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(retryMs);
    connect(&m_retry, &QTimer::timeout, this, &HeadsetSwitch::connectToServer);
}

HeadsetSwitch::~HeadsetSwitch() = default;

void HeadsetSwitch::start()
{
    connectToServer();
}

void HeadsetSwitch::connectToServer()
{
    m_pulse.reset();
    m_pulse = std::make_unique<Pulse>(this);
    if (!m_pulse->start()) {
        m_pulse.reset();
        onDisconnected();
    }
}

void HeadsetSwitch::onDisconnected()
{
    // Said once, not at every attempt: a kiosk without a sound server tries all day.
    if (m_connected || !m_toldNoServer)
        qCInfo(lcHeadset) << "no PulseAudio server; trying again every" << retryMs << "ms";
    m_toldNoServer = true;
    const bool changes = !m_sinks.sinks.isEmpty() || !m_sinks.defaultSink.isEmpty();
    m_connected = false;
    m_sinks = {};
    if (changes)
        emit changed();
    m_retry.start();
}

void HeadsetSwitch::apply(const AudioSinks &now)
{
    m_connected = m_pulse != nullptr;
    m_toldNoServer = m_toldNoServer && !m_connected;
    const AudioOutput before = output();
    const bool presentBefore = headsetPresent();
    m_sinks = now;
    if (m_switching) {
        const HeadsetDecision decision = decideDefaultSink(now, m_speaker);
        m_speaker = decision.speaker;
        // A plug-in brings several events, so several listings may show the old default
        // before the server's answer: the change is asked for once.
        if (now.defaultSink == m_asked || !now.find(m_asked))
            m_asked.clear();
        if (!decision.setDefault.isEmpty() && decision.setDefault != m_asked && m_pulse) {
            qCInfo(lcHeadset) << "sound to" << decision.setDefault << "(was" << now.defaultSink
                              << ")";
            m_pulse->setDefaultSink(decision.setDefault);
            m_asked = decision.setDefault;
        }
    }
    if (output() != before || headsetPresent() != presentBefore)
        emit changed();
}

} // namespace relais::media
