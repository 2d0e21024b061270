// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "networknamespace.h"

#include <QList>
#include <QProcess>

#include <algorithm>

namespace relais::test {

// A village's line for the processes run inside a network namespace: what they send is queued
// in the kernel behind a token bucket (tc tbf: the modem's upstream rate and its buffer), and
// the network may let nothing out but TCP to a few ports, as an agency's firewall that only
// lets HTTPS out. This kernel has tbf but neither netem nor tc's classifiers and actions, and
// there is no iptables here: the firewall is made of policy-routing rules (ip rule ipproto /
// dport) that route everything else to a gateway that is not there.
class ShapedLink
{
public:
    ShapedLink(const QString &prefix, int subnet) : m_namespace(prefix, subnet) {}

    // Why it cannot be made (not root, no iproute2, no namespaces) in *error.
    bool create(QString *error) { return m_namespace.create(error); }

    // The upstream: `kbit` kbit/s with a buffer of `bufferMs` at that rate (what a modem
    // holds before it drops). Changing it during a call replaces the bucket at once.
    bool shape(int kbit, int bufferMs, QString *error = nullptr)
    {
        // A burst of a few full packets, as a modem sends back to back; the queue beyond it
        // waits for tokens.
        const int burstBytes = std::max(4500, kbit * 1000 / 8 / 100);
        return tc({QStringLiteral("qdisc"), QStringLiteral("replace"), QStringLiteral("dev"),
                   m_namespace.farLink(), QStringLiteral("root"), QStringLiteral("tbf"),
                   QStringLiteral("rate"), QStringLiteral("%1kbit").arg(kbit),
                   QStringLiteral("burst"), QString::number(burstBytes), QStringLiteral("latency"),
                   QStringLiteral("%1ms").arg(bufferMs)},
                  error);
    }

    // Nothing leaves the namespace but TCP to these ports (UDP included: it is blocked).
    bool onlyTcpTo(const QList<quint16> &ports, QString *error = nullptr)
    {
        int pref = 100;
        for (quint16 port : ports) {
            if (!m_namespace.inside({QStringLiteral("rule"), QStringLiteral("add"),
                                     QStringLiteral("pref"), QString::number(pref++),
                                     QStringLiteral("ipproto"), QStringLiteral("tcp"),
                                     QStringLiteral("dport"), QString::number(port),
                                     QStringLiteral("lookup"), QStringLiteral("main")},
                                    error))
                return false;
        }
        // Everything else goes to a gateway that does not exist: it vanishes without an error,
        // as behind a firewall that drops (a blackhole route would fail the send at once).
        // The local table (loopback, the namespace's own address) is looked up before these.
        const QString nowhere =
            m_namespace.hostAddress().section(u'.', 0, 2) + QStringLiteral(".6");
        return m_namespace.inside(
                   {QStringLiteral("route"), QStringLiteral("add"), QStringLiteral("default"),
                    QStringLiteral("via"), nowhere, QStringLiteral("dev"), m_namespace.farLink(),
                    QStringLiteral("onlink"), QStringLiteral("table"), QStringLiteral("200")},
                   error) &&
               m_namespace.inside({QStringLiteral("rule"), QStringLiteral("add"),
                                   QStringLiteral("pref"), QStringLiteral("200"),
                                   QStringLiteral("lookup"), QStringLiteral("200")},
                                  error);
    }

    // Whether a failed shape() or onlyTcpTo() says this kernel lacks the feature (tbf, or
    // ip rule's ipproto/dport) rather than that the test asked something wrong: the line
    // tests then skip, saying so.
    static bool unsupportedHere(const QString &error)
    {
        return error.contains(QLatin1String("unknown"), Qt::CaseInsensitive) ||
               error.contains(QLatin1String("not supported"), Qt::CaseInsensitive);
    }

    QString hostAddress() const { return m_namespace.hostAddress(); }
    QString farAddress() const { return m_namespace.farAddress(); }
    // The command line that runs a program (its arguments appended) inside the namespace.
    QStringList launcher() const
    {
        return {QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"),
                m_namespace.name()};
    }

private:
    bool tc(const QStringList &arguments, QString *error)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("tc"),
                      QStringList{QStringLiteral("-n"), m_namespace.name()} + arguments);
        const bool ok = process.waitForFinished(10000) &&
                        process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
        if (!ok && error)
            *error =
                QStringLiteral("tc %1: %2")
                    .arg(arguments.join(u' '), QString::fromLocal8Bit(process.readAll()).trimmed());
        return ok;
    }

    NetworkNamespace m_namespace;
};

} // namespace relais::test
