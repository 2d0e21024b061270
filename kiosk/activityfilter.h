// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QObject>

namespace relais {

class SessionController;

// Watches every input event of the application so that any touch keeps the session alive.
class ActivityFilter : public QObject
{
    Q_OBJECT
public:
    explicit ActivityFilter(SessionController *session, QObject *parent = nullptr);
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    SessionController *m_session;
};

} // namespace relais
