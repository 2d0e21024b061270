// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "syncledger.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace relais {

// The sync's state put in plain words for the mediator: "Tout est envoyé.", "42 éléments en
// attente, dernier envoi hier à 17 h.", and why the last attempt failed.
class SyncStatusText
{
    Q_DECLARE_TR_FUNCTIONS(SyncStatusText)
public:
    static QString summary(const SyncSnapshot &s, const QDateTime &now);
    static QString failure(const SyncSnapshot &s);
    static QString setAside(const SyncSnapshot &s);
    // "aujourd'hui à 9 h 05", "hier à 17 h", "le 3 décembre à 8 h 30", in local time.
    static QString when(const QDateTime &moment, const QDateTime &now);
};

} // namespace relais
