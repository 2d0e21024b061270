// SPDX-License-Identifier: EUPL-1.2
#include "hubcommand.h"

#include "commandline.h"
#include "democert.h"
#include "hubconfig.h"
#include "hubserver.h"
#include "hubstore.h"
#include "passwordhash.h"
#include "passwordprompt.h"
#include "protocol.h"

#include <QCommandLineParser>
#include <QCoreApplication>
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
             "--display-name NAME  (password on stdin)\n"
          << "       relais-hub add-mediator --config FILE --site ID --login LOGIN "
             "--display-name NAME  (password on stdin)\n"
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
    out().flush();
    return QCoreApplication::exec();
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
    const bool created =
        store->putAccount(kind, {scope, login, displayName, hashPassword(password)});
    out() << "relais-hub: " << (agent ? "agent " : "mediator ") << scope << "/" << login
          << (created ? " created" : " updated") << "\n";
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
        {QStringLiteral("agency"), QStringLiteral("add-agent: the agent's agency."),
         QStringLiteral("id")},
        {QStringLiteral("site"), QStringLiteral("add-mediator: the mediator's site."),
         QStringLiteral("id")},
        {QStringLiteral("login"), QStringLiteral("add-agent, add-mediator: the login."),
         QStringLiteral("login")},
        {QStringLiteral("display-name"),
         QStringLiteral("add-agent, add-mediator: the name residents see, e.g. \"Conseiller "
                        "CAF\" or \"Mme Martin\"."),
         QStringLiteral("name")},
        {QStringLiteral("out"), QStringLiteral("make-demo-cert: the folder to write to."),
         QStringLiteral("dir")},
    });
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral("serve, add-agent, add-mediator or make-demo-cert"));
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
    if (command == QLatin1String("make-demo-cert"))
        return makeDemoCert(parser);
    return usage(QStringLiteral("unknown command \"%1\"").arg(command));
}

} // namespace relais::hub
