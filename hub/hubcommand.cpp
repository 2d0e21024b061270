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
    if (!server.consoleUrl().isEmpty())
        out() << "relais-hub: agents' console on " << server.consoleUrl() << "\n";
    out().flush();
    return QCoreApplication::exec();
}

int addAgent(const QCommandLineParser &parser)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    const QString agency = parser.value(QStringLiteral("agency"));
    const QString login = parser.value(QStringLiteral("login"));
    const QString displayName = parser.value(QStringLiteral("display-name")).trimmed();
    if (!loaded->servesAgency(agency))
        return usage(
            QStringLiteral("--agency \"%1\" is not served by any counter of %2 "
                           "(known: %3)")
                .arg(agency, loaded->fileName, loaded->agencies().join(QStringLiteral(", "))));
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
    const bool created = store->putAgent({agency, login, displayName, hashPassword(password)});
    out() << "relais-hub: agent " << agency << "/" << login << (created ? " created" : " updated")
          << "\n";
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
        {QStringLiteral("login"), QStringLiteral("add-agent: the agent's login."),
         QStringLiteral("login")},
        {QStringLiteral("display-name"),
         QStringLiteral("add-agent: the name residents see, e.g. \"Conseiller CAF\"."),
         QStringLiteral("name")},
        {QStringLiteral("out"), QStringLiteral("make-demo-cert: the folder to write to."),
         QStringLiteral("dir")},
    });
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("serve, add-agent or make-demo-cert"));
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
    const QStringList onlyFor[] = {
        {QStringLiteral("agency"), QStringLiteral("login"), QStringLiteral("display-name")},
        {QStringLiteral("out")}};
    const bool agentOptions = std::any_of(onlyFor[0].begin(), onlyFor[0].end(),
                                          [&](const QString &o) { return parser.isSet(o); });
    if (command == QLatin1String("serve")) {
        if (agentOptions || parser.isSet(QStringLiteral("out")))
            return usage(QStringLiteral("serve takes --config only"));
        return serve(parser);
    }
    if (command == QLatin1String("add-agent")) {
        for (const QString &option : onlyFor[0]) {
            if (!parser.isSet(option))
                return usage(QStringLiteral("add-agent needs --%1").arg(option));
        }
        return addAgent(parser);
    }
    if (command == QLatin1String("make-demo-cert"))
        return makeDemoCert(parser);
    return usage(QStringLiteral("unknown command \"%1\"").arg(command));
}

} // namespace relais::hub
