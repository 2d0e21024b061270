// SPDX-License-Identifier: EUPL-1.2
#pragma once

// Small owning handles for the GLib/GStreamer objects the engine holds, so that every early
// return and every teardown releases exactly what was taken.

#include <gst/gst.h>
#include <gst/webrtc/webrtc.h>

#include <utility>

namespace relais::media {

template<typename T, void (*Unref)(T *)> class GRef
{
public:
    GRef() = default;
    // Takes ownership of a reference the caller already holds (transfer full).
    explicit GRef(T *p) : m_p(p) {}
    GRef(const GRef &) = delete;
    GRef &operator=(const GRef &) = delete;
    GRef(GRef &&o) noexcept : m_p(std::exchange(o.m_p, nullptr)) {}
    GRef &operator=(GRef &&o) noexcept
    {
        if (this != &o) {
            reset();
            m_p = std::exchange(o.m_p, nullptr);
        }
        return *this;
    }
    ~GRef() { reset(); }

    void reset(T *p = nullptr)
    {
        if (m_p)
            Unref(m_p);
        m_p = p;
    }
    T *get() const { return m_p; }
    T *release() { return std::exchange(m_p, nullptr); }
    T *operator->() const { return m_p; }
    explicit operator bool() const { return m_p != nullptr; }

private:
    T *m_p = nullptr;
};

namespace detail {
inline void unrefObject(GstObject *o)
{
    gst_object_unref(o);
}
inline void unrefElement(GstElement *e)
{
    gst_object_unref(e);
}
inline void unrefPad(GstPad *p)
{
    gst_object_unref(p);
}
inline void unrefBus(GstBus *b)
{
    gst_object_unref(b);
}
inline void unrefCaps(GstCaps *c)
{
    gst_caps_unref(c);
}
inline void unrefPromise(GstPromise *p)
{
    gst_promise_unref(p);
}
inline void freeStructure(GstStructure *s)
{
    gst_structure_free(s);
}
inline void freeDescription(GstWebRTCSessionDescription *d)
{
    gst_webrtc_session_description_free(d);
}
inline void unrefChannel(GstWebRTCDataChannel *c)
{
    g_object_unref(c);
}
inline void freeString(gchar *s)
{
    g_free(s);
}
inline void freeError(GError *e)
{
    g_error_free(e);
}
} // namespace detail

using ElementRef = GRef<GstElement, detail::unrefElement>;
using PadRef = GRef<GstPad, detail::unrefPad>;
using BusRef = GRef<GstBus, detail::unrefBus>;
using CapsRef = GRef<GstCaps, detail::unrefCaps>;
using PromiseRef = GRef<GstPromise, detail::unrefPromise>;
using StructureRef = GRef<GstStructure, detail::freeStructure>;
using DescriptionRef = GRef<GstWebRTCSessionDescription, detail::freeDescription>;
using DataChannelRef = GRef<GstWebRTCDataChannel, detail::unrefChannel>;
using GCharRef = GRef<gchar, detail::freeString>;
using ErrorRef = GRef<GError, detail::freeError>;

// Adds a reference to an object borrowed from GStreamer (transfer none) and owns it.
inline ElementRef refElement(GstElement *e)
{
    return ElementRef(e ? GST_ELEMENT(gst_object_ref(e)) : nullptr);
}

} // namespace relais::media
