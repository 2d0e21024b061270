// SPDX-License-Identifier: EUPL-1.2
#pragma once

// What the project's command-line tools (relais-hub, relais-observatory, relais-provision)
// share: exit codes, the output streams, and --help / --version.

#include <QTextStream>

#include <optional>

class QCommandLineParser;

namespace relais::cli {

inline constexpr int kOk = 0;
inline constexpr int kFailed = 1; // a store, a certificate or the port is unusable
inline constexpr int kUsage = 2;  // invalid command line or configuration; nothing written

QTextStream &out();
QTextStream &err();

// Prints the help or "<program> <version>" when asked for, and says with which exit code
// to leave; empty when neither was asked for.
std::optional<int> helpOrVersion(const QCommandLineParser &parser, const char *program);

} // namespace relais::cli
