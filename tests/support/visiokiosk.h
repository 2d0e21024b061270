// SPDX-License-Identifier: EUPL-1.2
#pragma once

// The demo kiosk pointed at a test relais-hub: its site, its token, the hub's certificate,
// test sources and loopback-only ICE.

#include "hubtestconfig.h"
#include "siteconfig.h"

#include <functional>

inline std::function<void(relais::SiteConfig &)> withVisio(const QString &site, quint16 hubPort,
                                                           const QString &hubDir)
{
    return [=](relais::SiteConfig &config) {
        config.siteId = site;
        relais::VisioSettings visio;
        visio.hubUrl = QStringLiteral("wss://localhost:%1/v1").arg(hubPort);
        visio.kioskId = QStringLiteral("borne-1");
        visio.token = relais::hub::test::kioskToken(site, QStringLiteral("borne-1"));
        visio.caFile = hubDir + QStringLiteral("/hub-cert.pem");
        visio.testSources = true;
        visio.localAddresses = {QStringLiteral("127.0.0.1")};
        visio.audioSink = QStringLiteral("fakesink");
        config.visio = visio;
    };
}
