// SPDX-License-Identifier: EUPL-1.2
// The kiosk's sync in a process of its own, for the tests that kill it: it writes journal
// events as the kiosk does (each printed once committed) while the real sync worker sends
// them, and says when the outbox is empty.
//
//   relais-syncdriver --store FILE --url URL --key K --cert C --ca CA --site S
//                     [--write N] [--write-ms MS] [--until-empty] [--poll-ms MS]
//                     [--backoff-ms MS] [--stall-s S] [--heartbeat-s S] [--batch N]
#include "database.h"
#include "identity/kioskidentity.h"
#include "journal.h"
#include "kioskschema.h"
#include "sync/syncservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>

using namespace relais;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QStringList valued = {
        QStringLiteral("store"),       QStringLiteral("url"),        QStringLiteral("data"),
        QStringLiteral("site"),        QStringLiteral("write"),      QStringLiteral("write-ms"),
        QStringLiteral("poll-ms"),     QStringLiteral("backoff-ms"), QStringLiteral("stall-s"),
        QStringLiteral("heartbeat-s"), QStringLiteral("batch")};
    for (const QString &name : valued)
        parser.addOption({name, name, QStringLiteral("value")});
    parser.addOption({QStringLiteral("until-empty"),
                      QStringLiteral("exit once all is sent and a heartbeat delivered")});
    parser.process(app);
    auto number = [&](const char *name, int fallback) {
        const QString value = parser.value(QLatin1String(name));
        return value.isEmpty() ? fallback : value.toInt();
    };

    const QString storePath = parser.value(QStringLiteral("store"));
    const auto database = Database::open(storePath, kioskMigrations());
    const QString site = parser.value(QStringLiteral("site"));
    Journal journal(*database, site);

    SyncSettings settings;
    // The enrolled identity in --data, reached through --url (the test's relay) when given.
    settings.identity =
        ClientIdentity::enrolled(KioskIdentity(parser.value(QStringLiteral("data"))));
    if (parser.isSet(QStringLiteral("url")))
        settings.identity.observatory = QUrl(parser.value(QStringLiteral("url")));
    settings.site = site;
    settings.storePath = storePath;
    settings.dataDirectory = QFileInfo(storePath).absolutePath();
    settings.pollMs = number("poll-ms", 1000);
    settings.heartbeatS = number("heartbeat-s", 300);
    settings.batchSize = number("batch", 500);
    settings.backoff.minimumMs = number("backoff-ms", 60'000);
    settings.backoff.maximumMs = settings.backoff.minimumMs * 8;
    settings.timeouts.connectS = number("stall-s", 15);
    settings.timeouts.stallS = number("stall-s", 30);
    settings.timeouts.totalS = number("stall-s", 30) * 4;

    SyncService sync;
    const int toWrite = number("write", 0);
    int written = 0;
    const bool untilEmpty = parser.isSet(QStringLiteral("until-empty"));
    QObject::connect(&sync, &SyncService::changed, &app, [&] {
        const SyncSnapshot &s = sync.snapshot();
        std::printf("snapshot pending=%lld aside=%lld failure=%s\n",
                    static_cast<long long>(s.pending), static_cast<long long>(s.setAside),
                    qPrintable(s.lastFailure.isEmpty() ? QStringLiteral("-") : s.lastFailure));
        std::fflush(stdout);
        if (untilEmpty && written >= toWrite && s.pending == 0 && s.lastFailure.isEmpty() &&
            !s.lastSuccessAt.isEmpty() && !s.lastHeartbeatAt.isEmpty()) {
            std::printf("empty\n");
            std::fflush(stdout);
            QCoreApplication::exit(0);
        }
    });

    QTimer writer;
    writer.setInterval(number("write-ms", 10));
    QObject::connect(&writer, &QTimer::timeout, &app, [&] {
        if (written >= toWrite) {
            writer.stop();
            return;
        }
        const JournalEvent event = journal.append(QStringLiteral("session_started"),
                                                  {{QStringLiteral("session"), newRecordId()}});
        ++written;
        std::printf("written %s\n", qPrintable(event.id));
        std::fflush(stdout);
        sync.recordsAdded();
    });
    writer.start();
    // As a kiosk whose print desk found its printer and no scanner.
    sync.setPeripherals(QStringLiteral("ok"), QStringLiteral("missing"));
    sync.start(settings);
    return app.exec();
}
