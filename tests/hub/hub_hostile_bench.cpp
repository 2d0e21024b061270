// SPDX-License-Identifier: EUPL-1.2
// A kiosk's call setup through relais-hub under a hostile load, and without it, in one run:
// the kiosk's TLS connection, hello, request, the agent's take (at once, as soon as the
// request is queued), until the kiosk has its `call`; median of 60 calls each way. The load:
// 2,000 idle TCP connections kept open from 127.0.0.2 to 127.0.0.64 (so that the per-address
// cap alone does not stop them; any the hub closes is opened again) and 50 agent hellos a
// second with a wrong password (from 127.0.0.100 to 127.0.0.149). Prints
// `hub_hostile_call_setup_unloaded`, `hub_hostile_call_setup_loaded` (ms), `hub_hostile_ratio`,
// and what the load achieved. Not a test: run it with tests/bench/hub_hostile.sh (which raises
// the descriptor limit).
//
// The attacker is this same program run again with --attacker, as a process of its own at
// SCHED_IDLE: a real attacker is on other machines, and here, on the same two cores, its own
// event loop going over 2,000 sockets would otherwise be measured as if it were the hub's cost.
// It still sends everything it can; what it achieved is printed next to the figures.
#include "hubprocess.h"
#include "medianof.h"
#include "websocketframe.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryFile>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

#include <sched.h>

using namespace relais::hub::test;

namespace {

const QString kSite = QStringLiteral("19-allday");
constexpr int kCalls = 60;
int idleTarget = 2000;
int guessesPerSecond = 50;

// The attacker, in its own process (see above).
class HostileLoad : public QObject
{
public:
    HostileLoad(quint16 port, QSslCertificate certificate)
        : m_port(port), m_certificate(std::move(certificate))
    {}

    int held = 0;
    int reopened = 0;
    int guesses = 0;
    int guessesRefused = 0;

    void start()
    {
        auto *topUp = new QTimer(this);
        connect(topUp, &QTimer::timeout, this, &HostileLoad::topUp);
        topUp->start(20);
        if (guessesPerSecond > 0) {
            auto *guess = new QTimer(this);
            connect(guess, &QTimer::timeout, this, &HostileLoad::guess);
            guess->start(1000 / guessesPerSecond);
        }
    }

private:
    void topUp()
    {
        // At most 20 new connections a tick (1,000 a second): the held connections come back as
        // the hub closes them, without turning into a connect storm.
        for (int i = 0; i < 20 && m_open < idleTarget; ++i) {
            auto *socket = new QTcpSocket(this);
            socket->bind(QHostAddress(QStringLiteral("127.0.0.%1").arg(2 + m_next++ % 63)));
            ++m_open;
            connect(socket, &QTcpSocket::connected, this, [this, socket] {
                socket->setProperty("up", true);
                ++held;
            });
            // A socket the hub refused or closed, seen once whichever signal comes first.
            auto gone = [this, socket] {
                if (socket->state() != QAbstractSocket::UnconnectedState ||
                    socket->property("gone").toBool())
                    return;
                socket->setProperty("gone", true);
                if (socket->property("up").toBool())
                    --held;
                --m_open;
                ++reopened;
                socket->deleteLater();
            };
            connect(socket, &QTcpSocket::disconnected, this, gone);
            connect(socket, &QTcpSocket::errorOccurred, this, gone);
            socket->connectToHost(QHostAddress::LocalHost, m_port);
        }
    }

    // A wrong password, over a WebSocket written by hand: QWebSocket cannot choose its source
    // address, and the guesses must not come from the measured kiosk's (127.0.0.1).
    void guess()
    {
        // The hub answers guesses more slowly than they come (each is a PBKDF2): the attacker
        // keeps sending; only a runaway of the bench itself is bounded.
        if (m_guessing >= 2000)
            return;
        ++m_guessing;
        ++guesses;
        auto *socket = new QSslSocket(this);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({m_certificate});
        socket->setSslConfiguration(tls);
        socket->bind(QHostAddress(QStringLiteral("127.0.0.%1").arg(100 + m_nextGuess++ % 50)));
        connect(socket, &QSslSocket::encrypted, socket, [this, socket] {
            socket->write(QStringLiteral("GET /v1 HTTP/1.1\r\nHost: localhost:%1\r\n"
                                         "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                         "Sec-WebSocket-Version: 13\r\n\r\n")
                              .arg(m_port)
                              .toLatin1());
        });
        connect(socket, &QIODevice::readyRead, socket, [this, socket] {
            const QByteArray in = socket->readAll();
            if (in.startsWith("HTTP/1.1 101")) {
                const QByteArray hello =
                    QStringLiteral("{\"type\":\"hello\",\"protocol\":1,\"role\":\"agent\","
                                   "\"agency\":\"caf\",\"login\":\"agent-1\","
                                   "\"password\":\"guess-%1\"}")
                        .arg(QRandomGenerator::global()->generate())
                        .toLatin1();
                socket->write(relais::test::clientTextFrame(hello));
            }
            if (in.contains("unauthorized"))
                ++guessesRefused;
        });
        auto gone = [this, socket] {
            if (socket->state() != QAbstractSocket::UnconnectedState ||
                socket->property("gone").toBool())
                return;
            socket->setProperty("gone", true);
            --m_guessing;
            socket->deleteLater();
        };
        connect(socket, &QSslSocket::disconnected, this, gone);
        connect(socket, &QSslSocket::errorOccurred, this, gone);
        socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_port,
                                       QStringLiteral("localhost"));
    }

    quint16 m_port;
    QSslCertificate m_certificate;
    int m_open = 0;
    int m_next = 0;
    int m_guessing = 0;
    int m_nextGuess = 0;
};

// Runs the attacker until killed, reporting what it holds twice a second on standard output.
int runAttacker(quint16 port, const QString &certificatePath)
{
    sched_param lowest{};
    if (sched_setscheduler(0, SCHED_IDLE, &lowest) != 0)
        std::fprintf(stderr, "hub_hostile: the attacker runs at normal priority\n");
    QFile pem(certificatePath);
    if (!pem.open(QIODevice::ReadOnly))
        return 1;
    HostileLoad load(port, QSslCertificate(pem.readAll()));
    load.start();
    QTimer report;
    QObject::connect(&report, &QTimer::timeout, &load, [&load] {
        std::printf("%d %d %d %d\n", load.held, load.reopened, load.guesses, load.guessesRefused);
        std::fflush(stdout);
    });
    report.start(500);
    return QCoreApplication::exec();
}

// The parent's view of the attacker process: its last report.
class AttackerProcess
{
public:
    int held = 0;
    int reopened = 0;
    int guesses = 0;
    int guessesRefused = 0;

    bool start(quint16 port, const QSslCertificate &certificate)
    {
        if (!m_pem.open())
            return false;
        m_pem.write(certificate.toPem());
        m_pem.flush();
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process, [this] {
            while (m_process.canReadLine()) {
                const QList<QByteArray> f = m_process.readLine().trimmed().split(' ');
                if (f.size() == 4) {
                    held = f[0].toInt();
                    reopened = f[1].toInt();
                    guesses = f[2].toInt();
                    guessesRefused = f[3].toInt();
                }
            }
        });
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("--attacker"), QString::number(port), m_pem.fileName(),
                         QStringLiteral("--idle"), QString::number(idleTarget),
                         QStringLiteral("--guesses"), QString::number(guessesPerSecond)});
        return m_process.waitForStarted();
    }

    ~AttackerProcess()
    {
        m_process.kill();
        m_process.waitForFinished();
    }

private:
    QTemporaryFile m_pem;
    QProcess m_process;
};

// The measured side, driven by its sockets' signals (no polling, which would add its own
// sleeps): the agent stays logged in; each call is a new kiosk connection.
class CallDriver : public QObject
{
public:
    CallDriver(quint16 port, const QSslCertificate &certificate)
        : m_url(QStringLiteral("wss://localhost:%1/v1").arg(port))
    {
        m_tls = QSslConfiguration::defaultConfiguration();
        m_tls.setCaCertificates({certificate});
        m_agent.setSslConfiguration(m_tls);
        connect(&m_agent, &QWebSocket::textMessageReceived, this, &CallDriver::fromAgent);
        connect(&m_agent, &QWebSocket::connected, this, [this] {
            send(m_agent, {{"type", "hello"},
                           {"protocol", 1},
                           {"role", "agent"},
                           {"agency", "caf"},
                           {"login", "agent-1"},
                           {"password", "agent-password"}});
        });
    }

    bool logIn()
    {
        m_agent.open(QUrl(m_url));
        return wait([this] { return m_agentReady; });
    }

    // One call from the kiosk's TCP connection to its `call`; ms, or -1 if it did not happen.
    double callSetup(int kiosk)
    {
        QWebSocket socket;
        socket.setSslConfiguration(m_tls);
        QString call;
        bool ended = false;
        connect(&socket, &QWebSocket::connected, this, [&] {
            send(socket, {{"type", "hello"},
                          {"protocol", 1},
                          {"role", "kiosk"},
                          {"site", kSite},
                          {"kiosk", QStringLiteral("borne-%1").arg(kiosk)},
                          {"token", kioskToken(kSite, QStringLiteral("borne-%1").arg(kiosk))}});
        });
        connect(&socket, &QWebSocket::textMessageReceived, this, [&](const QString &text) {
            const QJsonObject m = QJsonDocument::fromJson(text.toUtf8()).object();
            const QString type = m.value(QStringLiteral("type")).toString();
            if (type == QLatin1String("welcome"))
                send(socket, {{"type", "request"}, {"agency", "caf"}});
            else if (type == QLatin1String("queued"))
                send(m_agent, {{"type", "take"}, {"request", m.value("request")}});
            else if (type == QLatin1String("call") && call.isEmpty())
                call = m.value(QStringLiteral("call")).toString();
            else if (type == QLatin1String("ended"))
                ended = true;
        });
        QElapsedTimer clock;
        clock.start();
        socket.open(QUrl(m_url));
        if (!wait([&] { return !call.isEmpty(); }))
            return -1;
        const double elapsed = clock.nsecsElapsed() / 1e6;
        send(m_agent, {{"type", "hangup"}, {"call", call}});
        wait([&] { return ended; });
        socket.close();
        wait([&] { return socket.state() == QAbstractSocket::UnconnectedState; });
        return elapsed;
    }

private:
    static void send(QWebSocket &socket, const QJsonObject &message)
    {
        socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }

    void fromAgent(const QString &text)
    {
        if (text.contains(QLatin1String("\"welcome\"")))
            m_agentReady = true;
    }

    // Runs the event loop, sleeping only in it, until `done` or 60 s. (processEvents with a
    // time limit never sleeps: it would spin a core the hub needs.)
    static bool wait(const std::function<bool()> &done)
    {
        QElapsedTimer clock;
        clock.start();
        QTimer deadlineCheck;
        deadlineCheck.start(100);
        while (!done() && clock.elapsed() < 60000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        return done();
    }

    QString m_url;
    QSslConfiguration m_tls;
    QWebSocket m_agent;
    bool m_agentReady = false;
};

QList<double> measure(CallDriver &driver, int firstKiosk)
{
    QList<double> samples;
    for (int i = 0; i < kCalls; ++i) {
        const double ms = driver.callSetup(firstKiosk + i);
        if (ms >= 0)
            samples << ms;
        // The agent's take and hangup stay well under the hub's 50 messages a second.
        QEventLoop pause;
        QTimer::singleShot(150, &pause, &QEventLoop::quit);
        pause.exec();
    }
    return samples;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // --idle N and --guesses N (per second) change the load, to see what each part costs;
    // --attacker PORT CERTIFICATE is the load's own process.
    const QStringList arguments = app.arguments();
    quint16 attackPort = 0;
    QString attackCertificate;
    for (qsizetype i = 1; i + 1 < arguments.size(); i += 2) {
        if (arguments[i] == QLatin1String("--idle"))
            idleTarget = arguments[i + 1].toInt();
        else if (arguments[i] == QLatin1String("--guesses"))
            guessesPerSecond = arguments[i + 1].toInt();
        else if (arguments[i] == QLatin1String("--attacker") && i + 2 < arguments.size()) {
            attackPort = arguments[i + 1].toUShort();
            attackCertificate = arguments[i + 2];
            ++i;
        }
    }
    if (attackPort != 0)
        return runAttacker(attackPort, attackCertificate);

    ConfigOptions options;
    options.kiosksPerSite = 2 * kCalls;
    HubProcess hub(options);
    hub.addAgents({{QStringLiteral("caf"), QStringLiteral("agent-1")}});
    if (!hub.start())
        return 1;

    CallDriver driver(hub.port(), hub.certificate());
    if (!driver.logIn())
        return 1;

    const QList<double> unloaded = measure(driver, 1);

    int heldAtStart = 0;
    int heldAtEnd = 0;
    int reopened = 0;
    int guessesRefused = 0;
    double guessRate = 0;
    QList<double> loaded;
    {
        AttackerProcess load;
        if (!load.start(hub.port(), hub.certificate()))
            return 1;
        // The flood builds up to what the hub lets it hold, and goes on past the hub's hello
        // deadline (10 s), so that the loaded calls meet the steady state: the hub closing
        // silent connections and the attacker opening them again.
        QElapsedTimer rampUp;
        rampUp.start();
        int before = -1;
        while (rampUp.elapsed() < 30000) {
            QTest::qWait(1000);
            if (rampUp.elapsed() > 12000 && load.held == before && load.reopened > 0)
                break;
            before = load.held;
        }
        heldAtStart = load.held;
        const int guessesBefore = load.guesses;
        QElapsedTimer loadedClock;
        loadedClock.start();
        loaded = measure(driver, 1 + kCalls);
        QTest::qWait(600); // the attacker's report covering the last call
        const double loadedS = loadedClock.elapsed() / 1000.0;
        guessRate = loadedS > 0 ? (load.guesses - guessesBefore) / loadedS : 0.0;
        heldAtEnd = load.held;
        reopened = load.reopened;
        guessesRefused = load.guessesRefused;
    }

    const double a = relais::test::medianOf(unloaded);
    const double b = relais::test::medianOf(loaded);
    std::printf("hub_hostile_idle_held: %d connections at the start, %d at the end (%d opened "
                "again after the hub closed them)\n",
                heldAtStart, heldAtEnd, reopened);
    std::printf("hub_hostile_guesses: %.1f per s (%d refused as unauthorized in all)\n", guessRate,
                guessesRefused);
    std::printf("hub_hostile_calls: %lld unloaded, %lld loaded (of %d each)\n",
                static_cast<long long>(unloaded.size()), static_cast<long long>(loaded.size()),
                kCalls);
    std::printf("hub_hostile_call_setup_unloaded: %.2f ms\n", a);
    std::printf("hub_hostile_call_setup_loaded: %.2f ms\n", b);
    std::printf("hub_hostile_ratio: %.2f\n", a > 0 ? b / a : 0.0);
    hub.stop();
    return unloaded.size() == kCalls && loaded.size() == kCalls ? 0 : 1;
}
