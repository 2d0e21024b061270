// SPDX-License-Identifier: EUPL-1.2
#pragma once

// relais-peer's command line.

#include "callconfig.h"

#include <QStringList>
#include <QUrl>

#include <optional>

namespace relais::media {

struct PeerOptions
{
    CallConfig call;
    bool direct = false; // signalling as JSON lines on stdin/stdout instead of a hub
    QUrl hub;
    QString caFile;
    QString site, kiosk, token;      // kiosk's hello
    QString agency, login, password; // agent's hello; the kiosk asks for this agency too
    QString sendFile;
    QString text;
    int durationS = 0;   // hang up this long after the call connects; 0: wait for the peer
    double sendLoss = 0; // share of our RTP packets dropped on the way out (a bad line)
};

// nullopt with *error set on a bad command line.
std::optional<PeerOptions> parsePeerOptions(const QStringList &arguments, QString *error);

} // namespace relais::media
