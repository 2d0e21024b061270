// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QtGlobal>

namespace relais::media {

// How much the kiosk may spend on retransmissions (RTX) answering the far end's NACKs: a
// token bucket refilled at a share of the video's target rate. On a line whose buffer is
// already full, every lost packet is asked for again, every answer is lost in turn, and an
// unbounded sender multiplies the congestion (20–30 Mbit/s of retransmissions on a 1 Mbit/s
// line were measured before this bound); libwebrtc bounds its retransmissions the same way.
class RetransmissionBudget
{
public:
    // Of the video's target rate, what retransmissions may use; a few percent of loss needs
    // far less.
    static constexpr double kShareOfTarget = 0.25;
    // The least it may use, so that a loss on a slow line is still repaired.
    static constexpr int kFloorKbps = 32;
    // What may go in one burst: the rate over this long.
    static constexpr qint64 kBurstUs = 500'000;

    void setTargetKbps(int kbps);
    // Whether a retransmission of `bytes` may be sent at `nowUs` (any monotonic clock); if so
    // it is spent.
    bool spend(qint64 nowUs, int bytes);

private:
    double bytesPerUs() const;

    int m_targetKbps = 0;
    double m_tokens = -1; // bytes; -1 until the first packet fills the bucket
    qint64 m_lastUs = 0;
};

} // namespace relais::media
