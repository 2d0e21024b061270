// SPDX-License-Identifier: EUPL-1.2
#pragma once

// One relais-hub and one coturn on loopback wired together as in production: the hub hands out
// credentials for that coturn with its shared secret, and peers reach the hub over TLS with
// the hub's generated certificate as their only CA.

#include "hubprocess.h"
#include "peerprocess.h"
#include "turnserver.h"

#include <memory>

namespace relais::e2e {

inline const QString kAgentLogin = QStringLiteral("m.durand");
inline const QString kSite = QStringLiteral("19-allday"); // its caf counter is always open

struct HubAndTurn
{
    media::test::TurnServer turn;
    std::unique_ptr<hub::test::HubProcess> hub;

    // withConsole: the hub also serves the agents' console (HTTPS, a port of its choosing).
    // deviceCa: the hub asks kiosks for a client certificate from that CA on its main port, and
    // serves browsers on a port of their own.
    bool start(bool forceRelay, double graceS, bool withConsole = false,
               const QString &deviceCa = {})
    {
        if (!turn.start())
            return false;
        hub::test::ConfigOptions options;
        options.forceRelay = forceRelay;
        options.graceS = graceS;
        options.consolePort = withConsole ? 0 : -1;
        options.deviceCa = deviceCa;
        options.browserPort = deviceCa.isEmpty() ? -1 : 0;
        options.turnSecret = media::test::TurnServer::secret();
        options.stunUrls = {QStringLiteral("stun:127.0.0.1:%1").arg(turn.port())};
        options.turnUrls = {QStringLiteral("turn:127.0.0.1:%1?transport=udp").arg(turn.port())};
        hub = std::make_unique<hub::test::HubProcess>(options);
        hub->addAgents({{QStringLiteral("caf"), kAgentLogin}});
        dieWithParent(hub->process());
        return hub->start();
    }

    QString url(quint16 port = 0) const
    {
        return QStringLiteral("wss://localhost:%1/v1").arg(port ? port : hub->port());
    }
    QString caFile() const { return hub->path() + QStringLiteral("/hub-cert.pem"); }

    // size "320x240" keeps two encoders and two decoders affordable on a shared test machine.
    static QStringList media(const QString &size = QStringLiteral("320x240"), int fps = 15)
    {
        return testMediaArguments(size, fps, QStringLiteral("127.0.0.1"));
    }
    QStringList agentArgs(quint16 viaPort = 0) const
    {
        return QStringList{QStringLiteral("--role"),     QStringLiteral("agent"),
                           QStringLiteral("--hub"),      url(viaPort),
                           QStringLiteral("--ca"),       caFile(),
                           QStringLiteral("--agency"),   QStringLiteral("caf"),
                           QStringLiteral("--login"),    kAgentLogin,
                           QStringLiteral("--password"), QStringLiteral("agent-password")};
    }
    QStringList kioskArgs(const QString &kiosk, quint16 viaPort = 0) const
    {
        return QStringList{QStringLiteral("--role"),   QStringLiteral("kiosk"),
                           QStringLiteral("--hub"),    url(viaPort),
                           QStringLiteral("--ca"),     caFile(),
                           QStringLiteral("--site"),   kSite,
                           QStringLiteral("--kiosk"),  kiosk,
                           QStringLiteral("--token"),  hub::test::kioskToken(kSite, kiosk),
                           QStringLiteral("--agency"), QStringLiteral("caf")};
    }
};

} // namespace relais::e2e
