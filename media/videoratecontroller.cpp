// SPDX-License-Identifier: EUPL-1.2
#include "videoratecontroller.h"

#include <algorithm>
#include <array>
#include <numeric>

namespace relais::media {

namespace {

// The usual 16:9 steps and the bitrate each needs to look clean in VP8.
struct LadderStep
{
    int height;
    int minKbps;
};
constexpr std::array<LadderStep, 4> Steps{{{720, 900}, {540, 500}, {360, 250}, {180, 0}}};

constexpr double HighLoss = 0.10;
constexpr double LowLoss = 0.02;
constexpr double Growth = 1.08;
constexpr double QueueingRttMs = 400;
constexpr int UpgradeTicks = 5;   // seconds above the next rung before the picture grows
constexpr int DropTicks = 3;      // seconds of encoder drops before the picture shrinks
constexpr int CpuRetryTicks = 30; // seconds without drops before a bigger picture is tried
constexpr double DropThreshold = 0.2;
constexpr int StarvedTicks = 2;         // seconds below a picture before it stops
constexpr int VoiceOnlyRetryTicks = 15; // seconds of voice only before the picture is tried again
constexpr double Overshoot = 1.4;       // the encoder's output over its target that caps the size
constexpr double SkipThreshold = 0.5;   // or the share of frames it skips for its rate
constexpr int OvershootTicks = 2;       // seconds of either before the picture shrinks
constexpr int ContentRetryTicks = 30;   // seconds within the target before a bigger picture

QSize scaled(QSize max, int height)
{
    // Even dimensions: I420 needs them. The configured aspect is kept.
    const int width = int(double(max.width()) * height / max.height()) & ~1;
    return {width, height & ~1};
}

} // namespace

VideoRateController::VideoRateController(QSize maxSize, int maxKbps)
    : m_maxKbps(std::max(maxKbps, MinKbps)), m_kbps(m_maxKbps), m_delayKbps(m_maxKbps)
{
    // The configured size is the top rung, with the threshold of the standard step it
    // stands for; the smaller standard steps follow.
    int topKbps = Steps[0].minKbps;
    for (const LadderStep &step : Steps)
        if (step.height >= maxSize.height())
            topKbps = step.minKbps;
    m_ladder.append({maxSize, topKbps});
    for (const LadderStep &step : Steps)
        if (step.height < maxSize.height())
            m_ladder.append({scaled(maxSize, step.height), step.minKbps});
    m_ladder.last().minKbps = 0;
    m_rung = rungFor(m_kbps);
    m_size = m_ladder.at(m_rung).size;
}

void VideoRateController::Cap::tick(bool bad, int rung, int lastRung, int badTicksToCap,
                                    int calmTicksToRelease)
{
    if (bad) {
        calmTicks = 0;
        if (++badTicks >= badTicksToCap) {
            capRung = std::min(std::max(capRung, rung) + 1, lastRung);
            badTicks = 0;
        }
        return;
    }
    badTicks = 0;
    if (capRung > 0 && ++calmTicks >= calmTicksToRelease) {
        --capRung;
        calmTicks = 0;
    }
}

int VideoRateController::rungFor(int kbps) const
{
    int rung = 0;
    while (rung + 1 < m_ladder.size() && kbps < m_ladder.at(rung).minKbps)
        ++rung;
    return rung;
}

const char *VideoRateController::limitation() const
{
    if (m_networkLimited)
        return "network";
    return m_cpuCap.capRung > 0 ? "machine" : "";
}

VideoRateController::LineState VideoRateController::lineState() const
{
    if (m_voiceOnly)
        return LineState::VoiceOnly;
    return m_networkLimited && m_rung > 0 && m_rung > m_cpuCap.capRung ? LineState::ReducedPicture
                                                                       : LineState::Good;
}

const char *VideoRateController::lineStateName(LineState state)
{
    switch (state) {
    case LineState::Good:
        return "ok";
    case LineState::ReducedPicture:
        return "reduced";
    case LineState::VoiceOnly:
        return "audio_only";
    }
    return "ok";
}

bool VideoRateController::setDelayBasedKbps(int kbps)
{
    const int before = targetKbps();
    m_delayKbps = std::clamp(kbps, FloorKbps, m_maxKbps);
    m_networkLimited = targetKbps() < m_maxKbps;
    return targetKbps() != before;
}

bool VideoRateController::update(const RateInput &input)
{
    const int before = targetKbps();
    const QSize sizeBefore = m_size;
    const bool voiceOnlyBefore = m_voiceOnly;

    // Network: loss first, queueing delay second.
    double loss = input.lossFraction;
    std::rotate(m_keyframeRequests.begin(), m_keyframeRequests.begin() + 1,
                m_keyframeRequests.end());
    m_keyframeRequests.back() = input.keyframeRequests;
    if (std::accumulate(m_keyframeRequests.begin(), m_keyframeRequests.end(), 0) >= 3)
        loss = std::max(loss, HighLoss + 0.05);
    // A decrease starts from what is being sent, which the delay-based estimate may already
    // hold below the loss rule's own figure.
    if (loss > HighLoss)
        m_kbps = int(targetKbps() * (1.0 - 0.5 * loss));
    else if (input.rttMs > QueueingRttMs)
        m_kbps = int(targetKbps() * 0.85);
    else if (loss >= 0 && loss < LowLoss)
        m_kbps = int(m_kbps * Growth) + 1;
    m_kbps = std::clamp(m_kbps, MinKbps, m_maxKbps);
    m_networkLimited = targetKbps() < m_maxKbps;

    // Machine: a few seconds of dropped frames cap the picture one rung lower for a while.
    const int lastRung = int(m_ladder.size()) - 1;
    m_cpuCap.tick(input.encoderDropRate > DropThreshold, m_rung, lastRung, DropTicks,
                  CpuRetryTicks);
    // Content: an encoder well over its target at this size, second after second, gets a
    // smaller picture for a while.
    // Skipping most frames to hold the target says the same: a smaller picture moves better.
    m_contentCap.tick(
        (input.encodedKbps > targetKbps() * Overshoot || input.encoderSkipRate > SkipThreshold) &&
            !m_voiceOnly,
        m_rung, lastRung, OvershootTicks, ContentRetryTicks);

    // Voice first: a line that cannot carry a picture beside the voice gets none for a while.
    if (m_voiceOnly) {
        if (++m_voiceOnlyTicks >= VoiceOnlyRetryTicks) {
            m_voiceOnly = false;
            m_starvedTicks = 0;
            m_delayKbps = MinKbps; // the smallest picture, tried again
        }
    } else if (m_delayKbps < VoiceOnlyKbps) {
        if (++m_starvedTicks >= StarvedTicks) {
            m_voiceOnly = true;
            m_voiceOnlyTicks = 0;
        }
    } else {
        m_starvedTicks = 0;
    }

    const int kbps = targetKbps();
    const int wanted = std::max({rungFor(kbps), m_cpuCap.capRung, m_contentCap.capRung});
    if (wanted > m_rung) {
        m_rung = wanted;
        m_comfortTicks = 0;
    } else if (wanted < m_rung) {
        // Growing only when the bitrate has cleared the next rung by a margin for a while.
        const int next = m_rung - 1;
        const int margin = std::min(int(m_ladder.at(next).minKbps * 1.2), m_maxKbps);
        m_comfortTicks = kbps >= margin ? m_comfortTicks + 1 : 0;
        if (m_comfortTicks >= UpgradeTicks) {
            m_rung = next;
            m_comfortTicks = 0;
        }
    } else {
        m_comfortTicks = 0;
    }
    m_size = m_ladder.at(m_rung).size;
    return targetKbps() != before || m_size != sizeBefore || m_voiceOnly != voiceOnlyBefore;
}

} // namespace relais::media
