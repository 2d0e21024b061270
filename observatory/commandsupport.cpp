// SPDX-License-Identifier: EUPL-1.2
#include "commandsupport.h"

#include "jsonfields.h"

#include <QCommandLineParser>

namespace relais::observatory::cli {

std::optional<ObservatoryConfig> loadConfig(const QCommandLineParser &parser,
                                            const QString &program)
{
    const QString path = parser.value(QStringLiteral("config"));
    if (path.isEmpty()) {
        err() << program << ": --config FILE (the observatory's configuration) is required\n";
        err().flush();
        return std::nullopt;
    }
    try {
        return loadObservatoryConfig(path);
    } catch (const json::FieldError &e) {
        err() << program << ": invalid configuration: " << path << ": "
              << (e.field.isEmpty() ? QStringLiteral("the file")
                                    : QStringLiteral("field \"%1\"").arg(e.field))
              << " " << e.problem << "\n";
        err().flush();
        return std::nullopt;
    }
}

} // namespace relais::observatory::cli
