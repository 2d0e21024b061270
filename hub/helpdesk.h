// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "transport.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace relais::hub {

// A kiosk's call for the mediator of its site: where and about what, never who.
struct HelpAlert
{
    QString id;
    QString site;
    QString kioskId;
    ConnectionId kiosk = 0;
    QString topic;
    QString agency;
    QString procedure;
    QString title;
    int step = 0;
    QDateTime raisedAt;
    QString takenBy; // the mediator on the way; empty while nobody has answered
};

// The open calls for help of every site. An alert lives as long as the kiosk's connection that
// raised it: the kiosk cancels it when the resident leaves, and a lost kiosk takes it along.
class HelpDesk
{
public:
    const HelpAlert &raise(HelpAlert alert);
    HelpAlert *find(const QString &alertId);
    const HelpAlert *ofKiosk(ConnectionId kiosk) const;
    std::optional<HelpAlert> remove(const QString &alertId);
    // The alerts the connection had raised, now gone.
    QList<HelpAlert> removeKiosk(ConnectionId kiosk);
    // Oldest first.
    QList<HelpAlert> ofSite(const QString &site) const;

private:
    QList<HelpAlert> m_alerts; // in the order raised
};

} // namespace relais::hub
