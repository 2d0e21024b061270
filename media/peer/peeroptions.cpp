// SPDX-License-Identifier: EUPL-1.2
#include "peeroptions.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace relais::media {

std::optional<PeerOptions> parsePeerOptions(const QStringList &arguments, QString *error)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "A video-counter peer: joins a call as the kiosk (offerer) or the agent (answerer) and "
        "prints its events and statistics as JSON lines."));
    p.addHelpOption();
    p.addOptions({
        {"role", "kiosk or agent.", "role"},
        {"hub", "Hub URL (wss://host:port/v1).", "url"},
        {"ca",
         "PEM file of the CA to trust for the hub (and, besides the system's, for turns: servers).",
         "file"},
        {"site", "Kiosk: site id.", "id"},
        {"kiosk", "Kiosk: kiosk id.", "id"},
        {"token", "Kiosk: token.", "token"},
        {"agency", "Agency to call (kiosk) or to serve (agent).", "id"},
        {"login", "Agent: login.", "login"},
        {"password", "Agent: password.", "password"},
        {"direct", "No hub: signalling messages as JSON lines on stdin/stdout."},
        {"ice-servers", "Direct mode: ICE servers as the hub's JSON array.", "json"},
        {"test-sources", "Test picture and sound instead of the camera and microphone."},
        {"test-pattern",
         "With --test-sources: the videotestsrc pattern (snow: noise, which "
         "fills any bitrate).",
         "name", "ball"},
        {"force-relay", "Use TURN relays only."},
        {"local-address", "Gather host candidates on this address only (repeatable).", "ip"},
        {"audio-sink", "GStreamer sink for the remote sound.", "element", "autoaudiosink"},
        {"size", "Video size WxH.", "WxH", "1280x720"},
        {"fps", "Video frame rate.", "n", "30"},
        {"send-file", "Send this document once the data channel is open.", "path"},
        {"text", "Send this text message once the data channel is open.", "text"},
        {"duration", "Hang up this many seconds after connecting.", "s", "0"},
        {"send-loss",
         "Drop this share (0..1) of the RTP packets we send, as a bad line would "
         "(tests).",
         "fraction", "0"},
        {"fixed-rate", "Send the configured size and bitrate whatever the line or the machine "
                       "(measurements)."},
    });
    if (!p.parse(arguments)) {
        *error = p.errorText();
        return std::nullopt;
    }
    if (p.isSet(QStringLiteral("help"))) {
        *error = p.helpText();
        return std::nullopt;
    }
    PeerOptions o;
    const QString role = p.value(QStringLiteral("role"));
    if (role != QLatin1String("kiosk") && role != QLatin1String("agent")) {
        *error = QStringLiteral("--role must be kiosk or agent");
        return std::nullopt;
    }
    o.call.role = role == QLatin1String("kiosk") ? CallRole::Offerer : CallRole::Answerer;
    o.direct = p.isSet(QStringLiteral("direct"));
    o.hub = QUrl(p.value(QStringLiteral("hub")));
    if (o.direct == p.isSet(QStringLiteral("hub"))) {
        *error = QStringLiteral("give exactly one of --hub URL and --direct");
        return std::nullopt;
    }
    o.caFile = p.value(QStringLiteral("ca"));
    if (!o.caFile.isEmpty())
        o.call.caCertificates = QSslCertificate::fromPath(o.caFile);
    o.site = p.value(QStringLiteral("site"));
    o.kiosk = p.value(QStringLiteral("kiosk"));
    o.token = p.value(QStringLiteral("token"));
    o.agency = p.value(QStringLiteral("agency"));
    o.login = p.value(QStringLiteral("login"));
    o.password = p.value(QStringLiteral("password"));
    if (!o.direct &&
        (o.agency.isEmpty() || (o.call.role == CallRole::Offerer
                                    ? o.site.isEmpty() || o.kiosk.isEmpty() || o.token.isEmpty()
                                    : o.login.isEmpty() || o.password.isEmpty()))) {
        *error = QStringLiteral("with --hub, a kiosk needs --site --kiosk --token --agency and an "
                                "agent --agency --login --password");
        return std::nullopt;
    }
    if (p.isSet(QStringLiteral("ice-servers"))) {
        const auto doc = QJsonDocument::fromJson(p.value(QStringLiteral("ice-servers")).toUtf8());
        if (!doc.isArray()) {
            *error = QStringLiteral("--ice-servers must be a JSON array");
            return std::nullopt;
        }
        o.call.iceServers = iceServersFromJson(doc.array());
    }
    o.call.testSources = p.isSet(QStringLiteral("test-sources"));
    o.call.testPattern = p.value(QStringLiteral("test-pattern"));
    o.call.adaptive = !p.isSet(QStringLiteral("fixed-rate"));
    o.call.forceRelay = p.isSet(QStringLiteral("force-relay"));
    o.call.localAddresses = p.values(QStringLiteral("local-address"));
    o.call.audioSink = p.value(QStringLiteral("audio-sink"));
    o.call.deliverFrames = false; // nothing to show them on
    const QStringList size = p.value(QStringLiteral("size")).split(QLatin1Char('x'));
    bool okW = false, okH = false, okF = false, okD = false;
    if (size.size() == 2) {
        o.call.videoWidth = size[0].toInt(&okW);
        o.call.videoHeight = size[1].toInt(&okH);
    }
    o.call.videoFps = p.value(QStringLiteral("fps")).toInt(&okF);
    o.durationS = p.value(QStringLiteral("duration")).toInt(&okD);
    if (!okW || !okH || !okF || !okD || o.call.videoWidth < 16 || o.call.videoHeight < 16 ||
        o.call.videoFps < 1 || o.durationS < 0) {
        *error = QStringLiteral("--size, --fps and --duration must be positive numbers");
        return std::nullopt;
    }
    o.sendFile = p.value(QStringLiteral("send-file"));
    o.sendLoss = std::clamp(p.value(QStringLiteral("send-loss")).toDouble(), 0.0, 1.0);
    o.text = p.value(QStringLiteral("text"));
    return o;
}

} // namespace relais::media
