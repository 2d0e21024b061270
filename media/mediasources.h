// SPDX-License-Identifier: EUPL-1.2
#pragma once

// Where the kiosk's picture and voice come from: the camera and microphone found by the GStreamer
// device monitor, or test sources when the configuration asks for them.

#include "callconfig.h"
#include "gstref.h"

#include <QString>

namespace relais::media {

// A live source element, or null with a reason that names the missing device.
ElementRef makeVideoSource(const CallConfig &config, QString *error);
ElementRef makeAudioSource(const CallConfig &config, QString *error);

} // namespace relais::media
