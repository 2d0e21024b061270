// SPDX-License-Identifier: EUPL-1.2
#include "activityfilter.h"

#include "sessioncontroller.h"

#include <QEvent>
#include <QWindow>

namespace relais {

ActivityFilter::ActivityFilter(SessionController *session, QObject *parent)
    : QObject(parent), m_session(session)
{}

bool ActivityFilter::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
    case QEvent::KeyPress:
    case QEvent::Wheel:
        // Events reach the window and then its items; count each input once, at the window.
        if (qobject_cast<QWindow *>(watched))
            m_session->userActivity();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace relais
