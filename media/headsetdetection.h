// SPDX-License-Identifier: EUPL-1.2
#pragma once

// Which of the sound server's outputs is worn by the resident (a headset or headphones), and
// where the kiosk's sound should go when one comes or goes. Plain data in, a decision out:
// HeadsetSwitch reads PulseAudio and applies it; the rules are tested without a server.

#include <QHash>
#include <QList>
#include <QString>

namespace relais::media {

// One output port of a sink (PulseAudio's pa_sink_port_info), reduced to what matters here.
struct AudioPort
{
    enum class Kind { Other, Headphones, Headset };
    enum class Availability { Unknown, No, Yes }; // the jack's sensing, when the card has one
    QString name;
    Kind kind = Kind::Other;
    Availability availability = Availability::Unknown;
};

// One sink as the server lists it.
struct AudioSink
{
    QString name;
    QString description;
    QHash<QString, QString> properties; // its proplist: device.form_factor, device.bus, …
    QList<AudioPort> ports;
    QString activePort;
};

// The server's sinks in the order it lists them (by index: the last one was added last) and
// the one streams go to by default.
struct AudioSinks
{
    QString defaultSink;
    QList<AudioSink> sinks;

    const AudioSink *find(const QString &name) const;
};

enum class AudioOutput { Unknown, Speaker, Headset };

// A device of its own that is worn: a USB or Bluetooth headset, headphones. Such a sink is
// where the kiosk moves its sound.
bool isWornDevice(const AudioSink &sink);
// What the sink plays into now is worn: a worn device, or a sound card whose active port is
// its headphone jack (PulseAudio itself moves a card to that port when the jack is plugged).
bool playsIntoHeadset(const AudioSink &sink);
// Where the default sink plays: what the kiosk's sound follows.
AudioOutput outputOf(const AudioSinks &sinks);
// Something worn is plugged in, whether sound goes there or not.
bool headsetPresent(const AudioSinks &sinks);

// What to do with the default sink after a change. `speaker` is the sink the kiosk left for a
// headset (empty: none), so it goes back there when the headset goes, and not to whatever
// the server fell back to (an HDMI screen's speakers, say).
struct HeadsetDecision
{
    QString setDefault; // empty: leave the default as it is
    QString speaker;    // to remember for the next decision
};
HeadsetDecision decideDefaultSink(const AudioSinks &now, const QString &speaker);

} // namespace relais::media
