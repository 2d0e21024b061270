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

// "turn:host:3478?transport=udp" -> host part "host:3478" and query "transport=udp".
void splitUrl(const QString &rest, QString &hostPort, QString &query)
{
    const qsizetype q = rest.indexOf(QLatin1Char('?'));
    hostPort = q < 0 ? rest : rest.left(q);
    query = q < 0 ? QString() : rest.mid(q + 1);
    if (hostPort.startsWith(QLatin1String("//")))
        hostPort = hostPort.mid(2);
}

} // namespace

WebRtcBinIceUris toWebRtcBinUris(const QList<IceServer> &servers)
{
    WebRtcBinIceUris out;
    for (const auto &s : servers) {
        for (const auto &url : s.urls) {
            const qsizetype colon = url.indexOf(QLatin1Char(':'));
            if (colon < 0)
                continue;
            const QString scheme = url.left(colon).toLower();
            QString hostPort, query;
            splitUrl(url.mid(colon + 1), hostPort, query);
            if (hostPort.isEmpty())
                continue;
            if (scheme == QLatin1String("stun") || scheme == QLatin1String("stuns")) {
                // webrtcbin has a single STUN server; the first one wins.
                if (out.stun.isEmpty())
                    out.stun = QStringLiteral("stun://") + hostPort;
            } else if (scheme == QLatin1String("turn") || scheme == QLatin1String("turns")) {
                if (!hostPort.contains(QLatin1Char(':')))
                    hostPort += scheme == QLatin1String("turns") ? QStringLiteral(":443")
                                                                 : QStringLiteral(":3478");
                QString uri = scheme + QStringLiteral("://") + escaped(s.username) +
                              QLatin1Char(':') + escaped(s.credential) + QLatin1Char('@') +
                              hostPort;
                if (!query.isEmpty())
                    uri += QLatin1Char('?') + query;
                out.turn << uri;
            }
        }
    }
    return out;
}

} // namespace relais::media
