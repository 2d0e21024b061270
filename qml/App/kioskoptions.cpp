// SPDX-License-Identifier: EUPL-1.2
#include "kioskoptions.h"

#include <QCommandLineParser>
#include <QStandardPaths>

namespace relais {

std::optional<KioskOptions> parseKioskOptions(const QStringList &arguments, QString *error,
                                              int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Relais public-service kiosk: guided procedures, video counter, surveys."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption config(QStringList{QStringLiteral("c"), QStringLiteral("config")},
                                    QStringLiteral("Site configuration file (default: the demo)."),
                                    QStringLiteral("file"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Directory of the local store."),
                                     QStringLiteral("dir"));
    const QCommandLineOption windowed(QStringLiteral("windowed"),
                                      QStringLiteral("Run in a window (development)."));
    const QCommandLineOption screenshots(
        QStringLiteral("screenshots"),
        QStringLiteral("Render every screen to PNG files in <dir>, then exit."),
        QStringLiteral("dir"));
    const QCommandLineOption bench(
        QStringLiteral("bench-startup"),
        QStringLiteral("Print startup_ms and rss_peak when the first frame is shown, then exit."));
    const QCommandLineOption check(QStringLiteral("check-config"),
                                   QStringLiteral("Validate the configuration and exit."));
    parser.addOptions({config, dataDir, windowed, screenshots, bench, check});

    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        *exitCode = 2;
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("version"))) {
        *error = parser.isSet(QStringLiteral("help"))
                     ? parser.helpText()
                     : QStringLiteral("relais-kiosk " RELAIS_VERSION);
        *exitCode = 0;
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error =
            QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().first());
        *exitCode = 2;
        return std::nullopt;
    }

    KioskOptions options;
    options.configFile = parser.value(config);
    options.dataDirectory = parser.isSet(dataDir)
                                ? parser.value(dataDir)
                                : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    options.windowed = parser.isSet(windowed);
    options.screenshotsDirectory = parser.value(screenshots);
    options.benchStartup = parser.isSet(bench);
    options.checkConfigOnly = parser.isSet(check);
    return options;
}

} // namespace relais
