// SPDX-License-Identifier: EUPL-1.2
#pragma once

// The call's "relais" data channel: documents (chunked, with progress and a SHA-256 check) and
// text messages, over a GstWebRTCDataChannel. Lives on the Qt thread; the channel's callbacks
// are posted to it.

#include "datachannelprotocol.h"
#include "gstref.h"
#include "qtrelay.h"

#include <QObject>
#include <QQueue>
#include <QTimer>
#include <QUuid>

namespace relais::media {

class DocumentChannel : public QObject
{
    Q_OBJECT
public:
    explicit DocumentChannel(GstWebRTCDataChannel *channel, QObject *parent = nullptr);
    ~DocumentChannel() override;

    // Connects to the GStreamer channel. Called once the Qt connections to this object are
    // made (and, for a channel announced on a GStreamer thread, after moveToThread), so that
    // no message can arrive before someone listens.
    void hookUp();

    bool isOpen() const { return m_open; }

    bool sendText(const QString &text);
    bool sendTyping(const QString &draft);
    bool sendLineState(const QString &state);
    // Queues a document; returns its id (null if refused: too large or channel closed).
    QUuid sendDocument(const QString &name, const QString &mime, const QByteArray &data);

signals:
    void opened();
    void closed();
    void textReceived(const QString &text);
    void typingReceived(const QString &draft);
    void lineStateReceived(const QString &state);
    void documentProgress(const QUuid &doc, qint64 bytes, qint64 total, bool incoming);
    void documentReceived(const QUuid &doc, const QString &name, const QString &mime,
                          const QByteArray &data);
    void documentSent(const QUuid &doc);
    void documentFailed(const QUuid &doc, const QString &reason, bool incoming);

private:
    struct Outgoing
    {
        QUuid id;
        QByteArray data;
        qint64 offset = 0;
        quint32 nextIndex = 0;
        bool ended = false;
    };

    static void onOpenCb(GstWebRTCDataChannel *, gpointer box);
    static void onCloseCb(GstWebRTCDataChannel *, gpointer box);
    static void onStringCb(GstWebRTCDataChannel *, gchar *str, gpointer box);
    static void onDataCb(GstWebRTCDataChannel *, GBytes *data, gpointer box);
    static void onLowCb(GstWebRTCDataChannel *, gpointer box);

    void onString(const QString &s);
    void onBinary(const QByteArray &b);
    void pump();
    bool sendString(const QString &s);
    bool sendBytes(const QByteArray &b);
    quint64 bufferedAmount() const;

    DataChannelRef m_channel;
    QtRelayPtr m_relay;
    QList<gulong> m_handlers;
    bool m_open = false;
    QQueue<Outgoing> m_outgoing;
    QList<QUuid> m_awaitingAck;
    dc::IncomingDocument m_incoming;
    bool m_receiving = false;
    QTimer m_pumpTimer{this}; // fallback when on-buffered-amount-low is not emitted
};

} // namespace relais::media
