// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "transport.h"

#include <QDateTime>
#include <QHash>
#include <QString>

namespace relais::hub {

// A video call between one kiosk and one agent, from `take` to `ended`. A side's connection
// is 0 while that side is lost and within its grace period.
struct Call
{
    QString id;
    QString request;
    QString agency;
    QString site;
    QString kioskId;
    QString agentLogin;
    QString agentDisplayName;
    QString procedure; // why she calls, from her request
    QString title;
    ConnectionId kiosk = 0;
    ConnectionId agent = 0;
    QDateTime startedAt;
    // The kiosk offers, the agent answers: an answer is only in order while an offer waits.
    bool offerPending = false;
};

class CallRegistry
{
public:
    Call &add(const Call &call);
    Call *find(const QString &callId);
    void remove(const QString &callId);
    // The call an agent account is in, whichever of its connections took it.
    Call *forAgent(const QString &agency, const QString &login);
    const Call *forAgent(const QString &agency, const QString &login) const;
    qsizetype size() const { return m_calls.size(); }
    QList<QString> ids() const { return m_calls.keys(); }

private:
    QHash<QString, Call> m_calls;
};

} // namespace relais::hub
