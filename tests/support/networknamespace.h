// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QCoreApplication>
#include <QProcess>
#include <QStringList>

#include <unistd.h>

namespace relais::test {

// A network namespace joined to the test's by a veth pair: a kiosk process run inside it
// reaches the host only over that link, which the test takes down and up again. With the link
// down, packets vanish (no reset, no ICMP), as when a village's line drops. Needs root
// (CAP_NET_ADMIN) and iproute2; create() says why it cannot be made.
class NetworkNamespace
{
public:
    // Tests that may run at the same time each take their own subnet (10.231.<subnet>.0/30) and
    // prefix: an earlier run's leftovers are found, and removed, by their address.
    explicit NetworkNamespace(const QString &prefix = QStringLiteral("relais-sync"), int subnet = 7)
        : m_name(QStringLiteral("%1-%2").arg(prefix).arg(getpid())),
          m_hostLink(QStringLiteral("r%1h%2").arg(subnet).arg(getpid() % 100000)),
          m_farLink(QStringLiteral("r%1k%2").arg(subnet).arg(getpid() % 100000)), m_subnet(subnet)
    {}
    ~NetworkNamespace()
    {
        if (!m_made)
            return;
        // The link first, at once: a namespace deleted with its link in it is taken down by
        // the kernel a second or so later, when the next test's Chromium may be loading a
        // page (which it then drops with ERR_NETWORK_CHANGED).
        ip({QStringLiteral("link"), QStringLiteral("delete"), m_hostLink});
        ip({QStringLiteral("netns"), QStringLiteral("delete"), m_name});
    }

    bool create(QString *error)
    {
        if (geteuid() != 0) {
            *error = QStringLiteral("network namespaces need root");
            return false;
        }
        removeLeftovers();
        if (!ip({QStringLiteral("netns"), QStringLiteral("add"), m_name}, error))
            return false;
        m_made = true;
        const QString far = farAddress() + QStringLiteral("/30");
        const QString host = hostAddress() + QStringLiteral("/30");
        return ip({QStringLiteral("link"), QStringLiteral("add"), m_hostLink,
                   QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"),
                   QStringLiteral("name"), m_farLink},
                  error) &&
               ip({QStringLiteral("link"), QStringLiteral("set"), m_farLink,
                   QStringLiteral("netns"), m_name},
                  error) &&
               // No IPv6 link-local addresses: they would appear a second or two after the
               // link is up (duplicate address detection), in the middle of a test, and
               // Chromium takes a new address for a network change: it drops a page load
               // (ERR_NETWORK_CHANGED) and gathers again during a call.
               ip({QStringLiteral("link"), QStringLiteral("set"), m_hostLink,
                   QStringLiteral("addrgenmode"), QStringLiteral("none")},
                  error) &&
               inside({QStringLiteral("link"), QStringLiteral("set"), m_farLink,
                       QStringLiteral("addrgenmode"), QStringLiteral("none")},
                      error) &&
               ip({QStringLiteral("address"), QStringLiteral("add"), host, QStringLiteral("dev"),
                   m_hostLink},
                  error) &&
               inside({QStringLiteral("address"), QStringLiteral("add"), far, QStringLiteral("dev"),
                       m_farLink},
                      error) &&
               inside({QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
                       QStringLiteral("up")},
                      error) &&
               inside(
                   {QStringLiteral("link"), QStringLiteral("set"), m_farLink, QStringLiteral("up")},
                   error) &&
               setLink(true, error);
    }

    // The host as seen from inside.
    QString hostAddress() const { return QStringLiteral("10.231.%1.1").arg(m_subnet); }
    QString farAddress() const { return QStringLiteral("10.231.%1.2").arg(m_subnet); }
    QString name() const { return m_name; }
    // The veth end inside the namespace: what the kiosk sends leaves through it.
    QString farLink() const { return m_farLink; }

    bool setLink(bool up, QString *error = nullptr)
    {
        return ip({QStringLiteral("link"), QStringLiteral("set"), m_hostLink,
                   up ? QStringLiteral("up") : QStringLiteral("down")},
                  error);
    }

    // `ip netns exec` and then `program`: the same process (it execs), so killing it kills
    // the program.
    QStringList command(const QString &program, const QStringList &arguments) const
    {
        return QStringList{QStringLiteral("netns"), QStringLiteral("exec"), m_name, program} +
               arguments;
    }

    // `ip -n <namespace> arguments`.
    bool inside(const QStringList &arguments, QString *error = nullptr) const
    {
        return ip(QStringList{QStringLiteral("-n"), m_name} + arguments, error);
    }

    static bool ip(const QStringList &arguments, QString *error = nullptr)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("ip"), arguments);
        const bool ok = process.waitForFinished(10000) &&
                        process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
        if (!ok && error)
            *error = QStringLiteral("ip %1: %2")
                         .arg(arguments.join(u' '),
                              process.error() == QProcess::FailedToStart
                                  ? QStringLiteral("iproute2 is not installed")
                                  : QString::fromLocal8Bit(process.readAll()).trimmed());
        return ok;
    }

private:
    // The links of an earlier run that died before its cleanup hold the same addresses.
    void removeLeftovers() const
    {
        QProcess process;
        process.start(QStringLiteral("ip"),
                      {QStringLiteral("-o"), QStringLiteral("address"), QStringLiteral("show"),
                       QStringLiteral("to"), hostAddress() + QStringLiteral("/30")});
        process.waitForFinished(10000);
        for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() > 1)
                ip({QStringLiteral("link"), QStringLiteral("delete"),
                    QString::fromLatin1(fields.at(1)).section(u'@', 0, 0)});
        }
    }

    QString m_name;
    QString m_hostLink;
    QString m_farLink;
    int m_subnet;
    bool m_made = false;
};

} // namespace relais::test
