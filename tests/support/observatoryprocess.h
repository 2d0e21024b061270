// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "certificaterequest.h"
#include "demo/demosetup.h"
#include "deviceca.h"
#include "devices/deviceregistry.h"
#include "httpsclient.h"
#include "pemfile.h"
#include "serverprocess.h"
#include "store/store.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

namespace relais::observatory::test {

// A kiosk's identity once enrolled.
struct KioskIdentity
{
    QByteArray certPem;
    QByteArray keyPem;
};

// relais-observatory serving a demo setup (device CA, server certificate from it) from a
// temporary folder, on a free port, with the store `database` (SQLite in the folder when empty).
class ObservatoryProcess
{
public:
    explicit ObservatoryProcess(const QString &database = {})
    {
        m_config = makeDemoSetup(m_dir.path(), 0, database);
        m_database =
            database.isEmpty() ? m_dir.filePath(QStringLiteral("observatory.sqlite")) : database;
        QFile file(m_config);
        file.open(QIODevice::ReadOnly);
        QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        config.insert(QStringLiteral("sites"), testSites());
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(QJsonDocument(config).toJson());
    }
    ~ObservatoryProcess() { stop(); }

    static QJsonArray testSites()
    {
        auto site = [](const char *id, const char *territory) {
            return QJsonObject{{QStringLiteral("id"), QLatin1String(id)},
                               {QStringLiteral("name"), QLatin1String(id)},
                               {QStringLiteral("territory"), QString::fromUtf8(territory)},
                               {QStringLiteral("departement"), QStringLiteral("46")},
                               {QStringLiteral("opened"), QStringLiteral("2025-01-06")}};
        };
        // Bretenoux has its commune and position (the dashboard's map), its address, SIRET and
        // opening hours (the open data's lieux de médiation numérique); Gourdon none of them.
        QJsonObject bretenoux = site("46-bretenoux", "Cère et Dordogne");
        bretenoux.insert(QStringLiteral("insee"), QStringLiteral("46038"));
        bretenoux.insert(QStringLiteral("lat"), 44.9147);
        bretenoux.insert(QStringLiteral("lon"), 1.8386);
        bretenoux.insert(
            QStringLiteral("address"),
            QJsonObject{{QStringLiteral("street"), QStringLiteral("2 place des Consuls")},
                        {QStringLiteral("postal_code"), QStringLiteral("46130")}});
        bretenoux.insert(QStringLiteral("siret"), QStringLiteral("21460038700010"));
        bretenoux.insert(QStringLiteral("opening_hours"),
                         QStringLiteral("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off"));
        return {bretenoux, site("46-gourdon", "Bouriane")};
    }

    // For a client on another network (a test's network namespace): listen on every address,
    // with a server certificate that also names `addresses`. Before start().
    void listenEverywhere(const QStringList &addresses)
    {
        renewServerCertificate(addresses);
        QFile file(m_config);
        file.open(QIODevice::ReadOnly);
        QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        config.insert(QStringLiteral("listen"),
                      QJsonObject{{QStringLiteral("address"), QStringLiteral("0.0.0.0")},
                                  {QStringLiteral("port"), 0}});
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(QJsonDocument(config).toJson());
    }

    // A new key and server certificate from the device CA in place of the files the
    // configuration names (as an operator renews them), also naming `addresses`; the new
    // certificate.
    QSslCertificate renewServerCertificate(const QStringList &addresses = {})
    {
        using namespace relais::provisioning;
        const DeviceCa ca = DeviceCa::load(m_dir.filePath(QStringLiteral("ca")));
        KeyHandle key = generateP256Key();
        const IssuedCertificate cert = ca.issueServerCertificate(
            key.get(),
            QStringList{QStringLiteral("localhost"), QStringLiteral("127.0.0.1")} + addresses);
        writeFileAtomically(m_dir.filePath(QStringLiteral("server-key.pem")),
                            privateKeyPem(key.get()), kPrivateFile);
        writeFileAtomically(m_dir.filePath(QStringLiteral("server-cert.pem")), cert.pem,
                            kPublicFile);
        return QSslCertificate(cert.pem, QSsl::Pem);
    }

    QString configPath() const { return m_config; }
    QString database() const { return m_database; }
    QString path() const { return m_dir.path(); }
    quint16 port() const { return m_port; }
    QSslCertificate ca() const
    {
        return QSslCertificate::fromPath(m_dir.filePath(QStringLiteral("ca/ca-cert.pem"))).value(0);
    }

    QString caPath() const { return m_dir.filePath(QStringLiteral("ca/ca-cert.pem")); }
    QString url() const { return QStringLiteral("https://127.0.0.1:%1").arg(m_port); }

    // A relais-hub that may send its advisers' wrap-ups with `token`. Before start().
    void acceptHub(const QString &id, const QByteArray &token)
    {
        QFile file(m_config);
        file.open(QIODevice::ReadOnly);
        QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        QJsonArray hubs = config.value(QStringLiteral("hubs")).toArray();
        hubs.append(QJsonObject{
            {QStringLiteral("id"), id},
            {QStringLiteral("token_sha256"),
             QString::fromLatin1(
                 QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex())}});
        config.insert(QStringLiteral("hubs"), hubs);
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(QJsonDocument(config).toJson());
    }

    // The operations endpoint on 127.0.0.1, on a port the system chooses. Before start().
    void enableOperations()
    {
        QFile file(m_config);
        file.open(QIODevice::ReadOnly);
        QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        config.insert(QStringLiteral("operations"),
                      QJsonObject{{QStringLiteral("address"), QStringLiteral("127.0.0.1")},
                                  {QStringLiteral("port"), 0}});
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(QJsonDocument(config).toJson());
        m_operations = true;
    }

    // `environment`: the process's (a test's NOTIFY_SOCKET and the like); the system's if empty.
    bool start(QProcessEnvironment environment = {})
    {
        if (environment.isEmpty())
            environment = QProcessEnvironment::systemEnvironment();
        QList<QRegularExpression> ready{
            QRegularExpression(QStringLiteral("listening on https://[^/]+:(\\d+)/"))};
        if (m_operations)
            ready.append(
                QRegularExpression(QStringLiteral("operations on (http://127\\.0\\.0\\.1:\\d+/)")));
        const auto matches =
            m_server.start(QStringLiteral(RELAIS_OBSERVATORY_EXE),
                           {QStringLiteral("serve"), QStringLiteral("--config"), m_config}, ready,
                           30000, environment);
        if (matches.isEmpty())
            return false;
        m_port = static_cast<quint16>(matches.at(0).captured(1).toUInt());
        m_operationsUrl = m_operations ? matches.at(1).captured(1) : QString();
        return true;
    }
    // http://127.0.0.1:PORT/ once started with enableOperations().
    QString operationsUrl() const { return m_operationsUrl; }

    void kill9() { m_server.kill9(); }
    void stop() { m_server.stop(); }
    bool running() const { return m_server.running(); }
    QProcess &process() { return m_server.process(); }
    qint64 pid() { return m_server.process().processId(); }

    // The administrator's step: a token for a new kiosk, `ageHours` in the past when asked
    // (to make expired tokens without waiting).
    QString createKiosk(const QString &site, const QString &kiosk, int hours = 72, int ageHours = 0)
    {
        auto store = Store::open(m_database);
        DeviceRegistry registry(*store);
        return registry.createKiosk(site, kiosk, hours,
                                    QDateTime::currentDateTimeUtc().addSecs(-3600LL * ageHours));
    }

    void revoke(const QString &deviceId)
    {
        auto store = Store::open(m_database);
        DeviceRegistry(*store).revoke(deviceId, QDateTime::currentDateTimeUtc());
    }

    HttpsClient client(const KioskIdentity &identity = {}) const
    {
        return HttpsClient(m_port, ca(), identity.certPem, identity.keyPem);
    }

    static QJsonObject enrollBody(const QString &token, const QByteArray &csr)
    {
        return {{QStringLiteral("api"), 1},
                {QStringLiteral("token"), token},
                {QStringLiteral("csr"), QString::fromLatin1(csr)}};
    }

    // The kiosk's step: a new P-256 key, a CSR, the token; the certificate back.
    std::optional<KioskIdentity> enroll(const QString &token, Reply *reply = nullptr)
    {
        provisioning::KeyHandle key = provisioning::generateP256Key();
        const QByteArray csr =
            provisioning::CertificateRequest::makePem(key.get(), QStringLiteral("kiosk"));
        HttpsClient anonymous = client();
        const Reply r =
            anonymous.postJson(QStringLiteral("/v1/enroll/simpleenroll"), enrollBody(token, csr));
        if (reply)
            *reply = r;
        if (r.status != 200)
            return std::nullopt;
        return KioskIdentity{r.json().value(QStringLiteral("certificate")).toString().toLatin1(),
                             provisioning::privateKeyPem(key.get())};
    }

    KioskIdentity enrollNew(const QString &site, const QString &kiosk)
    {
        const auto identity = enroll(createKiosk(site, kiosk));
        if (!identity)
            qFatal("enrollment of %s/%s failed", qPrintable(site), qPrintable(kiosk));
        return *identity;
    }

private:
    QTemporaryDir m_dir;
    QString m_config;
    QString m_database;
    relais::test::ServerProcess m_server{10000};
    quint16 m_port = 0;
    bool m_operations = false;
    QString m_operationsUrl;
};

// Records as a kiosk makes them (API.md).
inline QJsonObject record(const QString &kind, const QString &site, const QJsonObject &body,
                          const QString &id = {},
                          const QString &createdAt = QStringLiteral("2026-11-20T09:14:03Z"))
{
    return {{QStringLiteral("id"),
             id.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : id},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("site"), site},
            {QStringLiteral("created_at"), createdAt},
            {QStringLiteral("body"), body}};
}

inline QJsonObject callEnded(const QString &site, const QString &agency,
                             const QString &outcome = QStringLiteral("answered"),
                             const QString &createdAt = QStringLiteral("2026-11-20T09:14:03Z"))
{
    return record(QStringLiteral("journal_event"), site,
                  {{QStringLiteral("type"), QStringLiteral("call_ended")},
                   {QStringLiteral("agency"), agency},
                   {QStringLiteral("outcome"), outcome},
                   {QStringLiteral("duration_s"), 420}},
                  {}, createdAt);
}

// A survey response as a kiosk sends it, `answers` in the definition's codes, after a video
// call with CARSAT.
inline QJsonObject surveyResponse(const QString &site, const QJsonObject &answers,
                                  const QString &survey = QStringLiteral("satisfaction-visite"),
                                  int version = 1)
{
    return record(QStringLiteral("survey_response"), site,
                  {{QStringLiteral("survey"), survey},
                   {QStringLiteral("version"), version},
                   {QStringLiteral("week"), QStringLiteral("2026-W47")},
                   {QStringLiteral("channel"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("visio")},
                                {QStringLiteral("agency"), QStringLiteral("carsat")}}},
                   {QStringLiteral("partial"), false},
                   {QStringLiteral("answers"), answers}});
}

inline QJsonObject batch(const QJsonArray &records)
{
    return {{QStringLiteral("api"), 1}, {QStringLiteral("records"), records}};
}

} // namespace relais::observatory::test
