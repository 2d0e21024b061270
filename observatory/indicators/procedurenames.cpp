// SPDX-License-Identifier: EUPL-1.2
#include "procedurenames.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace relais::observatory {

const ProcedureNames &ProcedureNames::builtIn()
{
    static const ProcedureNames names = [] {
        ProcedureNames out;
        const QDir directory(QStringLiteral(":/relais/observatory/procedures"));
        for (const QString &name : directory.entryList({QStringLiteral("*.json")}, QDir::Files)) {
            QFile file(directory.filePath(name));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
            const QString agency = root.value(QStringLiteral("agency")).toString();
            for (const QJsonValue &p : root.value(QStringLiteral("procedures")).toArray()) {
                Procedure entry{p[QStringLiteral("id")].toString(),
                                agency,
                                p[QStringLiteral("title")][QStringLiteral("fr")].toString(),
                                {}};
                for (const QJsonValue &s : p[QStringLiteral("steps")].toArray())
                    entry.steps << s[QStringLiteral("text")][QStringLiteral("fr")].toString();
                out.m_procedures.insert(entry.id, entry);
            }
        }
        return out;
    }();
    return names;
}

QString ProcedureNames::title(const QString &procedure) const
{
    const QString title = m_procedures.value(procedure).title;
    return title.isEmpty() ? procedure : title;
}

QString ProcedureNames::step(const QString &procedure, int step) const
{
    const QString text = m_procedures.value(procedure).steps.value(step - 1);
    return text.isEmpty() ? QStringLiteral("Étape %1").arg(step) : text;
}

} // namespace relais::observatory
