// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "hubstore.h"
#include "hubtestconfig.h"
#include "passwordhash.h"
#include "serverprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

// The real relais-hub executable on loopback with a generated certificate, and WebSocket
// clients that trust exactly that certificate.
namespace relais::hub::test {

using provisioning::hashPassword;

inline constexpr char kMediatorPassword[] = "mediator-password";

// The hello of a mediator's desk made by HubProcess::addMediators.
inline QJsonObject mediatorHello(const QString &site, const QString &login)
{
    return {{QStringLiteral("role"), QStringLiteral("mediator")},
            {QStringLiteral("site"), site},
            {QStringLiteral("login"), login},
            {QStringLiteral("password"), QLatin1String(kMediatorPassword)}};
}

class HubProcess
{
public:
    explicit HubProcess(const ConfigOptions &options = {}, const QString &directory = {})
        : m_path(directory.isEmpty() ? m_dir.path() : directory)
    {
        QFile file(m_path + QStringLiteral("/hub.json"));
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(QJsonDocument(hubConfigJson(options)).toJson());
        file.close();
        if (!QFile::exists(m_path + QStringLiteral("/hub-cert.pem")))
            QProcess::execute(QStringLiteral(RELAIS_HUB_EXE),
                              {QStringLiteral("make-demo-cert"), QStringLiteral("--out"), m_path});
    }
    ~HubProcess() { stop(); }

    QString path() const { return m_path; }
    QString configPath() const { return m_path + QStringLiteral("/hub.json"); }
    QString storePath() const { return m_path + QStringLiteral("/hub.sqlite"); }
    quint16 port() const { return m_port; }
    // The port browsers are pointed at: the browsers' own, or the kiosks' when there is none.
    quint16 browserPort() const { return m_browserPort; }
    // https://127.0.0.1:PORT/ when the configuration has a console.
    QString consoleUrl() const { return m_consoleUrl; }
    // http://127.0.0.1:PORT/ when the configuration has an operations endpoint.
    QString operationsUrl() const { return m_operationsUrl; }

    // Accounts are written straight to the store; one hash serves them all to keep it quick.
    void addAgents(const QList<std::pair<QString, QString>> &agencyAndLogin)
    {
        auto store = HubStore::open(storePath(), nullptr);
        const QString hash = hashPassword("agent-password");
        for (const auto &[agency, login] : agencyAndLogin)
            store->putAccount(
                AccountKind::Agent,
                {agency, login, QStringLiteral("Conseiller ") + agency.toUpper(), hash});
    }

    // Mediators' desks, by site and login; they say hello with mediatorHello().
    void addMediators(const QList<std::tuple<QString, QString, QString>> &siteLoginAndName)
    {
        auto store = HubStore::open(storePath(), nullptr);
        const QString hash = hashPassword(kMediatorPassword);
        for (const auto &[site, login, name] : siteLoginAndName)
            store->putAccount(AccountKind::Mediator, {site, login, name, hash});
    }

    // `environment`: the process's (a test's NOTIFY_SOCKET and the like); the system's if empty.
    bool start(QProcessEnvironment environment = {})
    {
        if (environment.isEmpty())
            environment = QProcessEnvironment::systemEnvironment();
        // Warnings reach the test log; the hub's per-event info lines would drown it.
        environment.insert(QStringLiteral("QT_LOGGING_RULES"),
                           QStringLiteral("relais.hub.*.info=false"));
        QList<QRegularExpression> ready{
            QRegularExpression(QStringLiteral("listening on wss://127\\.0\\.0\\.1:(\\d+)/v1"))};
        const bool browsers = hubConfig()
                                  .value(QStringLiteral("listen"))
                                  .toObject()
                                  .contains(QStringLiteral("browser_port"));
        if (browsers)
            ready.append(QRegularExpression(
                QStringLiteral("browsers' WebSocket on wss://127\\.0\\.0\\.1:(\\d+)/v1")));
        const bool console = hubConfig().contains(QStringLiteral("console"));
        if (console)
            ready.append(QRegularExpression(
                QStringLiteral("agents' console on (https://127\\.0\\.0\\.1:\\d+/)")));
        const bool operations = hubConfig().contains(QStringLiteral("operations"));
        if (operations)
            ready.append(
                QRegularExpression(QStringLiteral("operations on (http://127\\.0\\.0\\.1:\\d+/)")));
        const auto matches =
            m_server.start(QStringLiteral(RELAIS_HUB_EXE),
                           {QStringLiteral("serve"), QStringLiteral("--config"), configPath()},
                           ready, 20000, environment);
        if (matches.isEmpty())
            return false;
        m_port = static_cast<quint16>(matches.at(0).captured(1).toUInt());
        qsizetype next = 1;
        m_browserPort =
            browsers ? static_cast<quint16>(matches.at(next++).captured(1).toUInt()) : m_port;
        m_consoleUrl = console ? matches.at(next++).captured(1) : QString();
        m_operationsUrl = operations ? matches.at(next++).captured(1) : QString();
        return true;
    }

    void kill9() { m_server.kill9(); }
    void stop() { m_server.stop(); }

    QProcess &process() { return m_server.process(); }

    QJsonObject hubConfig() const
    {
        QFile file(configPath());
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                              : QJsonObject();
    }

    QSslCertificate certificate() const
    {
        return QSslCertificate::fromPath(m_path + QStringLiteral("/hub-cert.pem")).value(0);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    relais::test::ServerProcess m_server{5000};
    quint16 m_port = 0;
    quint16 m_browserPort = 0;
    QString m_consoleUrl;
    QString m_operationsUrl;
};

class Client : public QObject
{
public:
    explicit Client(const QSslCertificate &trusted)
    {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({trusted});
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        m_socket.setSslConfiguration(tls);
        connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            receivedNs.append(monotonicNs());
            received.append(QJsonDocument::fromJson(text.toUtf8()).object());
            raw.append(text);
            // As the console does: a hello answered `busy` (too many password checks pending,
            // as when fifty agents log in from one machine) is said again when the hub says.
            const QJsonObject &message = received.last();
            if (!m_pendingHello.isEmpty() &&
                message.value(QStringLiteral("code")).toString() == QLatin1String("busy"))
                QTimer::singleShot(message.value(QStringLiteral("retry_after_s")).toInt(1) * 1000,
                                   this, [this] { m_socket.sendTextMessage(m_pendingHello); });
            else if (message.value(QStringLiteral("type")).toString() != QLatin1String("error") ||
                     message.value(QStringLiteral("fatal")).toBool())
                m_pendingHello.clear();
        });
        connect(&m_socket, &QWebSocket::disconnected, this, [this] { disconnected = true; });
        connect(&m_socket, &QWebSocket::sslErrors, this, [](const QList<QSslError> &errors) {
            for (const QSslError &e : errors)
                qWarning() << "client TLS error:" << e.errorString();
        });
    }

    // Mutual TLS: the certificate and key the kiosk presents in the handshake.
    void setClientCertificate(const QByteArray &certPem, const QByteArray &keyPem)
    {
        QSslConfiguration tls = m_socket.sslConfiguration();
        tls.setLocalCertificate(QSslCertificate(certPem, QSsl::Pem));
        tls.setPrivateKey(QSslKey(keyPem, QSsl::Ec));
        m_socket.setSslConfiguration(tls);
    }

    void open(quint16 port, const QString &path = QStringLiteral("/v1"))
    {
        m_socket.open(QUrl(QStringLiteral("wss://localhost:%1%2").arg(port).arg(path)));
    }
    bool waitConnected(int timeoutMs = 20000)
    {
        return QTest::qWaitFor(
                   [&] {
                       return disconnected || m_socket.state() == QAbstractSocket::ConnectedState;
                   },
                   timeoutMs) &&
               !disconnected;
    }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

    // QWebSocket drops what is sent before the handshake is over, so sending waits for it.
    void send(const QJsonObject &message)
    {
        sendText(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }
    void sendText(const QString &text)
    {
        (void)waitConnected();
        m_socket.sendTextMessage(text);
    }
    void sendBinary(const QByteArray &data)
    {
        (void)waitConnected();
        m_socket.sendBinaryMessage(data);
    }
    void abort() { m_socket.abort(); }
    void close() { m_socket.close(); }
    // The code and reason of the close frame the hub sent, once disconnected.
    QWebSocketProtocol::CloseCode closeCode() const { return m_socket.closeCode(); }
    QString closeReason() const { return m_socket.closeReason(); }

    // The first message of `type` not yet returned by next(); empty on timeout.
    QJsonObject next(const QString &type, int timeoutMs = 20000)
    {
        QJsonObject found;
        (void)QTest::qWaitFor(
            [&] {
                for (qsizetype i = m_cursor.value(type, 0); i < received.size(); ++i) {
                    if (received[i].value(QStringLiteral("type")).toString() == type) {
                        m_cursor[type] = i + 1;
                        found = received[i];
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return found;
    }
    QJsonObject last(const QString &type) const
    {
        for (qsizetype i = received.size() - 1; i >= 0; --i) {
            if (received[i].value(QStringLiteral("type")).toString() == type)
                return received[i];
        }
        return {};
    }
    bool waitDisconnected(int timeoutMs = 20000)
    {
        return QTest::qWaitFor([&] { return disconnected; }, timeoutMs);
    }

    void helloKiosk(const QString &site, const QString &kiosk, const QString &resumeCall = {})
    {
        QJsonObject hello{{QStringLiteral("type"), QStringLiteral("hello")},
                          {QStringLiteral("protocol"), 1},
                          {QStringLiteral("role"), QStringLiteral("kiosk")},
                          {QStringLiteral("site"), site},
                          {QStringLiteral("kiosk"), kiosk},
                          {QStringLiteral("token"), kioskToken(site, kiosk)}};
        if (!resumeCall.isEmpty())
            hello.insert(QStringLiteral("resume_call"), resumeCall);
        send(hello);
    }
    void helloAgent(const QString &agency, const QString &login,
                    const QString &password = QStringLiteral("agent-password"))
    {
        const QJsonObject hello{{QStringLiteral("type"), QStringLiteral("hello")},
                                {QStringLiteral("protocol"), 1},
                                {QStringLiteral("role"), QStringLiteral("agent")},
                                {QStringLiteral("agency"), agency},
                                {QStringLiteral("login"), login},
                                {QStringLiteral("password"), password}};
        m_pendingHello = QString::fromUtf8(QJsonDocument(hello).toJson(QJsonDocument::Compact));
        send(hello);
    }

    // One clock for every client of the process, so that a latency is receive minus send.
    static qint64 monotonicNs()
    {
        static QElapsedTimer clock = [] {
            QElapsedTimer timer;
            timer.start();
            return timer;
        }();
        return clock.nsecsElapsed();
    }

    QList<QJsonObject> received;
    QList<qint64> receivedNs;
    QStringList raw;
    bool disconnected = false;

private:
    QWebSocket m_socket;
    QHash<QString, qsizetype> m_cursor;
    QString m_pendingHello; // an agent's hello not yet answered but by `busy`
};

} // namespace relais::hub::test
