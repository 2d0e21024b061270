// SPDX-License-Identifier: EUPL-1.2
#pragma once

// Moves the kiosk's sound to a headset when one is plugged in, and back to the speaker when it
// goes, at any time, in a call or not (visio.headset_switch).
//
// The mechanism is PulseAudio's default sink, set through libpulse. A stream that did not ask
// for a device follows the default: PulseAudio (14 and later) moves it, live, when the default
// changes. The call's sound (pulsesink, chosen by autoaudiosink, with no `device`) and
// speech-dispatcher's speech (its pulse output on "default") are two such streams, in two
// processes; setting pulsesink's `device` would move the call only, and the speech would need
// its own path. PulseAudio moves a stream without stopping it: the call is not cut.
//
// libpulse rather than GStreamer's device monitor: setting the default takes libpulse anyway,
// and its sink list carries the same properties plus the ports and the default.

#include "headsetdetection.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace relais::media {

class HeadsetSwitch : public QObject
{
    Q_OBJECT

public:
    // switching off: what is plugged in is still reported, the default is never changed.
    explicit HeadsetSwitch(bool switching, QObject *parent = nullptr);
    ~HeadsetSwitch() override;

    // Connects to the session's PulseAudio server (PULSE_SERVER or the user's), and again
    // every few seconds while there is none.
    void start();

    bool switching() const { return m_switching; }
    bool connected() const { return m_connected; }
    AudioOutput output() const { return outputOf(m_sinks); }
    bool headsetPresent() const { return media::headsetPresent(m_sinks); }
    const AudioSinks &sinks() const { return m_sinks; }

    // What the server reported (on the owner's thread); public so that a screen can be shown
    // in each state without a sound server.
    void apply(const AudioSinks &now);

signals:
    void changed();

private:
    struct Pulse;
    void connectToServer();
    void onDisconnected();

    bool m_switching;
    bool m_connected = false;
    bool m_toldNoServer = false;
    AudioSinks m_sinks;
    QString m_speaker; // HeadsetDecision::speaker
    QString m_asked;   // the default sink asked for, until a listing shows it
    QTimer m_retry;
    std::unique_ptr<Pulse> m_pulse;
};

} // namespace relais::media
