// SPDX-License-Identifier: EUPL-1.2
#include "devicescan.h"

#include <gst/gst.h>

namespace relais {

namespace {

QString presence(const char *deviceClass)
{
    GstDeviceMonitor *monitor = gst_device_monitor_new();
    gst_device_monitor_add_filter(monitor, deviceClass, nullptr);
    if (!gst_device_monitor_start(monitor)) {
        gst_object_unref(monitor);
        return QStringLiteral("unknown");
    }
    GList *devices = gst_device_monitor_get_devices(monitor);
    const bool any = devices != nullptr;
    g_list_free_full(devices, gst_object_unref);
    gst_device_monitor_stop(monitor);
    gst_object_unref(monitor);
    return any ? QStringLiteral("ok") : QStringLiteral("missing");
}

} // namespace

DeviceScan DeviceScan::now()
{
    DeviceScan scan;
    if (!gst_init_check(nullptr, nullptr, nullptr))
        return scan;
    scan.camera = presence("Video/Source");
    scan.microphone = presence("Audio/Source");
    return scan;
}

} // namespace relais
