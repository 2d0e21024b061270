// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "commandline.h"
#include "observatoryconfig.h"

#include <optional>

class QCommandLineParser;

// What relais-observatory and relais-provision share on the command line besides
// relais::cli: reading --config with a message that names the file and the field.
namespace relais::observatory::cli {

using namespace relais::cli;

// Empty after printing "<program>: …" on stderr when --config is missing or invalid.
std::optional<ObservatoryConfig> loadConfig(const QCommandLineParser &parser,
                                            const QString &program);

} // namespace relais::observatory::cli
