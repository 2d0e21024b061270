// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QDeadlineTimer>
#include <QDir>
#include <QProcess>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

namespace relais::test {

// One relais-kiosk-driven process (tests/system/kioskdriver.h) on the offscreen platform: its
// own data folder and configuration, the environment of the machine it would run on (CUPS
// server, the web engine's flags), and its screens tapped one command at a time.
class KioskProcess
{
public:
    explicit KioskProcess(QString name) : m_name(std::move(name)) {}
    ~KioskProcess() { stop(); }

    bool start(const QString &config, const QString &dataDirectory,
               const QProcessEnvironment &environment)
    {
        m_process.setProcessEnvironment(environment);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.setReadChannel(QProcess::StandardOutput);
        // The kiosk's own log goes to the test's, named.
        QObject::connect(&m_process, &QProcess::readyReadStandardError, [this] {
            const QList<QByteArray> lines = m_process.readAllStandardError().split('\n');
            for (const QByteArray &line : lines)
                if (!line.trimmed().isEmpty())
                    qInfo().noquote() << m_name << '|' << QString::fromUtf8(line);
        });
        // The kiosk dies with the test even when ctest kills it on a timeout.
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_process.start(QStringLiteral(RELAIS_KIOSK_DRIVEN_EXE),
                        {QStringLiteral("--windowed"), QStringLiteral("--config"), config,
                         QStringLiteral("--data-dir"), dataDirectory});
        return m_process.waitForStarted(10000) && reply(60000) == QLatin1String("ready");
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.closeWriteChannel(); // the driver quits when its input ends
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    // Sends one command; the reply's text, or a null string with lastError() set.
    QString run(const QString &command, int timeoutMs = 10000)
    {
        m_process.write(command.toUtf8() + '\n');
        return reply(timeoutMs);
    }
    bool ok(const QString &command, int timeoutMs = 10000)
    {
        return !run(command, timeoutMs).isNull();
    }
    QString lastError() const { return m_name + QStringLiteral(": ") + m_error; }
    void setLastError(const QString &error) { m_error = error.mid(m_name.size() + 2); }
    QString name() const { return m_name; }

    bool tap(const QString &name) { return ok(QStringLiteral("tap ") + name); }
    bool tapText(const QString &text) { return ok(QStringLiteral("tapText ") + text); }
    bool wait(const QString &name, int ms = 10000)
    {
        return ok(QStringLiteral("wait %1 %2").arg(name).arg(ms), ms + 5000);
    }
    bool waitText(const QString &text, int ms = 10000)
    {
        return ok(QStringLiteral("waitText %1 %2").arg(text).arg(ms), ms + 5000);
    }
    QString text(const QString &name) { return run(QStringLiteral("text ") + name); }
    // Until the item named `name` is visible and enabled.
    bool waitEnabled(const QString &name, int ms)
    {
        QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired()) {
            if (run(QStringLiteral("property %1 enabled").arg(name)) == QLatin1String("true"))
                return true;
            QTest::qWait(100);
        }
        m_error = QStringLiteral("%1 is not enabled").arg(name);
        return false;
    }
    QString state() { return run(QStringLiteral("state")); }
    bool shot(const QString &path) { return ok(QStringLiteral("shot ") + path); }
    // Until the session is in `state` (Attract, Home, …).
    bool waitState(const QString &state, int ms)
    {
        QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired()) {
            if (this->state() == state)
                return true;
            QTest::qWait(100);
        }
        m_error = QStringLiteral("still %1, not %2").arg(this->state(), state);
        return false;
    }

private:
    QString reply(int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            while (m_process.canReadLine()) {
                const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
                if (line.startsWith(QLatin1String("driver: ok")))
                    return line.size() > 11 ? line.mid(11) : QStringLiteral(""); // never null
                if (line.startsWith(QLatin1String("driver: error"))) {
                    m_error = line.mid(14);
                    return {};
                }
                qInfo().noquote() << m_name << '|' << line;
            }
            if (m_process.state() == QProcess::NotRunning) {
                m_error =
                    QStringLiteral("the kiosk stopped (exit code %1)").arg(m_process.exitCode());
                return {};
            }
            // Keep this process's own servers and signals running while the kiosk works.
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            m_process.waitForReadyRead(50);
        }
        m_error = QStringLiteral("no reply in %1 ms").arg(timeoutMs);
        return {};
    }

    QString m_name;
    QString m_error;
    QProcess m_process;
};

} // namespace relais::test
