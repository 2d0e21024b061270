// SPDX-License-Identifier: EUPL-1.2
#include "gstinit.h"

#include <gst/gst.h>

#include <QLoggingCategory>

#include <future>
#include <mutex>
#include <thread>

Q_LOGGING_CATEGORY(lcGstInit, "relais.media")

namespace relais::media {

namespace {

// The first DTLS element of a process generates the certificate every call of the process
// then uses (an RSA key: a few hundred milliseconds on a kiosk's CPU). Making it while the
// resident is still at the pre-call check takes that wait out of the call's setup.
std::shared_future<void> &dtlsCertificate()
{
    static std::shared_future<void> made;
    return made;
}

void prepareDtlsCertificate()
{
    std::promise<void> done;
    dtlsCertificate() = done.get_future().share();
    std::thread([done = std::move(done)]() mutable {
        if (GstElement *dtls = gst_element_factory_make("dtlsdec", nullptr))
            gst_object_unref(gst_object_ref_sink(dtls));
        done.set_value();
    }).detach();
}

} // namespace

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
        if (ready)
            prepareDtlsCertificate();
    });
    return ready;
}

void waitForDtlsCertificate()
{
    if (ensureGStreamer() && dtlsCertificate().valid())
        dtlsCertificate().wait();
}

} // namespace relais::media
