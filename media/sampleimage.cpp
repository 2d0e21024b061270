// SPDX-License-Identifier: EUPL-1.2
#include "sampleimage.h"

#include <gst/video/video.h>

namespace relais::media {

QImage copyRgbxImage(GstSample *sample)
{
    GstVideoInfo info;
    GstMapInfo map;
    GstBuffer *buffer = gst_sample_get_buffer(sample);
    if (!buffer || !gst_video_info_from_caps(&info, gst_sample_get_caps(sample)) ||
        !gst_buffer_map(buffer, &map, GST_MAP_READ))
        return {};
    const QImage copy = QImage(map.data, GST_VIDEO_INFO_WIDTH(&info), GST_VIDEO_INFO_HEIGHT(&info),
                               GST_VIDEO_INFO_PLANE_STRIDE(&info, 0), QImage::Format_RGBX8888)
                            .copy();
    gst_buffer_unmap(buffer, &map);
    return copy;
}

} // namespace relais::media
