// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "callconfig.h"
#include "frameview.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>

#include <memory>

namespace relais {

namespace media {
class DevicePreview;
}

// The camera reading the administrator's QR code for "Inscrire cette borne": the picture in a
// FrameView so that the mediator can aim, and the observatory's address and token once a
// Relais enrollment code is seen. Another code in view is said, and the reading goes on.
class CodeScanner : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    // Whether the kiosk has a camera at all (checked once, off the interface's thread).
    Q_PROPERTY(bool cameraPresent READ cameraPresent NOTIFY changed)
    Q_PROPERTY(bool active READ active NOTIFY changed)
    // "" while all is well; "no_camera" (it would not start), "not_enrollment" (another code).
    Q_PROPERTY(QString problem READ problem NOTIFY changed)
    Q_PROPERTY(relais::FrameView *view READ view WRITE setView NOTIFY viewChanged)

public:
    explicit CodeScanner(QObject *parent = nullptr);
    ~CodeScanner() override;

    bool cameraPresent() const { return m_cameraPresent; }
    bool active() const { return m_active; }
    QString problem() const { return m_problem; }
    FrameView *view() const { return m_view; }
    void setView(FrameView *view);
    // The camera replaced by a still picture (a QR code made by qrencode): for trying the
    // page without a paper, as the tests do. Takes effect at once when reading.
    Q_INVOKABLE void readFromPicture(const QString &path);
    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();

signals:
    void changed();
    void viewChanged();
    void read(const QString &address, const QString &token);

private:
    void onCode(const QString &text);

    media::CallConfig m_camera;
    std::unique_ptr<media::DevicePreview> m_preview;
    QPointer<FrameView> m_view;
    bool m_cameraPresent = false;
    bool m_active = false;
    QString m_problem;
};

} // namespace relais
