// SPDX-License-Identifier: EUPL-1.2
#pragma once

// The pre-call check: the resident sees her own image and a bar that moves when she speaks,
// before anyone else does. Same sources as the call (camera and microphone, or test sources),
// in a pipeline of its own that is stopped before the call takes the devices.

#include "callconfig.h"
#include "gstref.h"
#include "qtrelay.h"

#include <QImage>
#include <QObject>

namespace relais::media {

class DevicePreview : public QObject
{
    Q_OBJECT
public:
    // ReadCodes: the camera only, and every QR code it sees is read (zbar), for enrollment.
    enum class Purpose { CallCheck, ReadCodes };

    explicit DevicePreview(QObject *parent = nullptr);
    ~DevicePreview() override;

    bool start(const CallConfig &config, Purpose purpose = Purpose::CallCheck);
    void stop();
    bool isRunning() const { return static_cast<bool>(m_pipeline); }
    quint64 frames() const { return m_frames; }

signals:
    void frame(const QImage &image);
    // 0 (silence) to 1 (loud), from the microphone's RMS level ten times a second.
    void level(double level);
    // The text of a QR code (or another barcode) in view, each time it is read.
    void codeRead(const QString &text);
    void errorOccurred(const QString &message);

private:
    static GstFlowReturn onSample(GstElement *sink, gpointer box);
    static GstBusSyncReply onBusMessage(GstBus *bus, GstMessage *message, gpointer box);
    void fail(const QString &message);

    QtRelayPtr m_relay;
    ElementRef m_pipeline;
    quint64 m_frames = 0;
    quint64 m_generation = 0;
};

// Maps an RMS level in dBFS to the 0–1 bar: -60 dB and below is silence, 0 dB is full.
double levelFromDecibels(double rmsDb);

} // namespace relais::media
