// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QFile>
#include <QList>

namespace relais::test {

// A running process's resident set (VmRSS), in kB; -1 when it cannot be read. The tests that
// throw oversized or unread traffic at a server check with it that the server did not buffer it.
inline qint64 residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace relais::test
