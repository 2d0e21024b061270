// SPDX-License-Identifier: EUPL-1.2
#include "headsetdetection.h"

namespace relais::media {

const AudioSink *AudioSinks::find(const QString &name) const
{
    for (const AudioSink &sink : sinks)
        if (sink.name == name)
            return &sink;
    return nullptr;
}

bool isWornDevice(const AudioSink &sink)
{
    // PulseAudio's form factors (PA_PROP_DEVICE_FORM_FACTOR): udev and bluez set them from the
    // device's own class. "hands-free" is a car kit, "handset" a telephone receiver: neither is
    // what a resident is offered here.
    const QString formFactor = sink.properties.value(QStringLiteral("device.form_factor"));
    return formFactor == QLatin1String("headset") || formFactor == QLatin1String("headphone");
}

bool playsIntoHeadset(const AudioSink &sink)
{
    if (isWornDevice(sink))
        return true;
    for (const AudioPort &port : sink.ports)
        if (port.name == sink.activePort)
            return port.kind != AudioPort::Kind::Other &&
                   port.availability != AudioPort::Availability::No;
    return false;
}

AudioOutput outputOf(const AudioSinks &sinks)
{
    const AudioSink *sink = sinks.find(sinks.defaultSink);
    if (!sink)
        return AudioOutput::Unknown;
    return playsIntoHeadset(*sink) ? AudioOutput::Headset : AudioOutput::Speaker;
}

bool headsetPresent(const AudioSinks &sinks)
{
    for (const AudioSink &sink : sinks.sinks) {
        if (isWornDevice(sink))
            return true;
        for (const AudioPort &port : sink.ports)
            if (port.kind != AudioPort::Kind::Other &&
                port.availability == AudioPort::Availability::Yes)
                return true;
    }
    return false;
}

HeadsetDecision decideDefaultSink(const AudioSinks &now, const QString &speaker)
{
    const AudioSink *current = now.find(now.defaultSink);
    const AudioSink *worn = nullptr;
    for (const AudioSink &sink : now.sinks)
        if (isWornDevice(sink))
            worn = &sink; // the last listed: the one plugged in last
    if (worn) {
        if (current && isWornDevice(*current))
            return {QString(), speaker};
        return {worn->name, current ? current->name : speaker};
    }
    // No headset (any more). Back to the speaker it was taken from, if the server chose
    // another; once there, nothing is left to remember.
    if (!speaker.isEmpty() && now.find(speaker) && now.defaultSink != speaker)
        return {speaker, QString()};
    return {QString(), now.find(speaker) ? QString() : speaker};
}

} // namespace relais::media
