// SPDX-License-Identifier: EUPL-1.2
#include "helpdesk.h"

#include <algorithm>

namespace relais::hub {

const HelpAlert &HelpDesk::raise(HelpAlert alert)
{
    m_alerts.append(std::move(alert));
    return m_alerts.constLast();
}

HelpAlert *HelpDesk::find(const QString &alertId)
{
    const auto it = std::find_if(m_alerts.begin(), m_alerts.end(),
                                 [&](const HelpAlert &a) { return a.id == alertId; });
    return it == m_alerts.end() ? nullptr : &*it;
}

const HelpAlert *HelpDesk::ofKiosk(ConnectionId kiosk) const
{
    const auto it = std::find_if(m_alerts.cbegin(), m_alerts.cend(),
                                 [&](const HelpAlert &a) { return a.kiosk == kiosk; });
    return it == m_alerts.cend() ? nullptr : &*it;
}

std::optional<HelpAlert> HelpDesk::remove(const QString &alertId)
{
    const auto it = std::find_if(m_alerts.begin(), m_alerts.end(),
                                 [&](const HelpAlert &a) { return a.id == alertId; });
    if (it == m_alerts.end())
        return std::nullopt;
    HelpAlert gone = *it;
    m_alerts.erase(it);
    return gone;
}

QList<HelpAlert> HelpDesk::removeKiosk(ConnectionId kiosk)
{
    QList<HelpAlert> gone;
    m_alerts.removeIf([&](const HelpAlert &a) {
        if (a.kiosk != kiosk)
            return false;
        gone.append(a);
        return true;
    });
    return gone;
}

QList<HelpAlert> HelpDesk::ofSite(const QString &site) const
{
    QList<HelpAlert> alerts;
    std::copy_if(m_alerts.cbegin(), m_alerts.cend(), std::back_inserter(alerts),
                 [&](const HelpAlert &a) { return a.site == site; });
    return alerts;
}

} // namespace relais::hub
