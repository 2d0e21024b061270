// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QtGlobal>

namespace relais {

// When standard error is the journal (systemd sets JOURNAL_STREAM to its device and inode),
// every Qt log line is prefixed with its syslog level (<3> critical, <4> warning, <6> info,
// <7> debug), so that `journalctl -p warning` shows the warnings and errors alone. Anywhere
// else Qt's own output is left as it is. Call once, first thing in main().
void installJournalLevels();

// The syslog level a Qt message type is logged at.
int syslogLevel(QtMsgType type);

} // namespace relais
