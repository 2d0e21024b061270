// SPDX-License-Identifier: EUPL-1.2
#include "demosetup.h"

#include "deviceca.h"
#include "pemfile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace relais::observatory {

QString makeDemoSetup(const QString &directory, quint16 port, const QString &database)
{
    using namespace relais::provisioning;
    const QDir dir(directory);
    const QString caDir = dir.filePath(QStringLiteral("ca"));
    if (!QFileInfo::exists(QDir(caDir).filePath(QStringLiteral("ca-cert.pem"))))
        DeviceCa::create(caDir, QStringLiteral("Relais demo device CA"));
    const DeviceCa ca = DeviceCa::load(caDir);
    KeyHandle key = generateP256Key();
    const IssuedCertificate cert =
        ca.issueServerCertificate(key.get(), {QStringLiteral("localhost"),
                                              QStringLiteral("127.0.0.1"), QStringLiteral("::1")});
    writeFileAtomically(dir.filePath(QStringLiteral("server-key.pem")), privateKeyPem(key.get()),
                        kPrivateFile);
    writeFileAtomically(dir.filePath(QStringLiteral("server-cert.pem")), cert.pem, kPublicFile);
    // The demo hub's token for its advisers' wrap-ups (hub/run-demo.sh reads it): random, kept
    // in the folder, only its SHA-256 in the configuration.
    QByteArray token(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(token.data()),
                                          token.size() / int(sizeof(quint32)));
    token = token.toHex();
    writeFileAtomically(dir.filePath(QStringLiteral("hub-token")), token, kPrivateFile);
    const QJsonObject config{
        {QStringLiteral("format"), QStringLiteral("relais-observatory-config/1")},
        {QStringLiteral("listen"),
         QJsonObject{{QStringLiteral("address"), QStringLiteral("127.0.0.1")},
                     {QStringLiteral("port"), port}}},
        {QStringLiteral("tls"),
         QJsonObject{{QStringLiteral("cert_file"), QStringLiteral("server-cert.pem")},
                     {QStringLiteral("key_file"), QStringLiteral("server-key.pem")}}},
        {QStringLiteral("ca_dir"), QStringLiteral("ca")},
        {QStringLiteral("hubs"),
         QJsonArray{QJsonObject{
             {QStringLiteral("id"), QStringLiteral("demo")},
             {QStringLiteral("token_sha256"),
              QString::fromLatin1(
                  QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex())}}}},
        {QStringLiteral("database"),
         database.isEmpty() ? QStringLiteral("observatory.sqlite") : database},
        {QStringLiteral("travel"),
         QJsonObject{{QStringLiteral("co2_kg_per_km"), 0.179},
                     {QStringLiteral("co2_source"),
                      QStringLiteral("Lot pilot, 2009: 200 kg CO2 for 1,117 km avoided; replace "
                                     "with the ADEME Base Empreinte factor for the cars of the "
                                     "territory")}}},
    };
    const QString path = dir.filePath(QStringLiteral("observatory.json"));
    writeFileAtomically(path, QJsonDocument(config).toJson(), kPublicFile);
    return path;
}

} // namespace relais::observatory
