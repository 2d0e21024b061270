// SPDX-License-Identifier: EUPL-1.2
#include "callwrapup.h"

namespace relais::wrapup {

const QList<Outcome> &outcomes()
{
    static const QList<Outcome> list = {
        {QStringLiteral("resolved"), QStringLiteral("Réglé")},
        {QStringLiteral("recontact"), QStringLiteral("À recontacter")},
        {QStringLiteral("front_desk"), QStringLiteral("Orienté vers l'accueil physique")},
        {QStringLiteral("appointment"), QStringLiteral("Rendez-vous pris")},
        {QStringLiteral("other"), QStringLiteral("Autre")},
    };
    return list;
}

bool isOutcome(const QString &code)
{
    for (const Outcome &outcome : outcomes())
        if (outcome.code == code)
            return true;
    return false;
}

} // namespace relais::wrapup
