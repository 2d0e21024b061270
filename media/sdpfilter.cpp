#include "sdpfilter.h"

#include <QRegularExpression>
#include <QSet>
#include <QStringList>

namespace relais::media {

namespace {

// The RTX payload types of one media section ("a=rtpmap:99 rtx/48000").
QSet<QString> rtxPayloads(const QStringList &lines)
{
    static const QRegularExpression rtpmap(QStringLiteral("^a=rtpmap:(\\d+) rtx/"),
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
    const QSet<QString> rtx = rtxPayloads(lines);
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

} // namespace

QString withoutAudioRetransmission(const QString &sdp)
{
    const QString eol =
        sdp.contains(QLatin1String("\r\n")) ? QStringLiteral("\r\n") : QStringLiteral("\n");
    const QStringList lines = sdp.split(eol);
    QStringList out;
    QStringList section;
    bool audio = false;
    auto flush = [&] {
        out << (audio ? filterAudioSection(section) : section);
        section.clear();
    };
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1String("m="))) {
            flush();
            audio = line.startsWith(QLatin1String("m=audio "));
        }
        section << line;
    }
    flush();
    return out.join(eol);
}

} // namespace relais::media
