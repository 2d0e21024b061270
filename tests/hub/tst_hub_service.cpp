// SPDX-License-Identifier: EUPL-1.2
// relais-hub as systemd runs it (Type=notify), its key from the credentials folder: READY=1
// once it listens, WATCHDOG=1 from its loop, SIGHUP reloading a renewed certificate while a call
// goes on, SIGHUP taking a new kiosk while another port waits for a restart, a broken
// configuration or certificate on SIGHUP refused with the old ones still serving, the log's
// levels for the journal, and SIGTERM telling every client the hub is going away (1001) before
// exiting 0.
#include "hubprocess.h"
#include "notifysocket.h"

#include <QTcpSocket>
#include <QTest>

#include <csignal>

using namespace relais::hub::test;
using relais::test::NotifySocket;

namespace {

const QString kSite = QStringLiteral("19-allday");
constexpr quint64 kWatchdogUsec = 400'000;

// The process is gone, or goes within `ms` (it may have ended while the test waited for
// something else).
bool exitedWithin(QProcess &process, int ms)
{
    return process.state() == QProcess::NotRunning || process.waitForFinished(ms);
}

} // namespace

class TestHubService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HubProcess> m_hub;
    NotifySocket m_notify;
    QTemporaryDir m_logDir;
    QString m_log;
    // The certificate new connections are expected to see.
    QSslCertificate m_current;
    std::unique_ptr<Client> m_kiosk;
    std::unique_ptr<Client> m_agent;
    QString m_call;

    std::unique_ptr<Client> client(const QSslCertificate &trusted)
    {
        auto c = std::make_unique<Client>(trusted);
        c->open(m_hub->port());
        return c;
    }

    // SIGHUP, and the hub's RELOADING=1 then READY=1: the reload is over.
    bool reload()
    {
        const int before = m_notify.received().size() - 1;
        ::kill(pid_t(m_hub->process().processId()), SIGHUP);
        const int reloading = m_notify.waitFor(QStringLiteral("RELOADING=1"), before);
        return reloading >= 0 && m_notify.waitFor(QStringLiteral("READY=1"), reloading) >= 0;
    }

    // Messages still flow both ways in the call set up at the start.
    bool callGoesOn(int round)
    {
        const QString candidate =
            QStringLiteral("candidate:%1 1 UDP 2122252543 192.0.2.1 5440%1 typ host").arg(round);
        m_kiosk->send(
            {{"type", "ice"}, {"call", m_call}, {"candidate", candidate}, {"sdp_mline_index", 0}});
        m_agent->send(
            {{"type", "ice"}, {"call", m_call}, {"candidate", candidate}, {"sdp_mline_index", 0}});
        return m_agent->next("ice").value("candidate").toString() == candidate &&
               m_kiosk->next("ice").value("candidate").toString() == candidate;
    }

    // A new connection trusting only `certificate` is welcomed.
    bool welcomedTrusting(const QSslCertificate &certificate, int kiosk)
    {
        auto c = client(certificate);
        if (!c->waitConnected(10000))
            return false;
        c->helloKiosk(kSite, QStringLiteral("borne-%1").arg(kiosk));
        return !c->next("welcome", 10000).isEmpty();
    }

    QString log() const
    {
        QFile file(m_log);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

private slots:
    void initTestCase()
    {
        m_hub = std::make_unique<HubProcess>();
        m_hub->addAgents({{"caf", "m.durand"}});
        // Standard error to a file named in JOURNAL_STREAM, as the journal's stream would be.
        m_log = m_logDir.filePath(QStringLiteral("stderr.log"));
        QFile touch(m_log);
        QVERIFY(touch.open(QIODevice::WriteOnly));
        touch.close();
        m_hub->process().setProcessChannelMode(QProcess::SeparateChannels);
        m_hub->process().setStandardErrorFile(m_log);
        // The key as LoadCredential= hands it over: the unit's credentials folder is the
        // hub's own here.
        QJsonObject config = m_hub->hubConfig();
        QJsonObject tls = config.value(QStringLiteral("tls")).toObject();
        tls.insert(QStringLiteral("key"), QStringLiteral("${CREDENTIALS_DIRECTORY}/hub-key.pem"));
        config.insert(QStringLiteral("tls"), tls);
        QFile file(m_hub->configPath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(config).toJson());
        file.close();
        QProcessEnvironment environment = m_notify.environment(kWatchdogUsec);
        environment.insert(QStringLiteral("JOURNAL_STREAM"), NotifySocket::journalStream(m_log));
        environment.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), m_hub->path());
        QVERIFY(m_hub->start(environment));
        m_current = m_hub->certificate();
    }

    void credentialsWithoutTheirFolderAreRefused()
    {
        QProcess check;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("CREDENTIALS_DIRECTORY"));
        check.setProcessEnvironment(environment);
        check.start(
            QStringLiteral(RELAIS_HUB_EXE),
            {QStringLiteral("--check-config"), QStringLiteral("--config"), m_hub->configPath()});
        QVERIFY(check.waitForFinished(20000));
        QCOMPARE(check.exitCode(), 2);
        QVERIFY2(check.readAllStandardError().contains(
                     "field \"tls.key\" starts with ${CREDENTIALS_DIRECTORY}/ but "
                     "CREDENTIALS_DIRECTORY is not set"),
                 "the error names the field and the variable");
    }

    void readyOnceListeningAndWatchdogFromTheLoop()
    {
        // READY=1 is sent once the port is open: by then a connection is accepted.
        QVERIFY(m_notify.waitFor(QStringLiteral("READY=1")) >= 0);
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_hub->port());
        QVERIFY(probe.waitForConnected(5000));
        // The watchdog keeps being fed while the hub serves.
        const int first = m_notify.waitFor(QStringLiteral("WATCHDOG=1"));
        QVERIFY(first >= 0);
        int last = first;
        for (int i = 0; i < 3; ++i) {
            last = m_notify.waitFor(QStringLiteral("WATCHDOG=1"), last);
            QVERIFY(last > first);
        }
    }

    void callSetUp()
    {
        m_kiosk = client(m_current);
        m_kiosk->helloKiosk(kSite, QStringLiteral("borne-1"));
        m_agent = client(m_current);
        m_agent->helloAgent(QStringLiteral("caf"), QStringLiteral("m.durand"));
        QVERIFY(!m_kiosk->next("welcome").isEmpty());
        QVERIFY(!m_agent->next("welcome").isEmpty());
        m_kiosk->send({{"type", "request"}, {"agency", "caf"}});
        const QString request = m_kiosk->next("queued").value("request").toString();
        m_agent->send({{"type", "take"}, {"request", request}});
        m_call = m_agent->next("call").value("call").toString();
        QVERIFY(!m_call.isEmpty());
        QCOMPARE(m_kiosk->next("call").value("call").toString(), m_call);
        QVERIFY(callGoesOn(0));
    }

    void sighupTakesARenewedCertificateWhileTheCallGoesOn()
    {
        const QSslCertificate old = m_current;
        // A renewed certificate and key (a new key pair, a new serial) over the files in use.
        QTemporaryDir renewed;
        QCOMPARE(QProcess::execute(
                     QStringLiteral(RELAIS_HUB_EXE),
                     {QStringLiteral("make-demo-cert"), QStringLiteral("--out"), renewed.path()}),
                 0);
        for (const QString &name :
             {QStringLiteral("hub-cert.pem"), QStringLiteral("hub-key.pem")}) {
            QFile::remove(m_hub->path() + u'/' + name);
            QVERIFY(QFile::copy(renewed.filePath(name), m_hub->path() + u'/' + name));
        }
        m_current = m_hub->certificate();
        QVERIFY(m_current.serialNumber() != old.serialNumber());
        // Before the reload the hub still presents the old one.
        QVERIFY(welcomedTrusting(old, 2));
        QVERIFY(reload());
        QVERIFY(welcomedTrusting(m_current, 2));
        QVERIFY(!welcomedTrusting(old, 3));
        QVERIFY(m_kiosk->isConnected() && m_agent->isConnected());
        QVERIFY(callGoesOn(1));
    }

    void sighupTakesTheSitesAndKeepsWhatNeedsARestart()
    {
        auto hello = [&](const QString &kiosk) {
            auto c = client(m_current);
            c->helloKiosk(kSite, kiosk);
            (void)QTest::qWaitFor([&] { return !c->received.isEmpty(); }, 10000);
            return c->received.value(0).value(QStringLiteral("type")).toString();
        };
        QCOMPARE(hello(QStringLiteral("borne-4")), QStringLiteral("error"));
        // A fourth kiosk at the site, and another port, which only a restart can take.
        const QJsonObject before = m_hub->hubConfig();
        QJsonObject config = before;
        QJsonArray sites = config.value(QStringLiteral("sites")).toArray();
        for (qsizetype i = 0; i < sites.size(); ++i) {
            QJsonObject site = sites[i].toObject();
            if (site.value(QStringLiteral("id")).toString() == kSite)
                site.insert(QStringLiteral("kiosks"), kiosks(kSite, 4));
            sites[i] = site;
        }
        config.insert(QStringLiteral("sites"), sites);
        QJsonObject listen = config.value(QStringLiteral("listen")).toObject();
        listen.insert(QStringLiteral("port"), 1);
        config.insert(QStringLiteral("listen"), listen);
        auto write = [&](const QJsonObject &json) {
            QFile file(m_hub->configPath());
            return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
                   file.write(QJsonDocument(json).toJson()) > 0;
        };
        QVERIFY(write(config));
        QVERIFY(reload());
        QCOMPARE(hello(QStringLiteral("borne-4")), QStringLiteral("welcome"));
        QVERIFY(callGoesOn(2));
        QVERIFY(!log()
                     .split(u'\n')
                     .filter(QRegularExpression(
                         QStringLiteral("^<4>.*change at the next restart: listen$")))
                     .isEmpty());
        QVERIFY(write(before));
    }

    void sighupRefusesABrokenConfigurationOrCertificate()
    {
        const QByteArray config = [&] {
            QFile file(m_hub->configPath());
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }();
        QVERIFY(!config.isEmpty());
        auto rewrite = [](const QString &path, const QByteArray &bytes) {
            QFile file(path);
            return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
                   file.write(bytes) == bytes.size();
        };
        // Not JSON at all.
        QVERIFY(rewrite(m_hub->configPath(), "{\"format\": \"relais-hub-config/1\","));
        QVERIFY(reload());
        QVERIFY(welcomedTrusting(m_current, 2));
        QVERIFY(callGoesOn(3));
        // A valid file whose certificate is not one.
        QVERIFY(rewrite(m_hub->configPath(), config));
        const QString certPath = m_hub->path() + QStringLiteral("/hub-cert.pem");
        const QByteArray certificate = [&] {
            QFile file(certPath);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }();
        QVERIFY(rewrite(certPath, "-----BEGIN CERTIFICATE-----\nnot one\n"));
        QVERIFY(reload());
        QVERIFY(welcomedTrusting(m_current, 2));
        QVERIFY(callGoesOn(4));
        QVERIFY(rewrite(certPath, certificate));

        // Each refusal reached the log as an error for the journal; every line has its level.
        const QStringList lines = log().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("^<3>.*reload refused"))).size(),
                 2);
        QVERIFY(!lines.filter(QRegularExpression(QStringLiteral("^<6>.*reloading"))).isEmpty());
        for (const QString &line : lines)
            QVERIFY2(QRegularExpression(QStringLiteral("^<[0-7]>")).match(line).hasMatch(),
                     qPrintable(line));
    }

    void sigtermSaysGoingAwayAndExitsZero()
    {
        auto idle = client(m_current);
        QVERIFY(idle->waitConnected());
        const int before = m_notify.received().size() - 1;
        m_hub->process().terminate();
        QVERIFY(m_notify.waitFor(QStringLiteral("STOPPING=1"), before) >= 0);
        for (Client *c : {m_kiosk.get(), m_agent.get(), idle.get()}) {
            QVERIFY(c->waitDisconnected());
            QCOMPARE(c->closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
            QCOMPARE(c->closeReason(), QStringLiteral("hub_stopping"));
        }
        // systemd's stop waits 10 s before it kills.
        QVERIFY(exitedWithin(m_hub->process(), 10000));
        QCOMPARE(m_hub->process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_hub->process().exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHubService)
#include "tst_hub_service.moc"
