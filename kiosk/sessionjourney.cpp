// SPDX-License-Identifier: EUPL-1.2
#include "sessionjourney.h"

#include "journey.h"

namespace relais {

void SessionJourney::note(const QString &type, const QJsonObject &payload)
{
    if (type == QLatin1String("procedure_opened"))
        m_guided = true;
    else if (type == QLatin1String("guide_help_requested"))
        m_mediator = true;
    // "Demander de l'aide au médiateur" opens this activity, whose screen calls the desk.
    else if (type == QLatin1String("activity_chosen") &&
             payload.value(QStringLiteral("activity")).toString() == QLatin1String("mediator"))
        m_mediator = true;
    // The adviser took the call: what follows happened with her, whatever its end.
    else if (type == QLatin1String("call_started"))
        m_videoCall = true;
}

QJsonObject SessionJourney::ending(SessionMachine::EndReason reason, SessionMachine::State state,
                                   const QString &activity) const
{
    if (reason != SessionMachine::EndReason::Idle || m_endAsked)
        return {{QStringLiteral("end"), QStringLiteral("finished")}};
    if (state != SessionMachine::State::Activity)
        return {{QStringLiteral("end"), QStringLiteral("idle")}};
    return {{QStringLiteral("end"), QStringLiteral("abandoned")},
            {QStringLiteral("screen"),
             journey::screens().contains(activity) ? activity : QStringLiteral("other")}};
}

QString SessionJourney::autonomy() const
{
    if (m_videoCall)
        return QStringLiteral("video_call");
    if (m_mediator)
        return QStringLiteral("mediator");
    if (m_guided)
        return QStringLiteral("guide_alone");
    return QStringLiteral("none");
}

} // namespace relais
