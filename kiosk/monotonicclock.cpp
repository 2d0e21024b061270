// SPDX-License-Identifier: EUPL-1.2
#include "monotonicclock.h"

#include <QFile>
#include <QUuid>

#include <time.h>

namespace relais {

namespace {

QString readBootId()
{
    QFile file(QStringLiteral("/proc/sys/kernel/random/boot_id"));
    if (file.open(QIODevice::ReadOnly)) {
        const QString id = QString::fromLatin1(file.readAll()).trimmed();
        if (!id.isEmpty())
            return id;
    }
    // Without /proc the readings still order correctly within this process.
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

MonotonicTime monotonicNow()
{
    static const QString bootId = readBootId();
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return {bootId, static_cast<qint64>(now.tv_sec) * 1000 + now.tv_nsec / 1000000};
}

} // namespace relais
