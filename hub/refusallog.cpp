#include "refusallog.h"

#include "hublog.h"

#include <QStringList>

namespace relais::hub {

RefusalLog::RefusalLog(int intervalMs, QObject *parent) : QObject(parent), m_intervalMs(intervalMs)
{
    m_flush.setSingleShot(true);
    connect(&m_flush, &QTimer::timeout, this, &RefusalLog::flush);
}

RefusalLog::~RefusalLog()
{
    flush();
}

void RefusalLog::note(const QHostAddress &address, const QString &reason)
{
    ++m_pending[reason];
    m_last = address;
    if (!m_sinceLine.isValid() || m_sinceLine.elapsed() >= m_intervalMs)
        flush();
    else if (!m_flush.isActive())
        m_flush.start(static_cast<int>(m_intervalMs - m_sinceLine.elapsed()));
}

void RefusalLog::flush()
{
    if (m_pending.isEmpty())
        return;
    int total = 0;
    QStringList reasons;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        total += it.value();
        reasons << QStringLiteral("%1: %2").arg(it.key()).arg(it.value());
    }
    qCWarning(lcHubServer).noquote()
        << QStringLiteral("refused %1 connection(s) (%2), the last from %3")
               .arg(total)
               .arg(reasons.join(QStringLiteral(", ")), m_last.toString());
    m_pending.clear();
    m_sinceLine.restart();
}

} // namespace relais::hub
