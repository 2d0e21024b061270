// SPDX-License-Identifier: EUPL-1.2
#include "heartbeat.h"

#include <QFile>
#include <QStorageInfo>

#include <algorithm>

namespace relais {

void HeartbeatFacts::readMachine(const QString &dataDirectory)
{
    const QStorageInfo storage(dataDirectory);
    if (storage.isValid())
        diskFreeMb = storage.bytesAvailable() / (1024 * 1024);
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (meminfo.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> lines = meminfo.readAll().split('\n');
        for (const QByteArray &line : lines) {
            if (line.startsWith("MemAvailable:")) {
                memoryAvailableMb = line.mid(13).trimmed().split(' ').value(0).toLongLong() / 1024;
                break;
            }
        }
    }
}

QJsonObject HeartbeatFacts::body() const
{
    auto timeOrNull = [](const QString &iso) {
        const QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
        return time.isValid()
                   ? QJsonValue(time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")))
                   : QJsonValue(QJsonValue::Null);
    };
    QJsonObject body{
        {QStringLiteral("app_version"), appVersion.left(40)},
        {QStringLiteral("uptime_s"), std::clamp<qint64>(uptimeS, 0, 2'000'000'000)},
        {QStringLiteral("outbox_depth"), std::clamp<qint64>(sync.pending, 0, 10'000'000)},
        {QStringLiteral("set_aside"), std::clamp<qint64>(sync.setAside, 0, 10'000'000)},
        {QStringLiteral("oldest_unsent"), timeOrNull(sync.oldestPending)},
        {QStringLiteral("last_sync"), timeOrNull(sync.lastSuccessAt)},
        {QStringLiteral("peripherals"), QJsonObject{{QStringLiteral("camera"), camera},
                                                    {QStringLiteral("microphone"), microphone},
                                                    {QStringLiteral("printer"), printer},
                                                    {QStringLiteral("scanner"), scanner}}},
    };
    if (diskFreeMb >= 0)
        body.insert(QStringLiteral("disk_free_mb"), std::min<qint64>(diskFreeMb, 1'000'000'000));
    if (memoryAvailableMb >= 0)
        body.insert(QStringLiteral("memory_available_mb"),
                    std::min<qint64>(memoryAvailableMb, 1'000'000'000));
    if (!bundle.isEmpty()) {
        QJsonObject status = bundle;
        // The API takes a detail only when there is something to say (a refusal's reason).
        const QString detail = status.value(QStringLiteral("detail")).toString().left(500);
        if (detail.isEmpty())
            status.remove(QStringLiteral("detail"));
        else
            status.insert(QStringLiteral("detail"), detail);
        body.insert(QStringLiteral("bundle"), status);
    }
    return body;
}

} // namespace relais
