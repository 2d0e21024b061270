// SPDX-License-Identifier: EUPL-1.2
#include "codescanner.h"

#include "devicepreview.h"
#include "devicescan.h"
#include "enrollmentcode.h"
#include "frameview.h"
#include "kiosk.h"

#include <QLoggingCategory>
#include <QThreadPool>

Q_LOGGING_CATEGORY(lcCodeScanner, "relais.visio.codes")

namespace relais {

CodeScanner::CodeScanner(QObject *parent) : QObject(parent)
{
    const Kiosk *kiosk = Kiosk::instance();
    m_camera.testSources = kiosk && kiosk->config().visio && kiosk->config().visio->testSources;
    if (m_camera.testSources) {
        m_cameraPresent = true;
        return;
    }
    // The device monitor blocks for a moment: the page shows at once, the button when known.
    QPointer<CodeScanner> self(this);
    QThreadPool::globalInstance()->start([self] {
        const bool present = DeviceScan::now().camera == QLatin1String("ok");
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, present] {
            if (self && present != self->m_cameraPresent) {
                self->m_cameraPresent = present;
                emit self->changed();
            }
        });
    });
}

CodeScanner::~CodeScanner() = default;

void CodeScanner::setView(FrameView *view)
{
    if (view == m_view)
        return;
    m_view = view;
    emit viewChanged();
}

void CodeScanner::readFromPicture(const QString &path)
{
    m_camera.testSources = true;
    m_camera.testPicture = path;
    m_cameraPresent = true;
    if (m_active) {
        stop();
        start();
    }
    emit changed();
}

void CodeScanner::start()
{
    if (m_active)
        return;
    m_preview = std::make_unique<media::DevicePreview>();
    connect(m_preview.get(), &media::DevicePreview::frame, this, [this](const QImage &frame) {
        if (m_view)
            m_view->setFrame(frame);
    });
    connect(m_preview.get(), &media::DevicePreview::codeRead, this, &CodeScanner::onCode);
    m_problem.clear();
    m_active = m_preview->start(m_camera, media::DevicePreview::Purpose::ReadCodes);
    if (!m_active) {
        m_preview.reset();
        m_problem = QStringLiteral("no_camera");
    }
    emit changed();
}

void CodeScanner::stop()
{
    if (!m_active && !m_preview)
        return;
    m_preview.reset();
    if (m_view)
        m_view->clear();
    m_active = false;
    emit changed();
}

void CodeScanner::onCode(const QString &text)
{
    const auto code = provisioning::parseEnrollmentCode(text);
    if (!code) {
        // The text itself may be anything a camera sees; the log keeps only its length.
        qCInfo(lcCodeScanner) << "a code that is not an enrollment code," << text.size()
                              << "characters";
        m_problem = QStringLiteral("not_enrollment");
        emit changed();
        return;
    }
    stop();
    m_problem.clear();
    emit changed();
    emit read(code->address, code->token);
}

} // namespace relais
