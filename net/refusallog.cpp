// SPDX-License-Identifier: EUPL-1.2
#include "refusallog.h"

#include <QStringList>
#include <QtGlobal>

namespace relais::net {

RefusalLog::RefusalLog(QString server, qint64 windowMs)
    : m_server(std::move(server)), m_windowMs(windowMs)
{
    m_summary.setSingleShot(true);
    QObject::connect(&m_summary, &QTimer::timeout, &m_summary, [this] { flush(); });
}

RefusalLog::~RefusalLog()
{
    flush();
}

void RefusalLog::refused(const QHostAddress &address, const QString &reason)
{
    if (m_window.isValid() && m_window.elapsed() < m_windowMs) {
        ++m_suppressed[reason];
        m_last = address;
        if (!m_summary.isActive())
            m_summary.start(static_cast<int>(m_windowMs - m_window.elapsed()));
        return;
    }
    flush();
    qWarning("%s: connection from %s refused: %s", qPrintable(m_server),
             qPrintable(address.toString()), qPrintable(reason));
    ++m_logged;
    m_window.start();
}

void RefusalLog::flush()
{
    m_summary.stop();
    if (m_suppressed.isEmpty())
        return;
    int total = 0;
    QStringList reasons;
    for (auto it = m_suppressed.cbegin(); it != m_suppressed.cend(); ++it) {
        total += it.value();
        reasons << QStringLiteral("%1: %2").arg(it.key()).arg(it.value());
    }
    qWarning("%s: %d more connection(s) refused in %lld s (%s), the last from %s",
             qPrintable(m_server), total, m_window.elapsed() / 1000,
             qPrintable(reasons.join(QStringLiteral(", "))), qPrintable(m_last.toString()));
    ++m_logged;
    m_suppressed.clear();
    // The summary ends the window: the next refusal is news again.
    m_window.invalidate();
}

} // namespace relais::net
