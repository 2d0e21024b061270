// SPDX-License-Identifier: EUPL-1.2
#pragma once

// What a call needs to know before it starts: who offers, what to send, which ICE servers to use
// and how hard to try to keep the call alive.

#include <QJsonArray>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace relais::media {

enum class CallRole { Offerer, Answerer }; // the kiosk offers, the agent answers

struct IceServer
{
    QStringList urls; // as in the hub's `call` message: stun:, turn:, turns: URLs
    QString username;
    QString credential;
};

struct CallConfig
{
    CallRole role = CallRole::Offerer;

    int videoWidth = 1280;
    int videoHeight = 720;
    int videoFps = 30;
    int videoBitrateKbps = 1200;

    // Test sources instead of the camera and microphone (machines without devices, tests).
    bool testSources = false;
    // With test sources: a still picture (PNG or JPEG file) instead of the moving pattern, as
    // a camera held over a paper would see it.
    QString testPicture;
    // With test sources: the modes a camera would offer (GStreamer caps, e.g. a list of frame
    // rates), so that tests see the negotiation a real camera goes through.
    QString testCameraCaps;
    // With test sources: the videotestsrc pattern. "snow" (noise) is a camera's worst case: it
    // fills whatever bitrate the encoder is given, so the line, not the picture, sets the rate
    // (relais-linebench); the default ball costs the encoder a few dozen kbit/s.
    QString testPattern = QStringLiteral("ball");
    QString cameraName; // a GstDeviceMonitor display name; empty: the first camera found
    QString microphoneName;
    // Where the remote sound goes; "fakesink" when there is no sound card (tests).
    QString audioSink = QStringLiteral("autoaudiosink");
    bool echoCancellation = true;

    QList<IceServer> iceServers;
    bool forceRelay = false;
    // Trusted for `turns:` servers besides the system's certificate authorities: the site's
    // `ca_file`, the one that is trusted for the hub (TurnTlsTunnel).
    QList<QSslCertificate> caCertificates;
    // Addresses libnice gathers host candidates on. Empty: every interface except loopback
    // (libnice's default). Tests put 127.0.0.1 here because libnice skips loopback otherwise.
    QStringList localAddresses;

    // Rebuilding the call (offerer only; webrtcbin 1.22 cannot restart ICE).
    int maxReconnects = 5;
    int linkLostMs = 3000;      // no media received for this long: the link is lost
    int setupTimeoutMs = 10000; // an attempt that brings no media by then is rebuilt

    int statsIntervalMs = 1000;
    // The rate controller may lower the bitrate and the picture for the line or the machine;
    // off sends exactly what is configured (measurements that need a fixed 720p30).
    bool adaptive = true;
    // Deliver decoded remote frames as QImage (the counters work either way).
    bool deliverFrames = true;
};

// Reads the hub's `ice_servers` array (PROTOCOL.md, `call`).
QList<IceServer> iceServersFromJson(const QJsonArray &servers);

// One ICE server URL taken apart: "turns:relay.example:443?transport=tcp" gives the scheme
// "turns" (lower case), the host "relay.example" (an IPv6 address without its brackets), the
// port 443 (0 when the URL gives none) and the query "transport=tcp". Nothing for what is not
// such a URL.
struct IceUrl
{
    QString scheme;
    QString host;
    quint16 port = 0;
    QString query;
    // "host:port", with the scheme's default port when the URL gives none (3478, 443 for
    // turns:), the host in brackets if it is an IPv6 address.
    QString hostPort() const;
};
std::optional<IceUrl> parseIceUrl(const QString &url);

// The one place where `turns:` URLs are rewritten. libnice 0.1.21, in the ICE mode webrtcbin
// uses, speaks plain TURN over TCP to a `turns:` server (its TLS exists only in its Google and
// MSOC modes); firewalls that let only real TLS out on 443 refuse it. So each `turns:` URL
// becomes `turn:127.0.0.1:<port>?transport=tcp`, where `tunnel(host, port)` gives the port of a
// local listener that carries each connection to host:port inside TLS (TurnTlsTunnel); the
// credentials stay with the server, TURN authenticates through the tunnel. A port of 0 leaves
// the URL out (the call falls back on the other servers). Other URLs are unchanged.
using TurnsTunnel = std::function<quint16(const QString &host, quint16 port)>;
QList<IceServer> withTurnsTunnelled(const QList<IceServer> &servers, const TurnsTunnel &tunnel);

// webrtcbin wants stun://host:port and turn(s)://user:pass@host:port?transport=…; the TURN
// username (`<expiry>:<call>`) and the base64 credential are URI-escaped because webrtcbin
// splits the user info at the first ':' and unescapes both halves.
struct WebRtcBinIceUris
{
    QString stun;
    QStringList turn;
};
WebRtcBinIceUris toWebRtcBinUris(const QList<IceServer> &servers);

} // namespace relais::media
