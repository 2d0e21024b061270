// SPDX-License-Identifier: EUPL-1.2
#include "journey.h"

namespace relais::journey {

const QStringList &ends()
{
    static const QStringList list = {QStringLiteral("finished"), QStringLiteral("idle"),
                                     QStringLiteral("abandoned")};
    return list;
}

const QStringList &screens()
{
    static const QStringList list = {QStringLiteral("agency"),   QStringLiteral("online"),
                                     QStringLiteral("visio"),    QStringLiteral("print"),
                                     QStringLiteral("mediator"), QStringLiteral("survey"),
                                     QStringLiteral("other")};
    return list;
}

const QStringList &autonomies()
{
    static const QStringList list = {QStringLiteral("guide_alone"), QStringLiteral("mediator"),
                                     QStringLiteral("video_call"), QStringLiteral("none")};
    return list;
}

} // namespace relais::journey
