// SPDX-License-Identifier: EUPL-1.2
#pragma once

// The adviser's Chromium as a child process (browseragent.mjs): one JSON command per line in,
// one JSON reply per line out, each command waited for.

#include "peerprocess.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

namespace relais::e2e {

class BrowserAgent
{
public:
    BrowserAgent()
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.setWorkingDirectory(QStringLiteral(BROWSER_TESTS_DIR));
        dieWithParent(m_process);
    }
    ~BrowserAgent()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    // launcher: what runs node, e.g. {"ip", "netns", "exec", name} for a Chromium inside a
    // network namespace; consoleUrl "blank" for a page that needs no server.
    // moreArguments: more of browseragent.mjs's options (--fake-video FILE).
    bool start(const QString &consoleUrl, const QStringList &launcher = {},
               const QStringList &moreArguments = {})
    {
        const QStringList arguments =
            QStringList{QStringLiteral(BROWSER_TESTS_DIR "/browseragent.mjs"),
                        QStringLiteral("--url"), consoleUrl} +
            moreArguments;
        if (launcher.isEmpty())
            m_process.start(QStringLiteral("node"), arguments);
        else
            m_process.start(launcher.first(),
                            launcher.mid(1) + QStringList{QStringLiteral("node")} + arguments);
        return m_process.waitForStarted(10000) &&
               reply(60000).value(QStringLiteral("ready")).toBool();
    }

    // Sends a command and waits for its reply; {"ok": false, "error": ...} on failure.
    QJsonObject run(QJsonObject command, int timeoutMs = 60000)
    {
        m_process.write(QJsonDocument(command).toJson(QJsonDocument::Compact) + '\n');
        const QJsonObject answer = reply(timeoutMs);
        if (!answer.value(QStringLiteral("ok")).toBool())
            qWarning().noquote() << "browser:" << command.value(QStringLiteral("cmd")).toString()
                                 << QJsonDocument(answer).toJson(QJsonDocument::Compact);
        return answer;
    }

private:
    QJsonObject reply(int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            if (m_process.canReadLine())
                return QJsonDocument::fromJson(m_process.readLine()).object();
            if (m_process.state() == QProcess::NotRunning)
                break;
            m_process.waitForReadyRead(100);
            QCoreApplication::processEvents();
        }
        return {{QStringLiteral("ok"), false},
                {QStringLiteral("error"), QStringLiteral("no reply")}};
    }

    QProcess m_process;
};

} // namespace relais::e2e
