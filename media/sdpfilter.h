// SPDX-License-Identifier: EUPL-1.2
#pragma once

// What the kiosk's offer says before it leaves. webrtcbin 1.22 offers retransmission (RTX) on
// every transceiver, and the kiosk needs it on the picture; but it breaks RTX for the whole
// bundle when one transceiver has it off, and browsers refuse an audio m-line that carries an
// RTX SSRC group ("Failed to add remote stream ssrc"). So webrtcbin keeps RTX everywhere, and
// the copy sent to the peer drops it from audio: the answer then negotiates none there.

#include <QString>

namespace relais::media {

// The SDP text with the audio sections' RTX payloads, their rtpmap/fmtp/rtcp-fb lines, the
// FID SSRC groups and the retransmission SSRCs removed. Other sections are unchanged; text
// that is not SDP is returned as it is.
QString withoutAudioRetransmission(const QString &sdp);

// The SDP text with `x-google-start-bitrate=<kbps>` on every VP8 payload of the video sections
// (added to its fmtp line, or in a new one after its rtpmap). Chromium reads it from the remote
// description and starts its bandwidth estimate there instead of at 300 kbit/s. At 300 kbit/s
// it drops its first camera frames and scales a 720p camera down: the resident waited about
// 100 ms longer for a first picture of the adviser a quarter of the size. Other browsers
// ignore the parameter, as they do any format parameter they do not know. An existing start
// bitrate is replaced; text that is not SDP is returned as it is.
QString withVideoStartBitrate(const QString &sdp, int kbps);

} // namespace relais::media
