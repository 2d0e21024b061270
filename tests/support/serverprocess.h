// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>
#include <QtDebug>

namespace relais::test {

// A server program a test starts for real (relais-hub, relais-observatory): it counts as up
// once its standard output has said everything the test waits for, and it is stopped the way
// systemd would, SIGTERM then SIGKILL, or killed outright to test what survives a crash.
class ServerProcess
{
public:
    explicit ServerProcess(int stopGraceMs) : m_stopGraceMs(stopGraceMs)
    {
        // Warnings reach the test log as they come; what the test waits for is on stdout.
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    }
    ~ServerProcess() { stop(); }

    // Starts `program` and waits up to `timeoutMs` until each of `ready` matches its standard
    // output; gives the matches in the same order, or nothing (the output is logged) if the
    // program ended or stayed silent.
    QList<QRegularExpressionMatch>
    start(const QString &program, const QStringList &arguments,
          const QList<QRegularExpression> &ready, int timeoutMs,
          const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
    {
        m_process.setProcessEnvironment(environment);
        m_process.start(program, arguments);
        if (!m_process.waitForStarted())
            return {};
        QByteArray output;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs && m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(200);
            output += m_process.readAllStandardOutput();
            const QString text = QString::fromUtf8(output);
            QList<QRegularExpressionMatch> matches;
            for (const QRegularExpression &pattern : ready) {
                const QRegularExpressionMatch match = pattern.match(text);
                if (!match.hasMatch())
                    break;
                matches.append(match);
            }
            if (matches.size() == ready.size())
                return matches;
        }
        qWarning() << program << "did not start:" << output;
        return {};
    }

    void kill9()
    {
        m_process.kill();
        m_process.waitForFinished();
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(m_stopGraceMs))
            kill9();
    }

    bool running() const { return m_process.state() == QProcess::Running; }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    int m_stopGraceMs;
};

} // namespace relais::test
