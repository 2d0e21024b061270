#pragma once

namespace relais::media {

// Initialises GStreamer once per process, whoever needs it first (the call, the preview).
// Returns false if GStreamer cannot start, in which case no pipeline can be built.
bool ensureGStreamer();

} // namespace relais::media
