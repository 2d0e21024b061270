// SPDX-License-Identifier: EUPL-1.2
#pragma once

// Video samples from an appsink negotiated as video/x-raw,format=RGBx, as Qt images.

#include <gst/gst.h>

#include <QImage>

namespace relais::media {

// A deep copy of the sample's picture (the buffer goes back to GStreamer); null if the
// sample has no readable RGBx picture.
QImage copyRgbxImage(GstSample *sample);

} // namespace relais::media
