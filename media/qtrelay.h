// SPDX-License-Identifier: EUPL-1.2
#pragma once

// GStreamer calls back on its streaming and webrtcbin threads. Everything that touches Qt state
// is posted to the thread owning the target object; the relay is shared with the callbacks and
// cut when the target goes away, so a late callback posts nothing instead of touching a
// destroyed object.

#include <glib-object.h>

#include <QMetaObject>
#include <QObject>

#include <memory>
#include <mutex>
#include <utility>

namespace relais::media {

class QtRelay
{
public:
    explicit QtRelay(QObject *target) : m_target(target) {}

    template<typename F> void post(F &&f)
    {
        std::lock_guard lock(m_mutex);
        if (m_target)
            QMetaObject::invokeMethod(m_target, std::forward<F>(f), Qt::QueuedConnection);
    }

    void cut()
    {
        std::lock_guard lock(m_mutex);
        m_target = nullptr;
    }

private:
    std::mutex m_mutex;
    QObject *m_target;
};

using QtRelayPtr = std::shared_ptr<QtRelay>;

// Heap box handed to g_signal_connect_data / gst_promise_new_with_change_func as user data.
struct RelayBox
{
    QtRelayPtr relay;
    void *self;         // the relay's target, only dereferenced in posted functions
    quint64 generation; // which pipeline of the session the callback belongs to
    static void destroy(gpointer p, GClosure * = nullptr) { delete static_cast<RelayBox *>(p); }
    static void destroyNotify(gpointer p) { delete static_cast<RelayBox *>(p); }
};

} // namespace relais::media
