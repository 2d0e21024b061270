// SPDX-License-Identifier: EUPL-1.2
#include "documentchannel.h"

#include <QCryptographicHash>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcChannel, "relais.media.channel")

namespace relais::media {

namespace {

// Enough in flight to keep a relayed path busy, little enough to keep text messages prompt.
constexpr quint64 kHighWater = 512 * 1024;
constexpr quint64 kLowWater = 128 * 1024;

DocumentChannel *target(gpointer box)
{
    return static_cast<DocumentChannel *>(static_cast<RelayBox *>(box)->self);
}
const QtRelayPtr &relayOf(gpointer box)
{
    return static_cast<RelayBox *>(box)->relay;
}

} // namespace

DocumentChannel::DocumentChannel(GstWebRTCDataChannel *channel, QObject *parent)
    : QObject(parent), m_channel(GST_WEBRTC_DATA_CHANNEL(g_object_ref(channel))),
      m_relay(std::make_shared<QtRelay>(this))
{
    m_pumpTimer.setInterval(50);
    connect(&m_pumpTimer, &QTimer::timeout, this, &DocumentChannel::pump);
}

void DocumentChannel::hookUp()
{
    GstWebRTCDataChannel *channel = m_channel.get();
    g_object_set(channel, "buffered-amount-low-threshold", guint64(kLowWater), nullptr);
    auto hook = [this](const char *signal, GCallback cb) {
        m_handlers << g_signal_connect_data(m_channel.get(), signal, cb,
                                            new RelayBox{m_relay, this, 0}, RelayBox::destroy,
                                            GConnectFlags(0));
    };
    hook("on-open", G_CALLBACK(onOpenCb));
    hook("on-close", G_CALLBACK(onCloseCb));
    hook("on-message-string", G_CALLBACK(onStringCb));
    hook("on-message-data", G_CALLBACK(onDataCb));
    hook("on-buffered-amount-low", G_CALLBACK(onLowCb));

    // The answerer's channel arrives already open (the offerer opened it).
    GstWebRTCDataChannelState state{};
    g_object_get(channel, "ready-state", &state, nullptr);
    if (state == GST_WEBRTC_DATA_CHANNEL_STATE_OPEN)
        m_relay->post([this] {
            if (m_open)
                return;
            m_open = true;
            emit opened();
            pump();
        });
}

DocumentChannel::~DocumentChannel()
{
    m_relay->cut();
    for (gulong h : std::as_const(m_handlers))
        g_signal_handler_disconnect(m_channel.get(), h);
}

void DocumentChannel::onOpenCb(GstWebRTCDataChannel *, gpointer box)
{
    auto *self = target(box);
    relayOf(box)->post([self] {
        if (self->m_open)
            return;
        self->m_open = true;
        emit self->opened();
        self->pump();
    });
}

void DocumentChannel::onCloseCb(GstWebRTCDataChannel *, gpointer box)
{
    auto *self = target(box);
    relayOf(box)->post([self] {
        const bool wasOpen = self->m_open;
        self->m_open = false;
        self->m_pumpTimer.stop();
        for (const auto &o : std::as_const(self->m_outgoing))
            emit self->documentFailed(o.id, QStringLiteral("channel_closed"), false);
        for (const auto &id : std::as_const(self->m_awaitingAck))
            emit self->documentFailed(id, QStringLiteral("channel_closed"), false);
        self->m_outgoing.clear();
        self->m_awaitingAck.clear();
        if (wasOpen)
            emit self->closed();
    });
}

void DocumentChannel::onStringCb(GstWebRTCDataChannel *, gchar *str, gpointer box)
{
    auto *self = target(box);
    relayOf(box)->post([self, s = QString::fromUtf8(str)] { self->onString(s); });
}

void DocumentChannel::onDataCb(GstWebRTCDataChannel *, GBytes *data, gpointer box)
{
    gsize size = 0;
    const auto *p = static_cast<const char *>(g_bytes_get_data(data, &size));
    auto *self = target(box);
    relayOf(box)->post([self, b = QByteArray(p, qsizetype(size))] { self->onBinary(b); });
}

void DocumentChannel::onLowCb(GstWebRTCDataChannel *, gpointer box)
{
    auto *self = target(box);
    relayOf(box)->post([self] { self->pump(); });
}

bool DocumentChannel::sendString(const QString &s)
{
    if (!m_open)
        return false;
    GError *raw = nullptr;
    const bool ok =
        gst_webrtc_data_channel_send_string_full(m_channel.get(), s.toUtf8().constData(), &raw);
    ErrorRef err(raw);
    if (!ok)
        qCWarning(lcChannel) << "send failed:" << (err ? err->message : "unknown");
    return ok;
}

bool DocumentChannel::sendBytes(const QByteArray &b)
{
    if (!m_open)
        return false;
    GBytes *bytes = g_bytes_new(b.constData(), gsize(b.size()));
    GError *raw = nullptr;
    const bool ok = gst_webrtc_data_channel_send_data_full(m_channel.get(), bytes, &raw);
    g_bytes_unref(bytes);
    ErrorRef err(raw);
    if (!ok)
        qCWarning(lcChannel) << "send failed:" << (err ? err->message : "unknown");
    return ok;
}

quint64 DocumentChannel::bufferedAmount() const
{
    guint64 amount = 0;
    g_object_get(m_channel.get(), "buffered-amount", &amount, nullptr);
    return amount;
}

bool DocumentChannel::sendText(const QString &text)
{
    return sendString(dc::textMessage(text));
}

bool DocumentChannel::sendTyping(const QString &draft)
{
    return sendString(dc::typingMessage(draft));
}

bool DocumentChannel::sendLineState(const QString &state)
{
    return sendString(dc::lineMessage(state));
}

QUuid DocumentChannel::sendDocument(const QString &name, const QString &mime,
                                    const QByteArray &data)
{
    if (!m_open || data.size() > dc::kMaxDocumentBytes)
        return {};
    Outgoing o;
    o.id = QUuid::createUuid();
    o.data = data;
    const QByteArray digest = QCryptographicHash::hash(data, QCryptographicHash::Sha256);
    if (!sendString(dc::docStartMessage(o.id, name, mime, data.size(), digest)))
        return {};
    m_outgoing.enqueue(o);
    pump();
    return o.id;
}

void DocumentChannel::pump()
{
    while (m_open && !m_outgoing.isEmpty() && bufferedAmount() < kHighWater) {
        Outgoing &o = m_outgoing.head();
        if (o.offset < o.data.size()) {
            const QByteArray payload = o.data.mid(o.offset, dc::kChunkSize);
            if (!sendBytes(dc::chunkFrame(o.id, o.nextIndex, payload))) {
                emit documentFailed(o.id, QStringLiteral("send_failed"), false);
                m_outgoing.dequeue();
                continue;
            }
            o.offset += payload.size();
            ++o.nextIndex;
            emit documentProgress(o.id, o.offset, o.data.size(), false);
            continue;
        }
        sendString(dc::docEndMessage(o.id));
        m_awaitingAck << o.id;
        m_outgoing.dequeue();
    }
    if (m_outgoing.isEmpty())
        m_pumpTimer.stop();
    else if (!m_pumpTimer.isActive())
        m_pumpTimer.start();
}

void DocumentChannel::onString(const QString &s)
{
    const auto msg = dc::parseControl(s);
    if (!msg) {
        qCWarning(lcChannel) << "ignored a text frame that is not a message";
        return;
    }
    const QString type = msg->value(QStringLiteral("type")).toString();
    if (type == QLatin1String("text")) {
        emit textReceived(msg->value(QStringLiteral("text")).toString().left(dc::kMaxTextChars));
    } else if (type == QLatin1String("typing")) {
        emit typingReceived(msg->value(QStringLiteral("text")).toString().left(dc::kMaxTextChars));
    } else if (type == QLatin1String("line")) {
        emit lineStateReceived(msg->value(QStringLiteral("state")).toString());
    } else if (type == QLatin1String("doc_start")) {
        const QString error = m_incoming.start(*msg);
        m_receiving = error.isEmpty();
        if (!m_receiving) {
            sendString(dc::docAckMessage(m_incoming.id(), error));
            emit documentFailed(m_incoming.id(), error, true);
        } else {
            emit documentProgress(m_incoming.id(), 0, m_incoming.size(), true);
        }
    } else if (type == QLatin1String("doc_end")) {
        if (!m_receiving)
            return;
        m_receiving = false;
        const QString error = m_incoming.finish();
        sendString(dc::docAckMessage(m_incoming.id(), error));
        if (error.isEmpty())
            emit documentReceived(m_incoming.id(), m_incoming.name(), m_incoming.mime(),
                                  m_incoming.data());
        else
            emit documentFailed(m_incoming.id(), error, true);
        m_incoming = {};
    } else if (type == QLatin1String("doc_ack")) {
        const QUuid id = QUuid::fromString(msg->value(QStringLiteral("doc")).toString());
        if (!m_awaitingAck.removeOne(id))
            return;
        if (msg->value(QStringLiteral("ok")).toBool())
            emit documentSent(id);
        else
            emit documentFailed(id, msg->value(QStringLiteral("error")).toString(), false);
    }
    // Unknown types are ignored: a newer peer may send more than this version knows.
}

void DocumentChannel::onBinary(const QByteArray &b)
{
    const auto chunk = dc::parseChunk(b);
    if (!chunk || !m_receiving)
        return;
    const QString error = m_incoming.addChunk(*chunk);
    if (!error.isEmpty()) {
        m_receiving = false;
        sendString(dc::docAckMessage(m_incoming.id(), error));
        emit documentFailed(m_incoming.id(), error, true);
        return;
    }
    emit documentProgress(m_incoming.id(), m_incoming.received(), m_incoming.size(), true);
}

} // namespace relais::media
