// SPDX-License-Identifier: EUPL-1.2
#include "mediasources.h"

namespace relais::media {

namespace {

// The first device of a class whose display name matches (any when wanted is empty).
ElementRef deviceSource(const char *deviceClass, const QString &wanted, QString *error)
{
    GstDeviceMonitor *monitor = gst_device_monitor_new();
    gst_device_monitor_add_filter(monitor, deviceClass, nullptr);
    ElementRef element;
    if (!gst_device_monitor_start(monitor)) {
        *error = QStringLiteral("the device monitor could not start for %1")
                     .arg(QLatin1String(deviceClass));
        gst_object_unref(monitor);
        return element;
    }
    GList *devices = gst_device_monitor_get_devices(monitor);
    QStringList seen;
    for (GList *l = devices; l && !element; l = l->next) {
        auto *device = GST_DEVICE(l->data);
        GCharRef name(gst_device_get_display_name(device));
        seen << QString::fromUtf8(name.get());
        if (wanted.isEmpty() || wanted == seen.last())
            if (GstElement *e = gst_device_create_element(device, nullptr))
                element = ElementRef(GST_ELEMENT(gst_object_ref_sink(e)));
    }
    g_list_free_full(devices, gst_object_unref);
    gst_device_monitor_stop(monitor);
    gst_object_unref(monitor);
    if (!element)
        *error = wanted.isEmpty() ? QStringLiteral("no %1 device found").arg(deviceClass)
                                  : QStringLiteral("no %1 device named \"%2\" (found: %3)")
                                        .arg(QLatin1String(deviceClass), wanted,
                                             seen.join(QStringLiteral(", ")));
    return element;
}

ElementRef make(const char *factory)
{
    GstElement *e = gst_element_factory_make(factory, nullptr);
    return ElementRef(e ? GST_ELEMENT(gst_object_ref_sink(e)) : nullptr);
}

// The file decoded once and repeated as a live stream.
ElementRef stillPicture(const QString &path, QString *error)
{
    GError *parseError = nullptr;
    // A named decoder, not decodebin: its pad appears late, which a bin's ghost pad misses.
    const bool jpeg = path.endsWith(QLatin1String(".jpg"), Qt::CaseInsensitive) ||
                      path.endsWith(QLatin1String(".jpeg"), Qt::CaseInsensitive);
    GstElement *bin = gst_parse_bin_from_description(
        jpeg ? "filesrc name=file ! jpegdec ! videoconvert ! imagefreeze is-live=true"
             : "filesrc name=file ! pngdec ! videoconvert ! imagefreeze is-live=true",
        TRUE, &parseError);
    if (!bin) {
        *error = QStringLiteral("the still picture source cannot be made: %1")
                     .arg(QString::fromUtf8(parseError ? parseError->message : "unknown"));
        g_clear_error(&parseError);
        return {};
    }
    ElementRef source(GST_ELEMENT(gst_object_ref_sink(bin)));
    GstElement *file = gst_bin_get_by_name(GST_BIN(bin), "file");
    g_object_set(file, "location", path.toUtf8().constData(), nullptr);
    gst_object_unref(file);
    return source;
}

// The moving pattern restricted to the modes a camera offers.
ElementRef cameraLike(const QString &caps, QString *error)
{
    GError *parseError = nullptr;
    const QByteArray description =
        QStringLiteral("videotestsrc is-live=true pattern=ball ! capsfilter caps=\"%1\"")
            .arg(caps)
            .toUtf8();
    GstElement *bin = gst_parse_bin_from_description(description.constData(), TRUE, &parseError);
    if (!bin) {
        *error = QStringLiteral("the camera-like test source cannot be made: %1")
                     .arg(QString::fromUtf8(parseError ? parseError->message : "unknown"));
        g_clear_error(&parseError);
        return {};
    }
    return ElementRef(GST_ELEMENT(gst_object_ref_sink(bin)));
}

} // namespace

ElementRef makeVideoSource(const CallConfig &config, QString *error)
{
    if (!config.testSources)
        return deviceSource("Video/Source", config.cameraName, error);
    if (!config.testPicture.isEmpty())
        return stillPicture(config.testPicture, error);
    if (!config.testCameraCaps.isEmpty())
        return cameraLike(config.testCameraCaps, error);
    ElementRef src = make("videotestsrc");
    if (!src) {
        *error = QStringLiteral("videotestsrc is missing (gstreamer1.0-plugins-base)");
        return src;
    }
    // A moving pattern, so the encoder produces real inter frames as a camera would.
    g_object_set(src.get(), "is-live", TRUE, nullptr);
    gst_util_set_object_arg(G_OBJECT(src.get()), "pattern",
                            config.testPattern.toUtf8().constData());
    return src;
}

ElementRef makeAudioSource(const CallConfig &config, QString *error)
{
    if (!config.testSources)
        return deviceSource("Audio/Source", config.microphoneName, error);
    ElementRef src = make("audiotestsrc");
    if (!src) {
        *error = QStringLiteral("audiotestsrc is missing (gstreamer1.0-plugins-base)");
        return src;
    }
    g_object_set(src.get(), "is-live", TRUE, "volume", 0.2, nullptr);
    gst_util_set_object_arg(G_OBJECT(src.get()), "wave", "ticks");
    return src;
}

} // namespace relais::media
