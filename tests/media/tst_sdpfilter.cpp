// SPDX-License-Identifier: EUPL-1.2
// The kiosk's offer as the peer receives it: no retransmission on audio, the picture's kept,
// and the browser told where to start its bitrate.

#include "sdpfilter.h"

#include <QTest>

using namespace relais::media;

class TestSdpFilter : public QObject
{
    Q_OBJECT
private slots:
    void dropsAudioRetransmissionOnly()
    {
        const QString offer = QStringLiteral(
            "v=0\r\no=- 1 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
            "a=group:BUNDLE video0 audio1 application2\r\n"
            "m=video 9 UDP/TLS/RTP/SAVPF 96 98\r\n"
            "a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\n"
            "a=rtpmap:98 rtx/90000\r\na=fmtp:98 apt=96\r\n"
            "a=ssrc-group:FID 11 12\r\na=ssrc:11 cname:k\r\na=ssrc:12 cname:k\r\n"
            "a=mid:video0\r\n"
            "m=audio 0 UDP/TLS/RTP/SAVPF 97 99\r\n"
            "a=rtpmap:97 OPUS/48000/2\r\na=rtcp-fb:97 nack\r\n"
            "a=fmtp:97 sprop-stereo=0\r\na=rtpmap:99 rtx/48000\r\na=fmtp:99 apt=97\r\n"
            "a=ssrc-group:FID 21 22\r\na=ssrc:21 cname:k\r\na=ssrc:22 cname:k\r\n"
            "a=mid:audio1\r\n"
            "m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:application2\r\n");
        const QString sent = withoutAudioRetransmission(offer);
        const QString video = sent.section(QStringLiteral("m=audio"), 0, 0);
        const QString audio = sent.section(QStringLiteral("m=audio"), 1)
                                  .section(QStringLiteral("m=application"), 0, 0);
        // The picture keeps everything.
        QVERIFY(video.contains(QLatin1String("m=video 9 UDP/TLS/RTP/SAVPF 96 98\r\n")));
        QVERIFY(video.contains(QLatin1String("a=rtpmap:98 rtx/90000")));
        QVERIFY(video.contains(QLatin1String("a=ssrc-group:FID 11 12")));
        QVERIFY(video.contains(QLatin1String("a=ssrc:12 cname:k")));
        // The voice loses its RTX payload, group and SSRC, and keeps the rest.
        QVERIFY(audio.startsWith(QLatin1String(" 0 UDP/TLS/RTP/SAVPF 97\r\n")));
        QVERIFY(!audio.contains(QLatin1String("rtx")));
        QVERIFY(!audio.contains(QLatin1String("apt=97")));
        QVERIFY(!audio.contains(QLatin1String("FID")));
        QVERIFY(!audio.contains(QLatin1String("a=ssrc:22")));
        QVERIFY(audio.contains(QLatin1String("a=ssrc:21 cname:k")));
        QVERIFY(audio.contains(QLatin1String("a=fmtp:97 sprop-stereo=0")));
        QVERIFY(audio.contains(QLatin1String("a=mid:audio1")));
        QVERIFY(sent.endsWith(QLatin1String("a=mid:application2\r\n")));
        // What is not SDP, or has no audio RTX, goes through untouched.
        QCOMPARE(withoutAudioRetransmission(QStringLiteral("hello")), QStringLiteral("hello"));
        QCOMPARE(withoutAudioRetransmission(sent), sent);
    }

    void startsTheBrowsersVideoAtTheGivenBitrate()
    {
        // VP8 without an fmtp line (as webrtcbin offers it), a second video payload with one,
        // and audio that must not be touched.
        const QString offer = QStringLiteral(
            "v=0\r\no=- 1 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
            "m=video 9 UDP/TLS/RTP/SAVPF 96 98 100\r\n"
            "a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 nack pli\r\n"
            "a=rtpmap:98 rtx/90000\r\na=fmtp:98 apt=96\r\n"
            "a=rtpmap:100 vp8/90000\r\na=fmtp:100 max-fr=30; x-google-start-bitrate=300\r\n"
            "a=mid:video0\r\n"
            "m=audio 0 UDP/TLS/RTP/SAVPF 97\r\n"
            "a=rtpmap:97 OPUS/48000/2\r\na=fmtp:97 sprop-stereo=0\r\na=mid:audio1\r\n");
        const QString sent = withVideoStartBitrate(offer, 1200);
        const QStringList lines = sent.split(QStringLiteral("\r\n"));
        // A new fmtp line right after the rtpmap it belongs to.
        const qsizetype rtpmap = lines.indexOf(QStringLiteral("a=rtpmap:96 VP8/90000"));
        QVERIFY(rtpmap >= 0);
        QCOMPARE(lines.value(rtpmap + 1), QStringLiteral("a=fmtp:96 x-google-start-bitrate=1200"));
        // An existing one keeps its parameters and has its start bitrate replaced, once.
        QVERIFY(lines.contains(QStringLiteral("a=fmtp:100 max-fr=30;x-google-start-bitrate=1200")));
        QCOMPARE(sent.count(QStringLiteral("x-google-start-bitrate")), 2);
        // Retransmission and audio are as they were.
        QVERIFY(lines.contains(QStringLiteral("a=fmtp:98 apt=96")));
        QVERIFY(
            sent.endsWith(QLatin1String("m=audio 0 UDP/TLS/RTP/SAVPF 97\r\n"
                                        "a=rtpmap:97 OPUS/48000/2\r\na=fmtp:97 sprop-stereo=0\r\n"
                                        "a=mid:audio1\r\n")));
        // Applying it again changes nothing; what is not SDP goes through untouched.
        QCOMPARE(withVideoStartBitrate(sent, 1200), sent);
        QCOMPARE(withVideoStartBitrate(QStringLiteral("hello"), 1200), QStringLiteral("hello"));
    }
};

QTEST_GUILESS_MAIN(TestSdpFilter)
#include "tst_sdpfilter.moc"
