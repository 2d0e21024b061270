// SPDX-License-Identifier: EUPL-1.2
#include "commandline.h"

#include <QCommandLineParser>

namespace relais::cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

std::optional<int> helpOrVersion(const QCommandLineParser &parser, const char *program)
{
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
    } else if (parser.isSet(QStringLiteral("version"))) {
        out() << program << " " << RELAIS_VERSION << "\n";
    } else {
        return std::nullopt;
    }
    out().flush();
    return kOk;
}

} // namespace relais::cli
