// SPDX-License-Identifier: EUPL-1.2
#include "observatorycommand.h"

#include "commandsupport.h"
#include "dashboard/partners.h"
#include "demo/demodata.h"
#include "demo/demosetup.h"
#include "devices/deviceregistry.h"
#include "indicators/opendatareleases.h"
#include "indicators/surveycatalog.h"
#include "jsonfields.h"
#include "observatoryconfig.h"
#include "observatoryserver.h"
#include "passwordprompt.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>

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
           "[--agency ID]... [--territory NAME]...  (password on stdin)\n";
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
    out().flush();
    return QCoreApplication::exec();
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

} // namespace

int runCommandLine(int argc, char **argv)
{
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
        {QStringLiteral("out"), QStringLiteral("The folder to write to."), QStringLiteral("dir")},
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
        {QStringLiteral("login"), QStringLiteral("add-partner: the partner's login."),
         QStringLiteral("login")},
        {QStringLiteral("name"), QStringLiteral("add-partner: the partner's name."),
         QStringLiteral("name")},
        {QStringLiteral("agency"), QStringLiteral("add-partner: an agency it sees (repeatable)."),
         QStringLiteral("id")},
        {QStringLiteral("territory"),
         QStringLiteral("add-partner: a territory it sees (repeatable)."), QStringLiteral("name")},
    });
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral("serve, make-demo-setup, demo-data, open-data or add-partner"));
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
    } catch (const std::exception &e) {
        err() << "relais-observatory: " << e.what() << "\n";
        err().flush();
        return kFailed;
    }
    return usage(QStringLiteral("unknown command \"%1\"").arg(command));
}

} // namespace relais::observatory
