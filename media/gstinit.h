// SPDX-License-Identifier: EUPL-1.2
#pragma once

namespace relais::media {

// Initialises GStreamer once per process, whoever needs it first (the call, the preview), and
// starts making the process's DTLS certificate in the background. Returns false if GStreamer
// cannot start, in which case no pipeline can be built.
bool ensureGStreamer();

// Blocks until the DTLS certificate is made: for command-line peers that stand for a kiosk
// that has been up for a while.
void waitForDtlsCertificate();

} // namespace relais::media
