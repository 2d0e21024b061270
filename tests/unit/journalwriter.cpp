// SPDX-License-Identifier: EUPL-1.2
// Appends journal events as fast as it can and prints the number of each event once its
// transaction has committed, until it is killed. Used by tst_journalcrash.
#include "database.h"
#include "journal.h"
#include "kioskschema.h"

#include <QCoreApplication>
#include <QCryptographicHash>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 3)
        return 2;
    const auto db =
        relais::Database::open(QString::fromLocal8Bit(argv[1]), relais::kioskMigrations());
    relais::Journal journal(*db, QStringLiteral("46-crash"));
    const QString writer = QString::fromLocal8Bit(argv[2]);
    for (qint64 n = 0;; ++n) {
        // A payload large enough to span pages, with a digest so a torn record would show.
        const QString body = QString(300 + n % 900, QLatin1Char('a' + n % 26));
        const QString digest = QString::fromLatin1(
            QCryptographicHash::hash(body.toUtf8(), QCryptographicHash::Sha256).toHex());
        journal.append(QStringLiteral("crash_probe"), {{QStringLiteral("writer"), writer},
                                                       {QStringLiteral("n"), n},
                                                       {QStringLiteral("body"), body},
                                                       {QStringLiteral("sha256"), digest}});
        std::printf("%lld\n", static_cast<long long>(n));
        std::fflush(stdout);
    }
}
