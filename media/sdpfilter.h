#pragma once

// What the kiosk's offer says before it leaves: webrtcbin 1.22 offers retransmission (RTX) on
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

} // namespace relais::media
