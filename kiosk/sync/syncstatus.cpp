// SPDX-License-Identifier: EUPL-1.2
#include "syncstatus.h"

#include "syncengine.h"

#include <QLocale>

namespace relais {

QString SyncStatusText::when(const QDateTime &moment, const QDateTime &now)
{
    const QDateTime local = moment.toLocalTime();
    const QTime time = local.time();
    const QString clock =
        time.minute() == 0
            ? tr("%1 h").arg(time.hour())
            : tr("%1 h %2").arg(time.hour()).arg(time.minute(), 2, 10, QLatin1Char('0'));
    const qint64 days = local.date().daysTo(now.toLocalTime().date());
    if (days == 0)
        return tr("aujourd'hui à %1").arg(clock);
    if (days == 1)
        return tr("hier à %1").arg(clock);
    const QLocale locale = QLocale();
    return tr("le %1 à %2").arg(locale.toString(local.date(), tr("d MMMM")), clock);
}

QString SyncStatusText::summary(const SyncSnapshot &s, const QDateTime &now)
{
    if (s.pending == 0 && !s.lastSuccessAt.isEmpty())
        return tr("Tout est envoyé.");
    const QDateTime last = QDateTime::fromString(s.lastSuccessAt, Qt::ISODateWithMs);
    const QString lastSent = last.isValid() ? tr("dernier envoi %1").arg(when(last, now))
                                            : tr("aucun envoi pour l'instant");
    if (s.pending == 0)
        return tr("Rien à envoyer, %1.").arg(lastSent);
    return tr("%n éléments en attente, %1.", nullptr, s.pending).arg(lastSent);
}

QString SyncStatusText::failure(const SyncSnapshot &s)
{
    const QString &code = s.lastFailure;
    if (code.isEmpty())
        return {};
    if (code == QLatin1String(syncfailure::unreachable))
        return tr("L'observatoire ne répond pas : la connexion à internet est peut-être coupée. "
                  "La borne réessaie toute seule.");
    if (code == QLatin1String(syncfailure::timeout))
        return tr("L'observatoire répond trop lentement. La borne réessaie toute seule.");
    if (code == QLatin1String(syncfailure::tlsRefused))
        return tr("La connexion sécurisée avec l'observatoire a échoué (certificat). "
                  "Prévenez l'assistance si cela dure.");
    if (code == QLatin1String(syncfailure::notEnrolled))
        return tr("Cette borne n'est pas encore inscrite auprès de l'observatoire : ouvrez "
                  "« Inscrire cette borne ».");
    if (code == QLatin1String(syncfailure::certificateRefused))
        return tr("L'observatoire ne reconnaît pas le certificat de cette borne : il faut "
                  "l'inscrire de nouveau.");
    if (code == QLatin1String(syncfailure::superseded))
        return tr("Cette borne a été inscrite de nouveau depuis : son certificat n'est plus le "
                  "bon. Inscrivez-la avec un nouveau jeton (« Inscrire cette borne »).");
    if (code == QLatin1String(syncfailure::revoked))
        return tr("L'observatoire a retiré l'accès de cette borne. Prévenez l'assistance.");
    if (code == QLatin1String(syncfailure::serverError))
        return tr("L'observatoire a un problème de son côté. La borne réessaie toute seule.");
    return tr("L'observatoire a donné une réponse incompréhensible. La borne réessaie toute "
              "seule.");
}

QString SyncStatusText::setAside(const SyncSnapshot &s)
{
    if (s.setAside == 0)
        return {};
    return tr("%n éléments refusés par l'observatoire sont gardés sur la borne pour "
              "l'assistance.",
              nullptr, s.setAside);
}

} // namespace relais
