#include "refusallog.h"

#include <QtGlobal>

namespace relais::net {

void RefusalLog::refused(const QHostAddress &address, const char *reason)
{
    if (m_window.isValid() && m_window.elapsed() < m_windowMs) {
        ++m_suppressed;
        return;
    }
    if (m_suppressed > 0)
        qWarning("%s: %d more connections refused in the last %lld s", qPrintable(m_server),
                 m_suppressed, m_window.elapsed() / 1000);
    qWarning("%s: connection from %s refused: %s", qPrintable(m_server),
             qPrintable(address.toString()), reason);
    ++m_logged;
    m_suppressed = 0;
    m_window.start();
}

} // namespace relais::net
