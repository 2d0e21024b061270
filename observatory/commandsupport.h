#pragma once

#include "observatoryconfig.h"

#include <QTextStream>

#include <optional>

class QCommandLineParser;

// What relais-observatory and relais-provision share on the command line: exit codes, the
// output streams, and reading --config with a message that names the file and the field.
namespace relais::observatory::cli {

inline constexpr int kOk = 0;
inline constexpr int kFailed = 1; // the store, a certificate or the port is unusable
inline constexpr int kUsage = 2;  // invalid command line or configuration; nothing written

QTextStream &out();
QTextStream &err();

// Empty after printing "<program>: …" on stderr when --config is missing or invalid.
std::optional<ObservatoryConfig> loadConfig(const QCommandLineParser &parser,
                                            const QString &program);

} // namespace relais::observatory::cli
