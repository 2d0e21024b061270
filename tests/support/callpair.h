// SPDX-License-Identifier: EUPL-1.2
#pragma once

// Two sessions of one test process wired to each other directly, as the hub would relay them
// (queued, so each side sees the other's messages asynchronously as over a network).

#include "callsession.h"

#include <QObject>

#include <functional>
#include <utility>

namespace relais::media::test {

inline CallConfig loopbackConfig(CallRole role)
{
    CallConfig c;
    c.role = role;
    c.testSources = true;
    // Small pictures: two encoders and two decoders share the test machine's two cores.
    c.videoWidth = 320;
    c.videoHeight = 240;
    c.videoFps = 15;
    c.videoBitrateKbps = 300;
    c.audioSink = QStringLiteral("fakesink");
    // libnice leaves loopback out of its host candidates; the tests run on loopback only.
    c.localAddresses = {QStringLiteral("127.0.0.1")};
    return c;
}

// A loopback pair that may only use TURN relays: the kiosk through kioskServers, the agent
// through agentServers (they differ when the kiosk reaches the relay by TLS only).
inline std::pair<CallConfig, CallConfig> relayOnlyConfigs(const QList<IceServer> &kioskServers,
                                                          const QList<IceServer> &agentServers)
{
    CallConfig kiosk = loopbackConfig(CallRole::Offerer);
    CallConfig agent = loopbackConfig(CallRole::Answerer);
    kiosk.iceServers = kioskServers;
    agent.iceServers = agentServers;
    kiosk.forceRelay = agent.forceRelay = true;
    return {kiosk, agent};
}

// agentCandidates, if given, rewrites each of the agent's candidates on its way to the kiosk
// (as a browser or a network in between would).
inline void connectDirect(CallSession &kiosk, CallSession &agent,
                          std::function<QString(const QString &)> agentCandidates = {})
{
    QObject::connect(&kiosk, &CallSession::localDescription, &agent,
                     &CallSession::setRemoteDescription, Qt::QueuedConnection);
    QObject::connect(&agent, &CallSession::localDescription, &kiosk,
                     &CallSession::setRemoteDescription, Qt::QueuedConnection);
    QObject::connect(&kiosk, &CallSession::localCandidate, &agent, &CallSession::addRemoteCandidate,
                     Qt::QueuedConnection);
    QObject::connect(
        &agent, &CallSession::localCandidate, &kiosk,
        [&kiosk, agentCandidates](int mline, const QString &candidate) {
            kiosk.addRemoteCandidate(mline,
                                     agentCandidates ? agentCandidates(candidate) : candidate);
        },
        Qt::QueuedConnection);
    // The hub's `restart`: it reaches the agent before the kiosk's new offer.
    QObject::connect(&kiosk, &CallSession::restartNeeded, &agent, &CallSession::restart,
                     Qt::QueuedConnection);
}

} // namespace relais::media::test
