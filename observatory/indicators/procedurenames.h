// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace relais::observatory {

// The French names of the guided procedures and of their steps, read from the kiosk's own
// catalog files (kiosk/data/procedures/, compiled in), so that the dashboard says "Avoir une
// attestation de paiement, étape 3 : …" where the journal says caf-attestation-paiement, 3.
// The kiosk checks those files; here only the names are read. A procedure the files do not
// hold (one delivered by a bundle since) is shown by its id.
class ProcedureNames
{
public:
    static const ProcedureNames &builtIn();

    QString title(const QString &procedure) const;
    // `step` is 1-based, as the journal has it.
    QString step(const QString &procedure, int step) const;

    struct Procedure
    {
        QString id;
        QString agency;
        QString title;
        QStringList steps;
    };
    // Every procedure of the files, by id.
    QList<Procedure> all() const { return m_procedures.values(); }

private:
    QMap<QString, Procedure> m_procedures;
};

} // namespace relais::observatory
