// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace relais {

// The command line of relais-kiosk.
struct KioskOptions
{
    QString configFile;    // empty: the demo configuration
    QString dataDirectory; // where the store lives
    bool windowed = false;
    QString screenshotsDirectory;
    bool benchStartup = false;
    bool checkConfigOnly = false;
};

// Returns nullopt and fills `error` (or prints help) when the program should exit.
std::optional<KioskOptions> parseKioskOptions(const QStringList &arguments, QString *error,
                                              int *exitCode);

} // namespace relais
