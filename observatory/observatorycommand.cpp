#include "observatorycommand.h"

#include "demosetup.h"
#include "jsonfields.h"
#include "observatoryconfig.h"
#include "observatoryserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <optional>

namespace relais::observatory {

namespace {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

int usage(const QString &problem)
{
    err() << "relais-observatory: " << problem << "\n"
          << "usage: relais-observatory serve --config FILE\n"
          << "       relais-observatory --check-config --config FILE\n"
          << "       relais-observatory make-demo-setup --out DIR [--port N] [--database URL]\n";
    err().flush();
    return kUsage;
}

std::optional<ObservatoryConfig> config(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("config"))) {
        usage(QStringLiteral("--config FILE is required"));
        return std::nullopt;
    }
    const QString path = parser.value(QStringLiteral("config"));
    try {
        return loadObservatoryConfig(path);
    } catch (const json::FieldError &e) {
        err() << "relais-observatory: invalid configuration: " << path << ": "
              << (e.field.isEmpty() ? QStringLiteral("the file")
                                    : QStringLiteral("field \"%1\"").arg(e.field))
              << " " << e.problem << "\n";
        err().flush();
        return std::nullopt;
    }
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
    });
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("serve, make-demo-setup"));
    if (!parser.parse(QCoreApplication::arguments()))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        out().flush();
        return kOk;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out() << "relais-observatory " << RELAIS_VERSION << "\n";
        out().flush();
        return kOk;
    }
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
    return usage(QStringLiteral("unknown command \"%1\"").arg(command));
}

} // namespace relais::observatory
