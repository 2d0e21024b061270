// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>
#include <QStringList>

namespace relais {

// Residents type as they speak: "impots", "Carte vitale", "l'ANTS". Search compares texts
// folded to lowercase ASCII letters and digits, words split on anything else.
QString foldForSearch(const QString &text);

// The words of a query worth matching: folded, without the little words ("de", "ma", "je"…)
// that would match every procedure.
QStringList searchWords(const QString &query);

} // namespace relais
