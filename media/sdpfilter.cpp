// SPDX-License-Identifier: EUPL-1.2
#include "sdpfilter.h"

#include <QRegularExpression>
#include <QSet>
#include <QStringList>

namespace relais::media {

namespace {

// The payload types of one media section whose rtpmap names `codec` ("a=rtpmap:99 rtx/48000").
QSet<QString> payloadsOf(const QStringList &lines, const QString &codec)
{
    const QRegularExpression rtpmap(
        QStringLiteral("^a=rtpmap:(\\d+) %1/").arg(QRegularExpression::escape(codec)),
        QRegularExpression::CaseInsensitiveOption);
    QSet<QString> payloads;
    for (const QString &line : lines) {
        const auto match = rtpmap.match(line);
        if (match.hasMatch())
            payloads.insert(match.captured(1));
    }
    return payloads;
}

QStringList filterAudioSection(const QStringList &lines)
{
    const QSet<QString> rtx = payloadsOf(lines, QStringLiteral("rtx"));
    QSet<QString> rtxSsrcs;
    for (const QString &line : lines) {
        // a=ssrc-group:FID <media ssrc> <rtx ssrc>
        if (line.startsWith(QLatin1String("a=ssrc-group:FID "))) {
            const QStringList parts = line.mid(17).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            for (qsizetype i = 1; i < parts.size(); ++i)
                rtxSsrcs.insert(parts.at(i));
        }
    }
    QStringList kept;
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1String("m="))) {
            QStringList parts = line.split(QLatin1Char(' '));
            // m=audio <port> <proto> <fmt>...: formats from the fourth field on.
            for (qsizetype i = parts.size() - 1; i >= 3; --i)
                if (rtx.contains(parts.at(i)))
                    parts.removeAt(i);
            kept << parts.join(QLatin1Char(' '));
            continue;
        }
        if (line.startsWith(QLatin1String("a=ssrc-group:FID ")))
            continue;
        bool drop = false;
        for (const QString &pt : rtx) {
            for (const char *prefix : {"a=rtpmap:", "a=fmtp:", "a=rtcp-fb:"}) {
                if (line.startsWith(QLatin1String(prefix) + pt + QLatin1Char(' ')))
                    drop = true;
            }
        }
        for (const QString &ssrc : rtxSsrcs) {
            if (line.startsWith(QLatin1String("a=ssrc:") + ssrc + QLatin1Char(' ')))
                drop = true;
        }
        if (!drop)
            kept << line;
    }
    return kept;
}

QStringList startVideoSectionAt(const QStringList &lines, int kbps)
{
    static const QRegularExpression startParam(QStringLiteral(";?\\s*x-google-start-bitrate=\\d+"));
    const QSet<QString> vp8 = payloadsOf(lines, QStringLiteral("VP8"));
    const QString param = QStringLiteral("x-google-start-bitrate=%1").arg(kbps);
    QSet<QString> withFmtp;
    for (const QString &line : lines) {
        for (const QString &pt : vp8) {
            if (line.startsWith(QLatin1String("a=fmtp:") + pt + QLatin1Char(' ')))
                withFmtp.insert(pt);
        }
    }
    QStringList out;
    for (const QString &line : lines) {
        QString kept = line;
        for (const QString &pt : vp8) {
            const QString fmtp = QLatin1String("a=fmtp:") + pt + QLatin1Char(' ');
            if (line.startsWith(fmtp)) {
                QString params = line.mid(fmtp.size()).remove(startParam).trimmed();
                if (params.startsWith(QLatin1Char(';')))
                    params.remove(0, 1);
                kept = fmtp + (params.isEmpty() ? param : params + QLatin1Char(';') + param);
            }
        }
        out << kept;
        for (const QString &pt : vp8) {
            if (!withFmtp.contains(pt) &&
                line.startsWith(QLatin1String("a=rtpmap:") + pt + QLatin1Char(' ')))
                out << QLatin1String("a=fmtp:") + pt + QLatin1Char(' ') + param;
        }
    }
    return out;
}

// Splits SDP text into its media sections (the session part first), lets `filter` rewrite each
// media section, and joins them again with the text's own line ends.
template<typename Filter> QString filterSections(const QString &sdp, Filter &&filter)
{
    const QString eol =
        sdp.contains(QLatin1String("\r\n")) ? QStringLiteral("\r\n") : QStringLiteral("\n");
    const QStringList lines = sdp.split(eol);
    QStringList out;
    QStringList section;
    auto flush = [&] {
        out << (!section.isEmpty() && section.first().startsWith(QLatin1String("m="))
                    ? filter(section)
                    : section);
        section.clear();
    };
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1String("m=")))
            flush();
        section << line;
    }
    flush();
    return out.join(eol);
}

} // namespace

QString withVideoStartBitrate(const QString &sdp, int kbps)
{
    return filterSections(sdp, [kbps](const QStringList &section) {
        return section.first().startsWith(QLatin1String("m=video "))
                   ? startVideoSectionAt(section, kbps)
                   : section;
    });
}

QString withoutAudioRetransmission(const QString &sdp)
{
    return filterSections(sdp, [](const QStringList &section) {
        return section.first().startsWith(QLatin1String("m=audio ")) ? filterAudioSection(section)
                                                                     : section;
    });
}

} // namespace relais::media
