// SPDX-License-Identifier: EUPL-1.2
#include "cornergesture.h"

#include <QMouseEvent>
#include <QTouchEvent>
#include <QWindow>

namespace relais {

CornerGesture::CornerGesture(QObject *parent) : QObject(parent)
{
    m_clock.start();
}

void CornerGesture::press(QPointF position, QSizeF size, qint64 ms)
{
    emit pressed();
    // A touch can arrive twice (as touch, then as the mouse press made from it): one tap.
    if (m_taps > 0 && ms - m_lastMs < 40 && (position - m_lastPosition).manhattanLength() < 4)
        return;
    m_lastMs = ms;
    m_lastPosition = position;
    if (!inCorner(position, size)) {
        m_taps = 0;
        return;
    }
    if (m_taps == 0 || ms - m_firstMs > kWindowMs) {
        m_taps = 0;
        m_firstMs = ms;
    }
    if (++m_taps == kTaps) {
        m_taps = 0;
        emit triggered();
    }
}

bool CornerGesture::inCorner(QPointF position, QSizeF size)
{
    return position.x() >= size.width() - kCornerPixels && position.x() >= 0 &&
           position.y() <= kCornerPixels && position.y() >= 0;
}

bool CornerGesture::eventFilter(QObject *watched, QEvent *event)
{
    // Events reach the window and then its items; look at each press once, at the window.
    auto *window = qobject_cast<QWindow *>(watched);
    if (window &&
        (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::TouchBegin)) {
        const auto *pointer = static_cast<QPointerEvent *>(event);
        if (!pointer->points().isEmpty())
            press(pointer->points().constFirst().scenePosition(), window->size(),
                  m_clock.elapsed());
    }
    return QObject::eventFilter(watched, event);
}

} // namespace relais
