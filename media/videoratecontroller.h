// SPDX-License-Identifier: EUPL-1.2
#pragma once

// Decides what the kiosk's camera stream may cost, once a second, from what the far end
// reports (the delay trend of its transport-cc feedback, loss and round-trip time in its RTCP
// receiver reports) and from whether this machine's encoder keeps up. webrtcbin 1.22 has no
// congestion control of its own, so without this a rural ADSL line or a busy kiosk would lose the
// picture instead of degrading it.
//
// The bitrate is the lower of two estimates, as in Google's congestion control (draft-ietf-
// rmcat-gcc): the delay-based one (DelayBasedEstimator, fed between ticks), which backs off
// before a deep modem buffer fills, and the loss-based rule: above 10 % loss it falls in
// proportion, below 2 % it grows by 8 %, in between it holds.
// Loss is what the far end could not hide: receiver reports, requests for retransmission, and
// keyframe requests (three within three seconds mean pictures lost beyond repair, as heavy
// loss does; webrtcbin throttles its feedback, so requests arrive about one a second then).
// The picture size follows the bitrate down a ladder at once, and up only after the bitrate
// has stayed comfortably above the next rung, so the picture does not pump. An encoder that
// drops frames caps the ladder for a while, and so does one that cannot hold the target at
// the size it has (a noisy picture overshoots it however coarsely it is coded).
//
// Voice first: when the delay-based estimate stays below what a usable picture needs beside
// the voice, the picture stops (voiceOnly()) and the voice keeps the line; it is tried again at
// the smallest picture every 15 s, and stays if the line holds it.

#include <QList>

#include <QSize>

#include <algorithm>
#include <array>

namespace relais::media {

struct RateInput
{
    double lossFraction = 0;    // 0..1, the far end's fraction lost on our video; <0 unknown
    double rttMs = -1;          // -1 unknown
    double encoderDropRate = 0; // share of camera frames the encoder had to skip, 0..1
    int keyframeRequests = 0;   // PLI/FIR from the far end since the last tick
    double encodedKbps = -1;    // what the encoder produced since the last tick; <0 unknown
    double encoderSkipRate = 0; // share of the frames it was given that it skipped for its rate
};

class VideoRateController
{
public:
    // Full size and bitrate the configuration asks for; never exceeded.
    VideoRateController(QSize maxSize, int maxKbps);

    // One call per statistics tick (about a second). Returns true when the target changed.
    bool update(const RateInput &input);
    // The delay-based estimate (DelayBasedEstimator), as often as transport-cc feedback comes:
    // the target is the lower of it and the loss rule's. Returns true when the target changed;
    // the picture size follows at the next update().
    bool setDelayBasedKbps(int kbps);

    // What the encoder gets while the picture is sent.
    int targetKbps() const { return std::max(MinKbps, std::min(m_kbps, m_delayKbps)); }
    int lossBasedKbps() const { return m_kbps; }
    int delayBasedKbps() const { return m_delayKbps; }
    QSize targetSize() const { return m_size; }
    // Why the picture is below what the configuration asks for: "", "network" or "machine".
    const char *limitation() const;

    // What the resident and the adviser are told of the line.
    enum class LineState { Good, ReducedPicture, VoiceOnly };
    LineState lineState() const;
    static const char *lineStateName(LineState state); // "ok", "reduced", "audio_only"
    // The picture is stopped, the voice keeps the line.
    bool voiceOnly() const { return m_voiceOnly; }

    static constexpr int MinKbps = 150;
    // The delay-based estimate below which no usable picture fits beside the voice (Opus at
    // 32 kbit/s and its FEC): the picture stops rather than freezing the voice behind it.
    static constexpr int VoiceOnlyKbps = 100;
    // The lowest the delay-based estimate is let go, so that it can say "less than a picture".
    static constexpr int FloorKbps = 50;

private:
    struct Rung
    {
        QSize size;
        int minKbps; // the rung is used from this bitrate up
    };
    int rungFor(int kbps) const;

    // A cap on the picture's size for a while: a rung lower after some bad ticks in a row,
    // a rung back after some calm ones.
    struct Cap
    {
        int capRung = 0; // no bigger picture than this rung's
        int badTicks = 0;
        int calmTicks = 0;
        void tick(bool bad, int rung, int lastRung, int badTicksToCap, int calmTicksToRelease);
    };

    QList<Rung> m_ladder; // biggest first; the last one takes any bitrate
    int m_maxKbps;
    int m_kbps;      // the loss rule's
    int m_delayKbps; // the delay-based estimate's; the maximum until feedback comes
    QSize m_size;
    int m_rung = 0;                          // index in the ladder, 0 = full size
    Cap m_cpuCap;                            // the encoder could not keep up above this rung
    int m_comfortTicks = 0;                  // ticks the bitrate allowed a bigger rung
    std::array<int, 3> m_keyframeRequests{}; // the last three ticks\' requests
    bool m_networkLimited = false;
    bool m_voiceOnly = false;
    int m_starvedTicks = 0;   // consecutive ticks with the delay-based estimate below a picture
    int m_voiceOnlyTicks = 0; // ticks since the picture stopped
    // A picture too detailed for its bitrate at this size (the encoder overshoots the target
    // even at its coarsest quantizer and skipping frames): the size is capped below, as
    // libwebrtc's quality scaler does from the quantizer.
    Cap m_contentCap;
};

} // namespace relais::media
