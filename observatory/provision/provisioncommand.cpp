// SPDX-License-Identifier: EUPL-1.2
#include "provisioncommand.h"

#include "certificaterequest.h"
#include "commandsupport.h"
#include "configbundle.h"
#include "deviceca.h"
#include "devices/deviceregistry.h"
#include "enrollmentcode.h"
#include "observatoryconfig.h"
#include "pemfile.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>

namespace relais::provisioning {

namespace {

using observatory::DeviceRegistry;
using namespace observatory::cli;

std::optional<observatory::ObservatoryConfig> config(const QCommandLineParser &parser)
{
    return loadConfig(parser, QStringLiteral("relais-provision"));
}

int usage(const QString &problem)
{
    err() << "relais-provision: " << problem << "\n"
          << "usage: relais-provision init-ca --ca-dir DIR [--name NAME]\n"
          << "       relais-provision server-cert --ca-dir DIR --out DIR --host NAME...\n"
          << "       relais-provision create-kiosk --config FILE --site ID --kiosk ID "
             "[--token-hours N] [--address URL]\n"
          << "       relais-provision revoke --config FILE --device SITE/KIOSK\n"
          << "       relais-provision list --config FILE\n"
          << "       relais-provision make-csr --out DIR --device SITE/KIOSK\n"
          << "       relais-provision bundle-key --out DIR\n"
          << "       relais-provision sign-bundle --key FILE --content FILE --bundle-version N "
             "--expires TIME --out FILE [--previous-key FILE]\n";
    err().flush();
    return kUsage;
}

int failed(const QString &problem)
{
    err() << "relais-provision: " << problem << "\n";
    err().flush();
    return kFailed;
}

int registryCommand(const QString &command, const QCommandLineParser &parser)
{
    const auto loaded = config(parser);
    if (!loaded)
        return kUsage;
    std::unique_ptr<observatory::Store> store = observatory::Store::open(loaded->database);
    DeviceRegistry registry(*store);
    if (!loaded->sites.isEmpty())
        registry.putSites(loaded->sites);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (command == QLatin1String("create-kiosk")) {
        const QString site = parser.value(QStringLiteral("site"));
        const QString kiosk = parser.value(QStringLiteral("kiosk"));
        if (site.isEmpty() || kiosk.isEmpty())
            return usage(QStringLiteral("create-kiosk needs --site and --kiosk"));
        bool ok = true;
        const int hours = parser.isSet(QStringLiteral("token-hours"))
                              ? parser.value(QStringLiteral("token-hours")).toInt(&ok)
                              : loaded->tokenHours;
        if (!ok || hours < 1 || hours > 24 * 90)
            return usage(QStringLiteral("--token-hours must be 1 to 2160"));
        const QString token = registry.createKiosk(site, kiosk, hours, now);
        // The token is shown once and never stored: only its hash is.
        out() << "device: " << site << "/" << kiosk << "\n"
              << "token: " << token << "\n"
              << "expires: " << now.addSecs(qint64(hours) * 3600).toString(Qt::ISODate) << "\n";
        // For a QR code the mediator shows to the kiosk's camera (qrencode makes the image).
        if (parser.isSet(QStringLiteral("address")))
            out() << "code: "
                  << enrollmentCodeText({parser.value(QStringLiteral("address")), token}) << "\n";
        out().flush();
        return kOk;
    }
    if (command == QLatin1String("revoke")) {
        const QString device = parser.value(QStringLiteral("device"));
        if (device.isEmpty())
            return usage(QStringLiteral("revoke needs --device SITE/KIOSK"));
        registry.revoke(device, now);
        out() << "revoked: " << device << "\n";
        out().flush();
        return kOk;
    }
    for (const observatory::Device &d : registry.devices())
        out() << d.deviceId << "\t" << (d.revoked ? "revoked" : "active") << "\t"
              << (d.certSerial.isEmpty() ? QStringLiteral("-") : d.certSerial) << "\t"
              << (d.certNotAfter.isEmpty() ? QStringLiteral("-") : d.certNotAfter) << "\n";
    out().flush();
    return kOk;
}

KeyHandle readEd25519Key(const QString &path)
{
    KeyHandle key = parsePrivateKey(readSmallFile(path));
    if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519)
        throw std::runtime_error(
            QStringLiteral("%1 is not an Ed25519 private key").arg(path).toStdString());
    return key;
}

int bundleCommand(const QString &command, const QCommandLineParser &parser)
{
    const QString outPath = parser.value(QStringLiteral("out"));
    if (command == QLatin1String("bundle-key")) {
        if (outPath.isEmpty())
            return usage(QStringLiteral("bundle-key needs --out DIR"));
        const QDir dir(outPath);
        if (dir.exists(QStringLiteral("bundle-key.pem")))
            return failed(QStringLiteral("%1 exists: a signing key is never overwritten")
                              .arg(dir.filePath(QStringLiteral("bundle-key.pem"))));
        KeyHandle key = generateEd25519Key();
        QDir().mkpath(outPath);
        writeFileAtomically(dir.filePath(QStringLiteral("bundle-key.pem")),
                            privateKeyPem(key.get()), kPrivateFile);
        writeFileAtomically(dir.filePath(QStringLiteral("bundle-key.pub.pem")),
                            publicKeyPem(key.get()), kPublicFile);
        out() << "bundle signing key written to " << dir.filePath(QStringLiteral("bundle-key.pem"))
              << "; pin " << dir.filePath(QStringLiteral("bundle-key.pub.pem"))
              << " on the kiosks\n";
        out().flush();
        return kOk;
    }
    const QString keyPath = parser.value(QStringLiteral("key"));
    const QString contentPath = parser.value(QStringLiteral("content"));
    if (keyPath.isEmpty() || contentPath.isEmpty() || outPath.isEmpty() ||
        !parser.isSet(QStringLiteral("bundle-version")) || !parser.isSet(QStringLiteral("expires")))
        return usage(QStringLiteral(
            "sign-bundle needs --key, --content, --bundle-version, --expires and --out"));
    BundlePayload payload;
    bool ok = false;
    payload.version = parser.value(QStringLiteral("bundle-version")).toLongLong(&ok);
    if (!ok || payload.version < 1)
        return usage(QStringLiteral("--bundle-version must be a whole number from 1"));
    payload.expiresAt = QDateTime::fromString(parser.value(QStringLiteral("expires")), Qt::ISODate);
    if (!payload.expiresAt.isValid())
        return usage(QStringLiteral("--expires must be a time like 2027-01-31T00:00:00Z"));
    QJsonParseError error;
    const QJsonDocument content = QJsonDocument::fromJson(readSmallFile(contentPath), &error);
    if (error.error != QJsonParseError::NoError || !content.isObject())
        return usage(QStringLiteral("%1 is not a JSON object").arg(contentPath));
    payload.content = content.object();
    KeyHandle key = readEd25519Key(keyPath);
    KeyHandle previous;
    if (parser.isSet(QStringLiteral("previous-key")))
        previous = readEd25519Key(parser.value(QStringLiteral("previous-key")));
    writeFileAtomically(outPath, signBundle(payload, key.get(), previous.get()), kPublicFile);
    out() << "bundle version " << payload.version << " signed to " << outPath << "\n";
    out().flush();
    return kOk;
}

int run(const QString &command, const QCommandLineParser &parser)
{
    if (command == QLatin1String("bundle-key") || command == QLatin1String("sign-bundle"))
        return bundleCommand(command, parser);
    const QString caDir = parser.value(QStringLiteral("ca-dir"));
    if (command == QLatin1String("init-ca")) {
        if (caDir.isEmpty())
            return usage(QStringLiteral("init-ca needs --ca-dir DIR"));
        const QString name = parser.isSet(QStringLiteral("name"))
                                 ? parser.value(QStringLiteral("name"))
                                 : QStringLiteral("Relais device CA");
        DeviceCa::create(caDir, name);
        out() << "device CA written to " << QDir(caDir).filePath(QStringLiteral("ca-cert.pem"))
              << "\n";
        out().flush();
        return kOk;
    }
    if (command == QLatin1String("server-cert")) {
        const QString outDir = parser.value(QStringLiteral("out"));
        const QStringList hosts = parser.values(QStringLiteral("host"));
        if (caDir.isEmpty() || outDir.isEmpty() || hosts.isEmpty())
            return usage(QStringLiteral("server-cert needs --ca-dir, --out and --host"));
        const DeviceCa ca = DeviceCa::load(caDir);
        KeyHandle key = generateP256Key();
        const IssuedCertificate cert = ca.issueServerCertificate(key.get(), hosts);
        QDir().mkpath(outDir);
        writeFileAtomically(QDir(outDir).filePath(QStringLiteral("server-key.pem")),
                            privateKeyPem(key.get()), kPrivateFile);
        writeFileAtomically(QDir(outDir).filePath(QStringLiteral("server-cert.pem")), cert.pem,
                            kPublicFile);
        out() << "server certificate " << cert.serial << " written to " << outDir << "\n";
        out().flush();
        return kOk;
    }
    if (command == QLatin1String("make-csr")) {
        // What a kiosk does at enrollment, for trying the endpoint by hand.
        const QString outDir = parser.value(QStringLiteral("out"));
        const QString device = parser.value(QStringLiteral("device"));
        if (outDir.isEmpty() || device.isEmpty())
            return usage(QStringLiteral("make-csr needs --out and --device"));
        KeyHandle key = generateP256Key();
        QDir().mkpath(outDir);
        writeFileAtomically(QDir(outDir).filePath(QStringLiteral("kiosk-key.pem")),
                            privateKeyPem(key.get()), kPrivateFile);
        writeFileAtomically(QDir(outDir).filePath(QStringLiteral("kiosk.csr")),
                            CertificateRequest::makePem(key.get(), device), kPublicFile);
        out() << "key and request written to " << outDir << "\n";
        out().flush();
        return kOk;
    }
    if (command == QLatin1String("create-kiosk") || command == QLatin1String("revoke") ||
        command == QLatin1String("list"))
        return registryCommand(command, parser);
    return usage(QStringLiteral("unknown command \"%1\"").arg(command));
}

} // namespace

int runProvisionCommandLine(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("relais-provision"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RELAIS_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Relais device trust: the device CA, kiosks, enrollment tokens."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("ca-dir"), QStringLiteral("The device CA's folder."),
         QStringLiteral("dir")},
        {QStringLiteral("name"), QStringLiteral("init-ca: the CA's name."), QStringLiteral("name")},
        {QStringLiteral("out"), QStringLiteral("The folder to write to."), QStringLiteral("dir")},
        {QStringLiteral("host"), QStringLiteral("server-cert: a DNS name or IP (repeatable)."),
         QStringLiteral("name")},
        {QStringLiteral("config"), QStringLiteral("The observatory's configuration."),
         QStringLiteral("file")},
        {QStringLiteral("site"), QStringLiteral("create-kiosk: the site id."),
         QStringLiteral("id")},
        {QStringLiteral("kiosk"), QStringLiteral("create-kiosk: the kiosk id within the site."),
         QStringLiteral("id")},
        {QStringLiteral("address"),
         QStringLiteral("create-kiosk: the observatory's address as kiosks reach it, to print "
                        "the code of a QR code."),
         QStringLiteral("url")},
        {QStringLiteral("token-hours"),
         QStringLiteral("create-kiosk: hours before the token expires."), QStringLiteral("n")},
        {QStringLiteral("device"), QStringLiteral("SITE/KIOSK"), QStringLiteral("id")},
        {QStringLiteral("key"), QStringLiteral("sign-bundle: the Ed25519 signing key."),
         QStringLiteral("file")},
        {QStringLiteral("previous-key"),
         QStringLiteral("sign-bundle: the key kiosks pin today, to endorse a new key."),
         QStringLiteral("file")},
        {QStringLiteral("content"),
         QStringLiteral(
             "sign-bundle: the content (JSON: site, and optionally catalog, procedures, surveys)."),
         QStringLiteral("file")},
        {QStringLiteral("bundle-version"),
         QStringLiteral("sign-bundle: the version, always growing."), QStringLiteral("n")},
        {QStringLiteral("expires"), QStringLiteral("sign-bundle: when kiosks stop accepting it."),
         QStringLiteral("time")},
    });
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral("init-ca, server-cert, create-kiosk, revoke, list, make-csr, bundle-key or "
                       "sign-bundle"));
    if (!parser.parse(QCoreApplication::arguments()))
        return usage(parser.errorText());
    if (const auto done = helpOrVersion(parser, "relais-provision"))
        return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usage(QStringLiteral("expected one command"));
    try {
        return run(positional.first(), parser);
    } catch (const std::exception &e) {
        return failed(QString::fromUtf8(e.what()));
    }
}

} // namespace relais::provisioning
