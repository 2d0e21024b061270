// SPDX-License-Identifier: EUPL-1.2
#include "callconfig.h"

#include <QJsonObject>
#include <QUrl>

namespace relais::media {

QList<IceServer> iceServersFromJson(const QJsonArray &servers)
{
    QList<IceServer> out;
    for (const auto &v : servers) {
        const QJsonObject o = v.toObject();
        IceServer s;
        // RTCIceServer allows "urls" to be a single string as well as a list.
        const QJsonValue urls = o.value(QStringLiteral("urls"));
        if (urls.isString())
            s.urls << urls.toString();
        for (const auto &u : urls.toArray())
            s.urls << u.toString();
        s.username = o.value(QStringLiteral("username")).toString();
        s.credential = o.value(QStringLiteral("credential")).toString();
        if (!s.urls.isEmpty())
            out << s;
    }
    return out;
}

namespace {

QString escaped(const QString &s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

} // namespace

QString IceUrl::hostPort() const
{
    const quint16 defaultPort = scheme == QLatin1String("turns") ? 443 : 3478;
    const QString h =
        host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return h + QLatin1Char(':') + QString::number(port ? port : defaultPort);
}

std::optional<IceUrl> parseIceUrl(const QString &url)
{
    const qsizetype colon = url.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return std::nullopt;
    IceUrl out;
    out.scheme = url.left(colon).toLower();
    QString rest = url.mid(colon + 1);
    const qsizetype q = rest.indexOf(QLatin1Char('?'));
    if (q >= 0) {
        out.query = rest.mid(q + 1);
        rest.truncate(q);
    }
    if (rest.startsWith(QLatin1String("//")))
        rest = rest.mid(2);
    QString port;
    if (rest.startsWith(QLatin1Char('['))) {
        const qsizetype close = rest.indexOf(QLatin1Char(']'));
        if (close < 0)
            return std::nullopt;
        out.host = rest.mid(1, close - 1);
        if (rest.size() > close + 1) {
            if (rest.at(close + 1) != QLatin1Char(':'))
                return std::nullopt;
            port = rest.mid(close + 2);
        }
    } else {
        const qsizetype portColon = rest.lastIndexOf(QLatin1Char(':'));
        out.host = portColon < 0 ? rest : rest.left(portColon);
        if (portColon >= 0)
            port = rest.mid(portColon + 1);
    }
    if (out.host.isEmpty())
        return std::nullopt;
    if (!port.isNull()) {
        bool ok = false;
        out.port = port.toUShort(&ok);
        if (!ok || out.port == 0)
            return std::nullopt;
    }
    return out;
}

QList<IceServer> withTurnsTunnelled(const QList<IceServer> &servers, const TurnsTunnel &tunnel)
{
    QList<IceServer> out;
    for (IceServer s : servers) {
        QStringList urls;
        for (const QString &url : std::as_const(s.urls)) {
            const std::optional<IceUrl> parsed = parseIceUrl(url);
            if (!parsed || parsed->scheme != QLatin1String("turns")) {
                urls << url;
                continue;
            }
            const quint16 local = tunnel(parsed->host, parsed->port ? parsed->port : 443);
            if (local)
                urls << QStringLiteral("turn:127.0.0.1:%1?transport=tcp").arg(local);
        }
        s.urls = urls;
        if (!s.urls.isEmpty())
            out << s;
    }
    return out;
}

WebRtcBinIceUris toWebRtcBinUris(const QList<IceServer> &servers)
{
    WebRtcBinIceUris out;
    for (const auto &s : servers) {
        for (const auto &url : s.urls) {
            const std::optional<IceUrl> parsed = parseIceUrl(url);
            if (!parsed)
                continue;
            if (parsed->scheme == QLatin1String("stun") ||
                parsed->scheme == QLatin1String("stuns")) {
                // webrtcbin has a single STUN server; the first one wins.
                if (out.stun.isEmpty())
                    out.stun = QStringLiteral("stun://") + parsed->hostPort();
            } else if (parsed->scheme == QLatin1String("turn") ||
                       parsed->scheme == QLatin1String("turns")) {
                QString uri = parsed->scheme + QStringLiteral("://") + escaped(s.username) +
                              QLatin1Char(':') + escaped(s.credential) + QLatin1Char('@') +
                              parsed->hostPort();
                if (!parsed->query.isEmpty())
                    uri += QLatin1Char('?') + parsed->query;
                out.turn << uri;
            }
        }
    }
    return out;
}

} // namespace relais::media
