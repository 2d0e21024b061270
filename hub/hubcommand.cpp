// SPDX-License-Identifier: EUPL-1.2
#include "hubcommand.h"

#include "commandline.h"
#include "database.h"
#include "databasebackup.h"
#include "democert.h"
#include "hubconfig.h"
#include "hubserver.h"
#include "hubstore.h"
#include "journallog.h"
#include "passwordhash.h"
#include "passwordprompt.h"
#include "protocol.h"
#include "servicerun.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QTextStream>

#include <algorithm>

namespace relais::hub {

using provisioning::DemoCertificate;
using provisioning::hashPassword;
using provisioning::makeDemoCertificate;
using provisioning::readPassword;

namespace {

using namespace relais::cli;

int usage(const QString &problem)
{
    err() << "relais-hub: " << problem << "\n"
          << "usage: relais-hub serve --config FILE\n"
          << "       relais-hub --check-config --config FILE\n"
          << "       relais-hub add-agent --config FILE --agency ID --login LOGIN "
             "--display-name NAME [--supervisor]  (password on stdin)\n"
          << "       relais-hub add-mediator --config FILE --site ID --login LOGIN "
             "--display-name NAME  (password on stdin)\n"
          << "       relais-hub backup --config FILE --out FILE\n"
          << "       relais-hub restore --config FILE --from FILE\n"
          << "       relais-hub list-accounts --config FILE\n"
          << "       relais-hub disable-account|enable-account|remove-account --config FILE "
             "(--agency ID | --site ID) --login LOGIN\n"
          << "       relais-hub make-demo-cert --out DIR\n";
    err().flush();
    return kUsage;
}

std::optional<HubConfig> config(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("config"))) {
        usage(QStringLiteral("--config FILE is required"));
        return std::nullopt;
    }
    try {
        return loadHubConfig(parser.value(QStringLiteral("config")));
    } catch (const ConfigError &error) {
        err() << "relais-hub: invalid configuration: " << error.message << "\n";
        err().flush();
        return std::nullopt;
    }
}

int serve(const QCommandLineParser &parser)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    HubServer server(*loaded);
    QString error;
    if (!server.start(&error)) {
        err() << "relais-hub: " << error << "\n";
        err().flush();
        return kFailed;
    }
    // On stdout, so that a supervisor or a test can learn the port chosen for port 0.
    out() << "relais-hub: listening on " << server.url() << "\n";
    if (!server.browserUrl().isEmpty())
        out() << "relais-hub: browsers' WebSocket on " << server.browserUrl() << "\n";
    if (!server.consoleUrl().isEmpty())
        out() << "relais-hub: agents' console on " << server.consoleUrl() << "\n";
    if (!server.operationsUrl().isEmpty())
        out() << "relais-hub: operations on " << server.operationsUrl() << "\n";
    out().flush();
    return runService({QStringLiteral("relais-hub"), [&server] { server.reload(); },
                       [&server](std::function<void()> done) { server.stop(std::move(done)); }});
}

// add-agent and add-mediator: the same account, scoped by an agency or by a site.
int addAccount(const QCommandLineParser &parser, AccountKind kind)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    const bool agent = kind == AccountKind::Agent;
    const QString scope = parser.value(agent ? QStringLiteral("agency") : QStringLiteral("site"));
    const QString login = parser.value(QStringLiteral("login"));
    const QString displayName = parser.value(QStringLiteral("display-name")).trimmed();
    if (agent && !loaded->servesAgency(scope))
        return usage(
            QStringLiteral("--agency \"%1\" is not served by any counter of %2 "
                           "(known: %3)")
                .arg(scope, loaded->fileName, loaded->agencies().join(QStringLiteral(", "))));
    if (!agent && !loaded->site(scope)) {
        QStringList known;
        for (const Site &site : loaded->sites)
            known.append(site.id);
        return usage(QStringLiteral("--site \"%1\" is not a site of %2 (known: %3)")
                         .arg(scope, loaded->fileName, known.join(QStringLiteral(", "))));
    }
    if (!isLogin(login))
        return usage(QStringLiteral("--login must be 1 to 64 lowercase letters, digits, '.', '_' "
                                    "or '-', starting with a letter or digit"));
    if (displayName.isEmpty() || displayName.size() > 80)
        return usage(QStringLiteral("--display-name must be 1 to 80 characters (it is what the "
                                    "resident sees)"));
    const QByteArray password = readPassword();
    if (password.size() < 8 || password.size() > 1024)
        return usage(QStringLiteral("the password (read from stdin) must be 8 to 1024 bytes"));

    QString problem;
    const auto store = HubStore::open(loaded->storePath, &problem);
    if (!store) {
        err() << "relais-hub: the store " << loaded->storePath << " cannot be used (" << problem
              << ")\n";
        err().flush();
        return kFailed;
    }
    const bool supervisor = parser.isSet(QStringLiteral("supervisor"));
    const bool created = store->putAccount(
        kind, {scope, login, displayName, hashPassword(password), false, supervisor});
    out() << "relais-hub: "
          << (supervisor ? "supervisor "
              : agent    ? "agent "
                         : "mediator ")
          << scope << "/" << login << (created ? " created" : " updated") << "\n";
    out().flush();
    return kOk;
}

std::unique_ptr<HubStore> openStore(const HubConfig &config)
{
    QString problem;
    auto store = HubStore::open(config.storePath, &problem);
    if (!store) {
        err() << "relais-hub: the store " << config.storePath << " cannot be used (" << problem
              << ")\n";
        err().flush();
    }
    return store;
}

int listAccounts(const QCommandLineParser &parser)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    const auto store = openStore(*loaded);
    if (!store)
        return kFailed;
    // One line per account, tab-separated, for a person and for cut/awk alike.
    out() << "kind\tscope\tlogin\tdisplay name\tstate\tsince\n";
    for (const AccountListing &entry : store->accounts()) {
        const bool disabled = entry.disabledAt.isValid();
        out() << (entry.account.supervisor           ? "supervisor"
                  : entry.kind == AccountKind::Agent ? "agent"
                                                     : "mediator")
              << '\t' << entry.account.scope << '\t' << entry.account.login << '\t'
              << entry.account.displayName << '\t' << (disabled ? "disabled" : "enabled") << '\t'
              << (disabled ? entry.disabledAt : entry.createdAt).toString(Qt::ISODate) << '\n';
    }
    out().flush();
    return kOk;
}

enum class AccountChange { Disable, Enable, Remove };

// disable-account, enable-account, remove-account: the store is written here; a running hub
// sees it within seconds and lets the account's open connections go (Switchboard).
int changeAccount(const QCommandLineParser &parser, AccountChange change)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    const bool agent = parser.isSet(QStringLiteral("agency"));
    if (agent == parser.isSet(QStringLiteral("site")) || !parser.isSet(QStringLiteral("login")))
        return usage(QStringLiteral("name the account with --agency ID or --site ID, and --login"));
    const AccountKind kind = agent ? AccountKind::Agent : AccountKind::Mediator;
    const QString scope = parser.value(agent ? QStringLiteral("agency") : QStringLiteral("site"));
    const QString login = parser.value(QStringLiteral("login"));
    const auto store = openStore(*loaded);
    if (!store)
        return kFailed;
    const bool found =
        change == AccountChange::Remove
            ? store->removeAccount(kind, scope, login)
            : store->setDisabled(kind, scope, login, change == AccountChange::Disable,
                                 QDateTime::currentDateTimeUtc());
    const QString name = (agent ? QStringLiteral("agent ") : QStringLiteral("mediator ")) + scope +
                         QLatin1Char('/') + login;
    if (!found) {
        err() << "relais-hub: there is no " << name << " in " << loaded->storePath
              << " (relais-hub list-accounts lists them)\n";
        err().flush();
        return kFailed;
    }
    static const char *const kDone[] = {" disabled", " enabled", " removed"};
    out() << "relais-hub: " << name << kDone[int(change)];
    if (change != AccountChange::Enable)
        out() << "; a running hub ends its connections within seconds";
    out() << "\n";
    out().flush();
    return kOk;
}

// The store's snapshot while the hub runs (SQLite's online backup), and its return in place of a
// missing store; see README, "Backup and restore".
int backupOrRestore(const QCommandLineParser &parser, bool backup)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    const QString option = backup ? QStringLiteral("out") : QStringLiteral("from");
    if (!parser.isSet(option))
        return usage(
            QStringLiteral("%1 needs --%2 FILE")
                .arg(backup ? QStringLiteral("backup") : QStringLiteral("restore"), option));
    const QString file = parser.value(option);
    try {
        if (backup) {
            const BackupReport report = backupDatabase(loaded->storePath, file);
            out() << "relais-hub: " << loaded->storePath << " backed up to " << file
                  << " (integrity " << report.integrity << ", schema version " << report.userVersion
                  << ")\n";
            out().flush();
            return kOk;
        }
        restoreDatabase(file, loaded->storePath);
    } catch (const DatabaseError &error) {
        err() << "relais-hub: " << error.what() << "\n";
        err().flush();
        return kFailed;
    }
    // Opened as the hub opens it: a backup from a newer hub is refused and taken away again,
    // an older one brought up to date.
    QString problem;
    const auto store = HubStore::open(loaded->storePath, &problem);
    if (!store) {
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(loaded->storePath + QLatin1String(suffix));
        err() << "relais-hub: " << file << " cannot be restored (" << problem << ")\n";
        err().flush();
        return kFailed;
    }
    out() << "relais-hub: " << file << " restored as " << loaded->storePath
          << " (integrity ok, schema version " << store->schemaVersion() << ")\n";
    out().flush();
    return kOk;
}

int makeDemoCert(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("out")))
        return usage(QStringLiteral("--out DIR is required"));
    try {
        const DemoCertificate made = makeDemoCertificate(parser.value(QStringLiteral("out")));
        out() << "relais-hub: wrote " << made.certPath << " and " << made.keyPath << "\n";
        out().flush();
        return kOk;
    } catch (const std::exception &error) {
        err() << "relais-hub: " << error.what() << "\n";
        err().flush();
        return kFailed;
    }
}

} // namespace

int runCommandLine(int argc, char **argv)
{
    installJournalLevels();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("relais-hub"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RELAIS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Relais signalling hub: agency queues, calls and TURN credentials."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("config"), QStringLiteral("The hub configuration (JSON)."),
         QStringLiteral("file")},
        {QStringLiteral("check-config"),
         QStringLiteral("Validate the configuration and exit (0 valid, 2 invalid).")},
        {QStringLiteral("agency"), QStringLiteral("add-agent, and an agent's account: the agency."),
         QStringLiteral("id")},
        {QStringLiteral("site"),
         QStringLiteral("add-mediator, and a mediator's account: the site."), QStringLiteral("id")},
        {QStringLiteral("login"),
         QStringLiteral("add-agent, add-mediator, and an account: the login."),
         QStringLiteral("login")},
        {QStringLiteral("display-name"),
         QStringLiteral("add-agent, add-mediator: the name residents see, e.g. \"Conseiller "
                        "CAF\" or \"Mme Martin\"."),
         QStringLiteral("name")},
        {QStringLiteral("supervisor"),
         QStringLiteral("add-agent: the agent may also open the agency's supervision page.")},
        {QStringLiteral("out"),
         QStringLiteral("make-demo-cert: the folder to write to; backup: the file to write."),
         QStringLiteral("path")},
        {QStringLiteral("from"), QStringLiteral("restore: the backup file."),
         QStringLiteral("file")},
    });
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral("serve, add-agent, add-mediator, list-accounts, disable-account, "
                       "enable-account, remove-account, backup, restore or make-demo-cert"));
    if (!parser.parse(QCoreApplication::arguments()))
        return usage(parser.errorText());
    if (const auto done = helpOrVersion(parser, "relais-hub"))
        return *done;

    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("check-config"))) {
        if (!positional.isEmpty())
            return usage(QStringLiteral("--check-config takes no command"));
        const auto loaded = config(parser);
        if (!loaded)
            return kUsage;
        out() << "relais-hub: " << loaded->fileName << " is valid (" << loaded->sites.size()
              << " sites)\n";
        out().flush();
        return kOk;
    }
    if (positional.size() != 1)
        return usage(QStringLiteral("expected one command"));
    const QString command = positional.first();
    const QStringList agentOptions = {QStringLiteral("agency"), QStringLiteral("login"),
                                      QStringLiteral("display-name")};
    const QStringList mediatorOptions = {QStringLiteral("site"), QStringLiteral("login"),
                                         QStringLiteral("display-name")};
    const auto anySet = [&](const QStringList &options) {
        return std::any_of(options.begin(), options.end(),
                           [&](const QString &o) { return parser.isSet(o); });
    };
    // The options a command needs, each present; null when they are.
    const auto missing = [&](const QString &name,
                             const QStringList &options) -> std::optional<int> {
        for (const QString &option : options) {
            if (!parser.isSet(option))
                return usage(QStringLiteral("%1 needs --%2").arg(name, option));
        }
        return std::nullopt;
    };
    if (parser.isSet(QStringLiteral("supervisor")) && command != QLatin1String("add-agent"))
        return usage(QStringLiteral("--supervisor goes with add-agent only"));
    if (command == QLatin1String("serve")) {
        if (anySet(agentOptions) || anySet(mediatorOptions) || parser.isSet(QStringLiteral("out")))
            return usage(QStringLiteral("serve takes --config only"));
        return serve(parser);
    }
    if (command == QLatin1String("add-agent")) {
        if (parser.isSet(QStringLiteral("site")))
            return usage(QStringLiteral("add-agent takes --agency, not --site"));
        if (const auto problem = missing(command, agentOptions))
            return *problem;
        return addAccount(parser, AccountKind::Agent);
    }
    if (command == QLatin1String("add-mediator")) {
        if (parser.isSet(QStringLiteral("agency")))
            return usage(QStringLiteral("add-mediator takes --site, not --agency"));
        if (const auto problem = missing(command, mediatorOptions))
            return *problem;
        return addAccount(parser, AccountKind::Mediator);
    }
    if (command == QLatin1String("list-accounts")) {
        if (anySet(agentOptions) || anySet(mediatorOptions) || parser.isSet(QStringLiteral("out")))
            return usage(QStringLiteral("list-accounts takes --config only"));
        return listAccounts(parser);
    }
    static const QHash<QString, AccountChange> changes{
        {QStringLiteral("disable-account"), AccountChange::Disable},
        {QStringLiteral("enable-account"), AccountChange::Enable},
        {QStringLiteral("remove-account"), AccountChange::Remove}};
    if (changes.contains(command)) {
        if (parser.isSet(QStringLiteral("display-name")) || parser.isSet(QStringLiteral("out")))
            return usage(
                QStringLiteral("%1 takes --config, --agency or --site, and --login").arg(command));
        return changeAccount(parser, changes.value(command));
    }
    if (command == QLatin1String("backup") || command == QLatin1String("restore")) {
        if (anySet(agentOptions) || anySet(mediatorOptions))
            return usage(QStringLiteral("%1 takes --config and --%2 only")
                             .arg(command, command == QLatin1String("backup")
                                               ? QStringLiteral("out")
                                               : QStringLiteral("from")));
        return backupOrRestore(parser, command == QLatin1String("backup"));
    }
    if (command == QLatin1String("make-demo-cert"))
        return makeDemoCert(parser);
    return usage(QStringLiteral("unknown command \"%1\"").arg(command));
}

} // namespace relais::hub
