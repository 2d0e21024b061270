// SPDX-License-Identifier: EUPL-1.2
#pragma once

// A kiosk on a village's line calling an adviser in Chromium: relais-peer (kiosk role, test
// sources) runs in a network namespace whose upstream is a ShapedLink; the hub, coturn and the
// adviser's Chromium run on the host. coturn listens on the host's end of the link, TURN over
// UDP on a free port and TURN over TCP and TLS on 443. The kiosk's signalling crosses the link
// too: the hub listens on the host's loopback, so two TCP forwarders (tcpforward.py, one inside
// the namespace on its loopback, one on the host's end of the link) carry it.

#include "browseragent.h"
#include "hubprocess.h"
#include "peerprocess.h"
#include "shapedlink.h"
#include "turnserver.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

#include <memory>

namespace relais::e2e {

class LineCall
{
public:
    static constexpr quint16 kStreamPort = 443;
    inline static const QString kAgent = QStringLiteral("m.durand");
    inline static const QString kSite = QStringLiteral("19-allday");

    // subnet: 10.231.<subnet>.0/30, one per test that may run at the same time as another.
    explicit LineCall(int subnet)
        : m_link(QStringLiteral("relais-line"), subnet), m_turn(m_link.hostAddress(), kStreamPort)
    {}
    ~LineCall()
    {
        for (QProcess *p : {&m_forwardInside, &m_forwardHost}) {
            p->kill();
            p->waitForFinished(5000);
        }
    }

    // The namespace and its link, before anything is started on them; false with the reason
    // when namespaces cannot be made here (the tests skip then).
    bool createLink(QString *error) { return m_link.create(error); }
    test::ShapedLink &link() { return m_link; }
    media::test::TurnServer &turn() { return m_turn; }

    // The URLs the hub hands out, as an operator writes them in its configuration.
    QString turnUdpUrl(quint16 port = 0) const
    {
        return QStringLiteral("turn:%1:%2?transport=udp")
            .arg(m_link.hostAddress())
            .arg(port ? port : m_turn.port());
    }
    QString turnTcpUrl() const
    {
        return QStringLiteral("turn:%1:%2?transport=tcp")
            .arg(m_link.hostAddress())
            .arg(kStreamPort);
    }
    QString turnTlsUrl() const
    {
        return QStringLiteral("turns:%1:%2?transport=tcp")
            .arg(m_link.hostAddress())
            .arg(kStreamPort);
    }

    // coturn, the hub handing out `turnUrls` (and coturn's STUN), the forwarders, and the
    // adviser logged in to the console in Chromium.
    bool start(const QStringList &turnUrls, QString *error)
    {
        if (!m_turn.start()) {
            *error = QStringLiteral("coturn did not start on %1 (is port 443 taken?)\n%2")
                         .arg(m_link.hostAddress(), m_turn.log().right(2000));
            return false;
        }
        hub::test::ConfigOptions options;
        options.graceS = 20;
        options.consolePort = 0;
        options.turnSecret = media::test::TurnServer::secret();
        options.stunUrls = {
            QStringLiteral("stun:%1:%2").arg(m_link.hostAddress()).arg(m_turn.port())};
        options.turnUrls = QJsonArray::fromStringList(turnUrls);
        m_hub = std::make_unique<hub::test::HubProcess>(options);
        m_hub->addAgents({{QStringLiteral("caf"), kAgent}});
        dieWithParent(m_hub->process());
        if (!m_hub->start()) {
            *error = QStringLiteral("the hub did not start");
            return false;
        }
        // What the site's ca_file lists: the hub's certificate and coturn's, both self-signed.
        QFile trusted(trustedPath());
        QFile hubCert(m_hub->path() + QStringLiteral("/hub-cert.pem"));
        QFile turnCert(m_turn.certificatePath());
        if (!trusted.open(QIODevice::WriteOnly) || !hubCert.open(QIODevice::ReadOnly) ||
            !turnCert.open(QIODevice::ReadOnly) ||
            trusted.write(hubCert.readAll() + turnCert.readAll()) < 0 || !trusted.flush()) {
            *error = QStringLiteral("cannot write the kiosk's trusted certificates");
            return false;
        }
        const QString port = QString::number(m_hub->port());
        if (!forward(m_forwardHost, {},
                     {m_link.hostAddress(), port, QStringLiteral("127.0.0.1"), port}) ||
            !forward(m_forwardInside, m_link.launcher(),
                     {QStringLiteral("127.0.0.1"), port, m_link.hostAddress(), port})) {
            *error = QStringLiteral("tcpforward.py did not start");
            return false;
        }
        // The adviser's Chromium offers no candidate on 127.0.0.1: here it shares a loopback
        // with coturn, a path no agency has. With candidates on both the loopback and the link,
        // in 3 calls out of 8 Chromium moved a second in from its loopback candidate to its
        // link one and stopped answering on the first, while the kiosk kept sending there.
        // The peer connections are watched from before the login: the console makes its next
        // call's connection as soon as its camera is open, which the login's device check does.
        if (!m_adviser.start(m_hub->consoleUrl(), {}, {QStringLiteral("--no-loopback")}) ||
            !m_adviser.run({{"cmd", "watchFirstFrames"}}).value(QStringLiteral("ok")).toBool() ||
            !m_adviser
                 .run({{"cmd", "login"},
                       {"agency", "caf"},
                       {"login", kAgent},
                       {"password", "agent-password"}})
                 .value(QStringLiteral("ok"))
                 .toBool()) {
            *error = QStringLiteral("Chromium did not log in to the console");
            return false;
        }
        return true;
    }

    hub::test::HubProcess &hub() { return *m_hub; }
    BrowserAgent &adviser() { return m_adviser; }

    // relais-peer as the kiosk, in the namespace, at the kiosk's real picture size; the
    // pattern "snow" fills the encoder's bitrate, as a camera's picture does.
    QStringList kioskArguments(const QString &size = QStringLiteral("1280x720"), int fps = 30,
                               const QString &pattern = QStringLiteral("snow")) const
    {
        return QStringList{QStringLiteral("--role"),
                           QStringLiteral("kiosk"),
                           QStringLiteral("--hub"),
                           QStringLiteral("wss://localhost:%1/v1").arg(m_hub->port()),
                           QStringLiteral("--ca"),
                           trustedPath(),
                           QStringLiteral("--site"),
                           kSite,
                           QStringLiteral("--kiosk"),
                           QStringLiteral("borne-1"),
                           QStringLiteral("--token"),
                           hub::test::kioskToken(kSite, QStringLiteral("borne-1")),
                           QStringLiteral("--agency"),
                           QStringLiteral("caf"),
                           QStringLiteral("--test-pattern"),
                           pattern} +
               testMediaArguments(size, fps, m_link.farAddress());
    }

    // The kiosk asks, the adviser takes it in the console; true once both sides decoded a
    // picture. *setupMs: from the call handed over to the kiosk to the later of the two first
    // pictures (as relais-callbench's call_media_setup_ms).
    bool placeKioskCall(PeerProcess &kiosk, const QStringList &arguments, qint64 *setupMs,
                        QString *error)
    {
        if (!kiosk.start(arguments, m_link.launcher()) ||
            !kiosk.waitFor(QStringLiteral("offer_prepared"), 60000)) {
            *error = QStringLiteral("the kiosk did not prepare its call\n") + kiosk.dump();
            return false;
        }
        if (!m_adviser.run({{"cmd", "takeWhenQueued"}}).value(QStringLiteral("ok")).toBool() ||
            !kiosk.waitFor(QStringLiteral("first_remote_frame"), 60000)) {
            *error = QStringLiteral("no picture at the kiosk\n") + kiosk.dump();
            return false;
        }
        const QJsonObject adviserFrame = m_adviser.run({{"cmd", "firstFrame"}});
        if (!adviserFrame.value(QStringLiteral("ok")).toBool()) {
            *error = QStringLiteral("no picture in the console\n") + kiosk.dump();
            return false;
        }
        const qint64 handedOver =
            kiosk.firstWallMs(QStringLiteral("state"), [](const QJsonObject &e) {
                return e.value(QStringLiteral("state")).toString() == QLatin1String("connecting");
            });
        *setupMs = std::max(kiosk.firstWallMs(QStringLiteral("first_remote_frame")),
                            adviserFrame.value(QStringLiteral("at")).toInteger()) -
                   handedOver;
        return true;
    }

    // The kiosk's latest round trip, from the receiver reports about its streams (its sender
    // reports queue in its upstream behind its media); -1 until known.
    static double kioskRttMs(const PeerProcess &kiosk)
    {
        const QList<QJsonObject> stats = kiosk.all(QStringLiteral("stats"));
        return stats.isEmpty() ? -1 : stats.last().value(QStringLiteral("rtt_ms")).toDouble(-1);
    }

private:
    QString trustedPath() const { return m_dir.filePath(QStringLiteral("trusted.pem")); }

    bool forward(QProcess &process, const QStringList &launcher, const QStringList &arguments)
    {
        const QStringList command = launcher +
                                    QStringList{QStringLiteral("python3"),
                                                QStringLiteral(RELAIS_SOURCE_DIR "/tests/support/"
                                                                                 "tcpforward.py")} +
                                    arguments;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        dieWithParent(process);
        process.start(command.first(), command.mid(1));
        return process.waitForStarted(10000) &&
               QTest::qWaitFor([&] { return process.canReadLine(); }, 10000) &&
               process.readLine().startsWith("ready");
    }

    QTemporaryDir m_dir;
    test::ShapedLink m_link;
    media::test::TurnServer m_turn;
    std::unique_ptr<hub::test::HubProcess> m_hub;
    QProcess m_forwardHost;
    QProcess m_forwardInside;
    BrowserAgent m_adviser;
};

} // namespace relais::e2e
