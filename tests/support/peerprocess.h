// SPDX-License-Identifier: EUPL-1.2
#pragma once

// relais-peer as a child process, its JSON-line events collected with the time they arrived,
// and a TCP relay that the tests cut to drop a peer's hub connection without touching the hub.

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <functional>

#include <csignal>
#include <sys/prctl.h>

namespace relais::e2e {

// Children die with the test even when ctest kills it on a timeout, so no hub, relay or peer
// is left holding ports and CPU for the next test.
inline void dieWithParent(QProcess &process)
{
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

// relais-peer's test sources at `size` and `fps`, its sound to nowhere, and its ICE candidates
// from `localAddress` only.
inline QStringList testMediaArguments(const QString &size, int fps, const QString &localAddress)
{
    return {QStringLiteral("--test-sources"),
            QStringLiteral("--size"),
            size,
            QStringLiteral("--fps"),
            QString::number(fps),
            QStringLiteral("--audio-sink"),
            QStringLiteral("fakesink"),
            QStringLiteral("--local-address"),
            localAddress};
}

class PeerProcess
{
public:
    explicit PeerProcess(const QString &name) : m_name(name)
    {
        m_clock.start();
        // The peers' logs go to the test's log; their stdout is the event stream.
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        dieWithParent(m_process);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                         [this] { readLines(); });
    }
    ~PeerProcess()
    {
        // No leftover may outlive the test, whatever state it failed in.
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    PeerProcess(const PeerProcess &) = delete;
    PeerProcess &operator=(const PeerProcess &) = delete;

    // launcher: what runs relais-peer, e.g. {"ip", "netns", "exec", name} (it execs, so the
    // process is relais-peer itself).
    bool start(const QStringList &arguments, const QStringList &launcher = {})
    {
        if (launcher.isEmpty())
            m_process.start(QStringLiteral(RELAIS_PEER_EXE), arguments);
        else
            m_process.start(launcher.first(), launcher.mid(1) +
                                                  QStringList{QStringLiteral(RELAIS_PEER_EXE)} +
                                                  arguments);
        return m_process.waitForStarted(10000);
    }
    qint64 pid() const { return m_process.processId(); }
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    bool waitFinished(int timeoutMs)
    {
        return QTest::qWaitFor([this] { return !running(); }, timeoutMs);
    }
    int exitCode() const
    {
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    QList<QJsonObject> all(const QString &event) const
    {
        QList<QJsonObject> found;
        for (const QJsonObject &e : m_events) {
            if (e.value(QStringLiteral("event")).toString() == event)
                found.append(e);
        }
        return found;
    }
    bool has(const QString &event, const std::function<bool(const QJsonObject &)> &pred = {}) const
    {
        for (const QJsonObject &e : all(event)) {
            if (!pred || pred(e))
                return true;
        }
        return false;
    }
    bool waitFor(const QString &event, int timeoutMs,
                 const std::function<bool(const QJsonObject &)> &pred = {})
    {
        return QTest::qWaitFor([&] { return has(event, pred); }, timeoutMs);
    }
    // Milliseconds since this object was made when the first such event arrived (and matched
    // `pred`); -1 if none.
    qint64 firstAtMs(const QString &event,
                     const std::function<bool(const QJsonObject &)> &pred = {}) const
    {
        for (qsizetype i = 0; i < m_events.size(); ++i) {
            if (m_events[i].value(QStringLiteral("event")).toString() == event &&
                (!pred || pred(m_events[i])))
                return m_times[i];
        }
        return -1;
    }
    // The wall-clock time (ms since the epoch) relais-peer stamped on the first such event;
    // -1 if none.
    qint64 firstWallMs(const QString &event,
                       const std::function<bool(const QJsonObject &)> &pred = {}) const
    {
        for (const QJsonObject &e : all(event)) {
            if (!pred || pred(e))
                return e.value(QStringLiteral("wall_ms")).toInteger(-1);
        }
        return -1;
    }
    double maxStat(const char *field) const
    {
        double best = 0;
        for (const QJsonObject &e : all(QStringLiteral("stats")))
            best = std::max(best, e.value(QLatin1String(field)).toDouble());
        return best;
    }
    QString dump() const
    {
        QString text;
        for (const QJsonObject &e : m_events) {
            if (e.value(QStringLiteral("event")).toString() != QLatin1String("document_progress"))
                text += m_name + QStringLiteral(": ") +
                        QString::fromUtf8(QJsonDocument(e).toJson(QJsonDocument::Compact)) +
                        QLatin1Char('\n');
        }
        return text;
    }

private:
    void readLines()
    {
        m_buffer += m_process.readAllStandardOutput();
        qsizetype nl;
        while ((nl = m_buffer.indexOf('\n')) >= 0) {
            const QJsonDocument doc = QJsonDocument::fromJson(m_buffer.left(nl));
            m_buffer.remove(0, nl + 1);
            if (doc.isObject()) {
                m_events.append(doc.object());
                m_times.append(m_clock.elapsed());
            }
        }
    }

    QString m_name;
    QProcess m_process;
    QByteArray m_buffer;
    QElapsedTimer m_clock;
    QList<QJsonObject> m_events;
    QList<qint64> m_times;
};

// Relays TCP connections on 127.0.0.1 to a port; cut() drops them all at once, as a flaky
// rural link would, while new connections keep working.
class TcpProxy : public QObject
{
public:
    explicit TcpProxy(quint16 target) : m_target(target)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                relay(client);
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    int connections() const { return m_connections; }
    void cut()
    {
        for (QTcpSocket *s : findChildren<QTcpSocket *>())
            s->abort();
    }

private:
    void relay(QTcpSocket *client)
    {
        ++m_connections;
        client->setParent(this);
        auto *upstream = new QTcpSocket(this);
        upstream->connectToHost(QHostAddress::LocalHost, m_target);
        auto pipe = [](QTcpSocket *from, QTcpSocket *to) {
            connect(from, &QTcpSocket::readyRead, to, [from, to] {
                if (to->state() == QAbstractSocket::ConnectedState)
                    to->write(from->readAll());
            });
            connect(from, &QTcpSocket::disconnected, to, [from, to] {
                to->disconnectFromHost();
                from->deleteLater();
            });
        };
        pipe(client, upstream);
        pipe(upstream, client);
        // What the client said while the upstream connection was being made.
        connect(upstream, &QTcpSocket::connected, client,
                [client, upstream] { upstream->write(client->readAll()); });
    }

    QTcpServer m_server;
    quint16 m_target;
    int m_connections = 0;
};

} // namespace relais::e2e
