// SPDX-License-Identifier: EUPL-1.2
#include "observatorycommand.h"

#include "commandsupport.h"
#include "dashboard/apitokens.h"
#include "dashboard/partners.h"
#include "databasebackup.h"
#include "demo/demodata.h"
#include "demo/demosetup.h"
#include "devices/deviceregistry.h"
#include "indicators/opendatareleases.h"
#include "indicators/surveycatalog.h"
#include "journallog.h"
#include "jsonfields.h"
#include "observatoryconfig.h"
#include "observatoryserver.h"
#include "passwordprompt.h"
#include "servicerun.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <optional>

namespace relais::observatory {

namespace {

using namespace cli;

std::optional<ObservatoryConfig> config(const QCommandLineParser &parser)
{
    return loadConfig(parser, QStringLiteral("relais-observatory"));
}

int usage(const QString &problem)
{
    err()
        << "relais-observatory: " << problem << "\n"
        << "usage: relais-observatory serve --config FILE\n"
        << "       relais-observatory --check-config --config FILE\n"
        << "       relais-observatory make-demo-setup --out DIR [--port N] [--database URL]\n"
        << "       relais-observatory demo-data --config FILE [--sites N] [--weeks N] [--seed N]\n"
        << "       relais-observatory open-data --config FILE --out DIR\n"
        << "       relais-observatory add-partner --config FILE --login LOGIN --name NAME "
           "[--agency ID]... [--territory NAME]...  (password on stdin)\n"
        << "       relais-observatory backup --config FILE --out FILE\n"
        << "       relais-observatory restore --config FILE --from FILE\n"
        << "       relais-observatory list-partners --config FILE\n"
        << "       relais-observatory disable-partner|enable-partner|remove-partner --config FILE "
           "--login LOGIN\n"
        << "       relais-observatory add-api-token --config FILE --partner LOGIN [--label TEXT] "
           "[--expires-days N]\n"
        << "       relais-observatory list-api-tokens --config FILE\n"
        << "       relais-observatory revoke-api-token --config FILE --id ID\n";
    err().flush();
    return kUsage;
}

int serve(const QCommandLineParser &parser)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    ObservatoryServer server(*loaded);
    QString error;
    if (!server.start(&error)) {
        err() << "relais-observatory: cannot start: " << error << "\n";
        err().flush();
        return kFailed;
    }
    out() << "relais-observatory: listening on " << server.url() << "\n";
    if (!server.operationsUrl().isEmpty())
        out() << "relais-observatory: operations on " << server.operationsUrl() << "\n";
    out().flush();
    return runService({QStringLiteral("relais-observatory"), [&server] { server.reload(); },
                       [&server](std::function<void()> done) { server.stop(std::move(done)); }});
}

int makeDemoSetupCommand(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("out")))
        return usage(QStringLiteral("make-demo-setup needs --out DIR"));
    bool ok = true;
    const int port = parser.isSet(QStringLiteral("port"))
                         ? parser.value(QStringLiteral("port")).toInt(&ok)
                         : 8444;
    if (!ok || port < 0 || port > 65535)
        return usage(QStringLiteral("--port must be 0 to 65535"));
    try {
        const QString path =
            makeDemoSetup(parser.value(QStringLiteral("out")), static_cast<quint16>(port),
                          parser.value(QStringLiteral("database")));
        out() << path << "\n";
        out().flush();
        return kOk;
    } catch (const std::exception &e) {
        err() << "relais-observatory: " << e.what() << "\n";
        err().flush();
        return kFailed;
    }
}

// Opens the configured store with the configured sites in it; throws.
std::unique_ptr<Store> openStore(const ObservatoryConfig &config)
{
    std::unique_ptr<Store> store = Store::open(config.database);
    if (!config.sites.isEmpty())
        DeviceRegistry(*store).putSites(config.sites);
    return store;
}

int number(const QCommandLineParser &parser, const QString &name, int fallback, int min, int max,
           bool *ok)
{
    if (!parser.isSet(name))
        return fallback;
    const int value = parser.value(name).toInt(ok);
    *ok = *ok && value >= min && value <= max;
    return value;
}

int demoData(const QCommandLineParser &parser)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    DemoOptions options;
    bool ok = true;
    options.sites = number(parser, QStringLiteral("sites"), options.sites, 1, 5000, &ok);
    options.weeks = number(parser, QStringLiteral("weeks"), options.weeks, 1, 520, &ok);
    options.seed =
        quint32(number(parser, QStringLiteral("seed"), int(options.seed), 0, 1 << 30, &ok));
    if (!ok)
        return usage(QStringLiteral("--sites is 1-5000, --weeks 1-520, --seed a number"));
    auto store = openStore(*loaded);
    SurveyCatalog surveys(*store, loaded->bundlesDirectory);
    const DemoSummary summary = fillDemoData(*store, surveys, options);
    // The demo's partners: the whole territory, one agency, one territory.
    Partners partners(*store);
    partners.put({QStringLiteral("lot"), QStringLiteral("Observatoire du Lot"), {}, {}},
                 "relais-demo");
    partners.put({QStringLiteral("carsat"),
                  QStringLiteral("CARSAT Midi-Pyrénées"),
                  {QStringLiteral("carsat")},
                  {}},
                 "relais-demo");
    partners.put({QStringLiteral("bouriane"),
                  QStringLiteral("Communauté de communes Quercy-Bouriane"),
                  {},
                  {QStringLiteral("Bouriane")}},
                 "relais-demo");
    out() << "relais-observatory: " << summary.records << " records for " << summary.sites
          << " sites, " << summary.fromWeek << " to " << summary.toWeek
          << "; partners lot, carsat and bouriane (password relais-demo)\n";
    out().flush();
    return kOk;
}

int openData(const QCommandLineParser &parser)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    if (!parser.isSet(QStringLiteral("out")))
        return usage(QStringLiteral("open-data needs --out DIR"));
    auto store = openStore(*loaded);
    const SurveyCatalog surveys(*store, loaded->bundlesDirectory);
    // The same releases as /open-data/ serves: each release in its folder, the newest one's
    // files also at the top.
    OpenDataReleases published(*store, surveys);
    published.publishDue(QDateTime::currentDateTimeUtc());
    const QList<OpenDataRelease> releases = published.releases();
    const QDir outDir(parser.value(QStringLiteral("out")));
    for (const OpenDataRelease &release : releases) {
        QList<OpenDataFile> files;
        for (const QString &name : release.names)
            files << *published.file(release.id, name);
        writeOpenData(files, outDir.filePath(release.id));
        if (release.id == releases.first().id)
            writeOpenData(files, outDir.path());
    }
    out() << "relais-observatory: " << (releases.isEmpty() ? 0 : releases.first().names.size())
          << " open-data files in " << outDir.path() << " (newest release "
          << (releases.isEmpty() ? QStringLiteral("none") : releases.first().id) << ", "
          << releases.size() << " releases)\n";
    out().flush();
    return kOk;
}

int addPartner(const QCommandLineParser &parser)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    const QString login = parser.value(QStringLiteral("login"));
    const QString name = parser.value(QStringLiteral("name"));
    if (!json::isIdentifier(login) || name.trimmed().isEmpty())
        return usage(QStringLiteral("add-partner needs --login (lowercase letters, digits, '-') "
                                    "and --name"));
    const QByteArray password = provisioning::readPassword();
    if (password.size() < 8)
        return usage(QStringLiteral("the password must have 8 characters or more"));
    auto store = openStore(*loaded);
    Partners(*store).put({login, name, parser.values(QStringLiteral("agency")),
                          parser.values(QStringLiteral("territory"))},
                         password);
    out() << "relais-observatory: partner " << login << " saved\n";
    out().flush();
    return kOk;
}

int listPartners(const QCommandLineParser &parser)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    auto store = openStore(*loaded);
    // One line per partner, tab-separated: login, name, agencies, territories (comma-separated,
    // "all" when unlimited), state and since when disabled.
    out() << "login\tname\tagencies\tterritories\tstate\n";
    const auto scope = [](const QStringList &values) {
        return values.isEmpty() ? QStringLiteral("all") : values.join(u',');
    };
    for (const Partner &partner : Partners(*store).all()) {
        out() << partner.login << '\t' << partner.name << '\t' << scope(partner.agencies) << '\t'
              << scope(partner.territories) << '\t'
              << (partner.disabledAt.isValid()
                      ? QStringLiteral("disabled since ") + partner.disabledAt.toString(Qt::ISODate)
                      : QStringLiteral("enabled"))
              << '\n';
    }
    out().flush();
    return kOk;
}

// disable-partner, enable-partner, remove-partner: a disabled or removed partner's sessions end
// with the command, so the running observatory refuses its next request.
int changePartner(const QCommandLineParser &parser, const QString &command)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    const QString login = parser.value(QStringLiteral("login"));
    if (!parser.isSet(QStringLiteral("login")) || parser.isSet(QStringLiteral("name")) ||
        parser.isSet(QStringLiteral("agency")) || parser.isSet(QStringLiteral("territory")))
        return usage(QStringLiteral("%1 takes --config and --login only").arg(command));
    auto store = openStore(*loaded);
    Partners partners(*store);
    const bool found =
        command == QLatin1String("remove-partner")
            ? partners.remove(login)
            : partners.setDisabled(login, command == QLatin1String("disable-partner"),
                                   QDateTime::currentDateTimeUtc());
    if (!found) {
        err() << "relais-observatory: there is no partner " << login
              << " (relais-observatory list-partners lists them)\n";
        err().flush();
        return kFailed;
    }
    const char *done = command == QLatin1String("remove-partner")    ? "removed"
                       : command == QLatin1String("disable-partner") ? "disabled"
                                                                     : "enabled";
    out() << "relais-observatory: partner " << login << ' ' << done << "\n";
    out().flush();
    return kOk;
}

// The secret is printed here only: the store keeps its hash.
int addApiToken(const QCommandLineParser &parser)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    bool ok = true;
    const int days = number(parser, QStringLiteral("expires-days"), ApiTokens::kDefaultDays, 1,
                            ApiTokens::kMaxDays, &ok);
    const QString label = parser.value(QStringLiteral("label"));
    // One line of list-api-tokens per token: no tab or line break in the label.
    static const QRegularExpression control(QStringLiteral("[\\x00-\\x1f\\x7f]"));
    if (!parser.isSet(QStringLiteral("partner")) || !ok || label.size() > 200 ||
        label.contains(control))
        return usage(QStringLiteral("add-api-token needs --partner LOGIN; --expires-days is 1-%1, "
                                    "--label one line of 200 characters at most")
                         .arg(ApiTokens::kMaxDays));
    const QString login = parser.value(QStringLiteral("partner"));
    auto store = openStore(*loaded);
    const auto issued =
        ApiTokens(*store).issue(login, label, days, QDateTime::currentDateTimeUtc());
    if (!issued) {
        err() << "relais-observatory: there is no enabled partner " << login
              << " (relais-observatory list-partners lists them)\n";
        err().flush();
        return kFailed;
    }
    out() << "relais-observatory: API token " << issued->id << " for partner " << login
          << ", valid until " << issued->expiresAt.toString(Qt::ISODate)
          << "; give it to the partner now, it is not shown again\n"
          << "token: " << issued->secret << "\n";
    out().flush();
    return kOk;
}

int listApiTokens(const QCommandLineParser &parser)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    auto store = openStore(*loaded);
    const auto date = [](const QDateTime &time) {
        return time.isValid() ? time.toString(Qt::ISODate) : QStringLiteral("never");
    };
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // One line per token, tab-separated; never the secret, which the store does not hold.
    out() << "id\tpartner\tlabel\tcreated\texpires\tlast used\tstate\n";
    for (const ApiToken &token : ApiTokens(*store).all()) {
        const QString state = token.revokedAt.isValid()
                                  ? QStringLiteral("revoked since ") + date(token.revokedAt)
                              : token.expiresAt <= now ? QStringLiteral("expired")
                                                       : QStringLiteral("active");
        out() << token.id << '\t' << token.login << '\t' << token.label << '\t'
              << date(token.createdAt) << '\t' << date(token.expiresAt) << '\t'
              << date(token.lastUsedAt) << '\t' << state << '\n';
    }
    out().flush();
    return kOk;
}

// The running observatory refuses the token at its next request.
int revokeApiToken(const QCommandLineParser &parser)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    const QString id = parser.value(QStringLiteral("id"));
    if (id.isEmpty())
        return usage(QStringLiteral("revoke-api-token needs --id ID (list-api-tokens lists them)"));
    auto store = openStore(*loaded);
    if (!ApiTokens(*store).revoke(id, QDateTime::currentDateTimeUtc())) {
        err() << "relais-observatory: there is no active API token " << id
              << " (relais-observatory list-api-tokens lists them)\n";
        err().flush();
        return kFailed;
    }
    out() << "relais-observatory: API token " << id << " revoked\n";
    out().flush();
    return kOk;
}

// backup and restore work on a SQLite store only; PostgreSQL has its own tools, which the README
// gives as a procedure.
bool sqliteOnly(const ObservatoryConfig &config, const QString &command)
{
    if (!config.database.startsWith(QLatin1String("postgresql://")))
        return true;
    err() << "relais-observatory: " << command
          << " works on a SQLite store; this one is PostgreSQL: use pg_dump and pg_restore as "
             "the README says (\"Backup and restore\")\n";
    err().flush();
    return false;
}

int backup(const QCommandLineParser &parser)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    if (!parser.isSet(QStringLiteral("out")))
        return usage(QStringLiteral("backup needs --out FILE"));
    if (!sqliteOnly(*loaded, QStringLiteral("backup")))
        return kUsage;
    const QString to = parser.value(QStringLiteral("out"));
    const BackupReport report = backupDatabase(loaded->database, to);
    out() << "relais-observatory: " << loaded->database << " backed up to " << to << " (integrity "
          << report.integrity << ")\n";
    out().flush();
    return kOk;
}

int restore(const QCommandLineParser &parser)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    if (!parser.isSet(QStringLiteral("from")))
        return usage(QStringLiteral("restore needs --from FILE"));
    if (!sqliteOnly(*loaded, QStringLiteral("restore")))
        return kUsage;
    const QString from = parser.value(QStringLiteral("from"));
    restoreDatabase(from, loaded->database);
    // Opened as the server opens it: a backup from a newer program is refused (and removed
    // again), an older one brought up to date.
    int version = 0;
    try {
        version = Store::open(loaded->database)->schemaVersion();
    } catch (...) {
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(loaded->database + QLatin1String(suffix));
        throw;
    }
    out() << "relais-observatory: " << from << " restored as " << loaded->database
          << " (integrity ok, schema version " << version << ")\n";
    out().flush();
    return kOk;
}

} // namespace

int runCommandLine(int argc, char **argv)
{
    installJournalLevels();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("relais-observatory"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RELAIS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Relais observatory: kiosk enrollment and ingest, indicators, dashboard, open data."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("config"), QStringLiteral("The observatory configuration (JSON)."),
         QStringLiteral("file")},
        {QStringLiteral("check-config"),
         QStringLiteral("Validate the configuration and exit (0 valid, 2 invalid).")},
        {QStringLiteral("out"),
         QStringLiteral("The folder to write to; backup: the file to write."),
         QStringLiteral("dir")},
        {QStringLiteral("from"), QStringLiteral("restore: the backup file."),
         QStringLiteral("file")},
        {QStringLiteral("port"), QStringLiteral("make-demo-setup: the port to listen on."),
         QStringLiteral("n")},
        {QStringLiteral("database"),
         QStringLiteral("make-demo-setup: a postgresql:// URL instead of a SQLite file."),
         QStringLiteral("url")},
        {QStringLiteral("sites"), QStringLiteral("demo-data: how many sites."),
         QStringLiteral("n")},
        {QStringLiteral("weeks"), QStringLiteral("demo-data: how many weeks."),
         QStringLiteral("n")},
        {QStringLiteral("seed"), QStringLiteral("demo-data: the random seed."),
         QStringLiteral("n")},
        {QStringLiteral("login"),
         QStringLiteral("add-partner and the other partner commands: the "
                        "partner's login."),
         QStringLiteral("login")},
        {QStringLiteral("name"), QStringLiteral("add-partner: the partner's name."),
         QStringLiteral("name")},
        {QStringLiteral("agency"), QStringLiteral("add-partner: an agency it sees (repeatable)."),
         QStringLiteral("id")},
        {QStringLiteral("territory"),
         QStringLiteral("add-partner: a territory it sees (repeatable)."), QStringLiteral("name")},
        {QStringLiteral("partner"), QStringLiteral("add-api-token: the partner's login."),
         QStringLiteral("login")},
        {QStringLiteral("label"),
         QStringLiteral("add-api-token: what the token is for (the partner's program)."),
         QStringLiteral("text")},
        {QStringLiteral("expires-days"),
         QStringLiteral("add-api-token: days until it expires (default 365)."),
         QStringLiteral("n")},
        {QStringLiteral("id"), QStringLiteral("revoke-api-token: the token's id."),
         QStringLiteral("id")},
    });
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral("serve, make-demo-setup, demo-data, open-data, backup, restore, "
                       "add-partner, list-partners, disable-partner, enable-partner, "
                       "remove-partner, add-api-token, list-api-tokens or revoke-api-token"));
    if (!parser.parse(QCoreApplication::arguments()))
        return usage(parser.errorText());
    if (const auto done = helpOrVersion(parser, "relais-observatory"))
        return *done;
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("check-config"))) {
        if (!positional.isEmpty())
            return usage(QStringLiteral("--check-config takes no command"));
        const auto loaded = config(parser);
        if (!loaded)
            return kUsage;
        out() << "relais-observatory: " << loaded->path << " is valid\n";
        out().flush();
        return kOk;
    }
    if (positional.size() != 1)
        return usage(QStringLiteral("expected one command"));
    const QString command = positional.first();
    if (command == QLatin1String("serve"))
        return serve(parser);
    if (command == QLatin1String("make-demo-setup"))
        return makeDemoSetupCommand(parser);
    try {
        if (command == QLatin1String("demo-data"))
            return demoData(parser);
        if (command == QLatin1String("open-data"))
            return openData(parser);
        if (command == QLatin1String("add-partner"))
            return addPartner(parser);
        if (command == QLatin1String("backup"))
            return backup(parser);
        if (command == QLatin1String("restore"))
            return restore(parser);
        if (command == QLatin1String("list-partners"))
            return listPartners(parser);
        if (command == QLatin1String("disable-partner") ||
            command == QLatin1String("enable-partner") ||
            command == QLatin1String("remove-partner"))
            return changePartner(parser, command);
        if (command == QLatin1String("add-api-token"))
            return addApiToken(parser);
        if (command == QLatin1String("list-api-tokens"))
            return listApiTokens(parser);
        if (command == QLatin1String("revoke-api-token"))
            return revokeApiToken(parser);
    } catch (const std::exception &e) {
        err() << "relais-observatory: " << e.what() << "\n";
        err().flush();
        return kFailed;
    }
    return usage(QStringLiteral("unknown command \"%1\"").arg(command));
}

} // namespace relais::observatory
