#include "gstinit.h"

#include <gst/gst.h>

#include <QLoggingCategory>

#include <mutex>

Q_LOGGING_CATEGORY(lcGstInit, "relais.media")

namespace relais::media {

bool ensureGStreamer()
{
    static std::once_flag once;
    static bool ready = false;
    std::call_once(once, [] {
        GError *error = nullptr;
        ready = gst_init_check(nullptr, nullptr, &error);
        if (!ready)
            qCCritical(lcGstInit) << "GStreamer cannot start:" << (error ? error->message : "?");
        g_clear_error(&error);
    });
    return ready;
}

} // namespace relais::media
