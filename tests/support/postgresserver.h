// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace relais::observatory::test {

// A real PostgreSQL 15 cluster for one test: initdb in a temporary folder, the server on a free
// port with its socket in that folder, stopped and removed at the end. PostgreSQL refuses to
// run as root, so under root it runs as the `postgres` user through runuser.
class PostgresServer
{
public:
    PostgresServer() : m_dir(QDir::tempPath() + QStringLiteral("/relais-pg-XXXXXX"))
    {
        QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                QFile::ReadGroup | QFile::ExeGroup |
                                                QFile::ReadOther | QFile::WriteOther |
                                                QFile::ExeOther);
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
        probe.close();
    }
    ~PostgresServer() { stop(); }

    static QString binary(const QString &name)
    {
        const QString debian = QStringLiteral("/usr/lib/postgresql/15/bin/") + name;
        return QFile::exists(debian) ? debian : QStandardPaths::findExecutable(name);
    }

    bool start()
    {
        const QString data = m_dir.path() + QStringLiteral("/data");
        if (!run(binary(QStringLiteral("initdb")),
                 {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("postgres"),
                  QStringLiteral("--auth=trust"), QStringLiteral("--no-sync"), QStringLiteral("-E"),
                  QStringLiteral("UTF8")}))
            return false;
        // fsync stays on: the crash test relies on PostgreSQL's normal durability.
        const QString options =
            QStringLiteral("-k %1 -p %2 -c listen_addresses=''").arg(m_dir.path()).arg(m_port);
        if (!run(binary(QStringLiteral("pg_ctl")),
                 {QStringLiteral("-D"), data, QStringLiteral("-o"), options, QStringLiteral("-w"),
                  QStringLiteral("-l"), m_dir.path() + QStringLiteral("/log"),
                  QStringLiteral("start")}))
            return false;
        m_running = true;
        return true;
    }

    void stop()
    {
        if (!m_running)
            return;
        run(binary(QStringLiteral("pg_ctl")),
            {QStringLiteral("-D"), m_dir.path() + QStringLiteral("/data"), QStringLiteral("-m"),
             QStringLiteral("immediate"), QStringLiteral("stop")});
        m_running = false;
    }

    QString url(const QString &database = QStringLiteral("postgres")) const
    {
        return QStringLiteral("postgresql://postgres@/%1?host=%2&port=%3")
            .arg(database, m_dir.path())
            .arg(m_port);
    }

    // A folder the server's user may write (a dump, for instance).
    QString directory() const { return m_dir.path(); }

    // Runs one of PostgreSQL's client programs (createdb, pg_dump, pg_restore…) against this
    // server, as its user, the way an operator would.
    bool tool(const QString &name, const QStringList &arguments)
    {
        return run(binary(name),
                   QStringList{QStringLiteral("--host"), m_dir.path(), QStringLiteral("--port"),
                               QString::number(m_port), QStringLiteral("--username"),
                               QStringLiteral("postgres")} +
                       arguments);
    }
    // The same, started and left running (a dump taken while the test writes).
    void startTool(QProcess &process, const QString &name, const QStringList &arguments) const
    {
        const QStringList full = QStringList{binary(name),
                                             QStringLiteral("--host"),
                                             m_dir.path(),
                                             QStringLiteral("--port"),
                                             QString::number(m_port),
                                             QStringLiteral("--username"),
                                             QStringLiteral("postgres")} +
                                 arguments;
        process.setProcessChannelMode(QProcess::ForwardedChannels);
        if (geteuid() == 0)
            process.start(QStringLiteral("runuser"),
                          QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                      QStringLiteral("--")} +
                              full);
        else
            process.start(full.first(), full.mid(1));
    }

private:
    bool run(const QString &program, const QStringList &arguments)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        if (geteuid() == 0)
            process.start(QStringLiteral("runuser"),
                          QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                      QStringLiteral("--"), program} +
                              arguments);
        else
            process.start(program, arguments);
        if (!process.waitForFinished(120000) || process.exitCode() != 0) {
            qWarning() << program << arguments << "failed:" << process.readAll();
            return false;
        }
        return true;
    }

    QTemporaryDir m_dir;
    quint16 m_port = 0;
    bool m_running = false;
};

} // namespace relais::observatory::test
