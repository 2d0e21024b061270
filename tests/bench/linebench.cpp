// SPDX-License-Identifier: EUPL-1.2
// relais-linebench: the kiosk against Chromium on a village's line. Not a test: nothing here
// passes or fails on figures. Needs root (network namespaces).
//
//   build/tests/line/relais-linebench [--profiles adsl,4g,lossy,udp-blocked] [--seconds 40]
//                                     [--size 1280x720] [--fps 30]
//
// For each profile, one network namespace joined to the host by a veth pair (tests/support/
// linecall.h): what is sent from inside is shaped in the kernel (tc tbf, shapedlink.h); the
// hub, coturn and the adviser's Chromium (the agents' console) are on the host. In the same
// run, over the same link, two senders call the same Chromium, one after the other, for
// --seconds each:
//
// - kiosk: relais-peer in the kiosk role (test sources at the kiosk's real size) through the
//   hub, taken by the adviser in the console;
// - chromium: a Chromium page in the kiosk's place (its own Chromium, inside the namespace,
//   camera at the same size, up to the same 1.2 Mbit/s), answered by the console's own
//   AgentCall in a second page of the adviser's Chromium; the descriptions are exchanged with
//   all their candidates (no hub between them).
//
// Both send the same kind of picture, noise (videotestsrc's snow; a looped file of it as
// Chromium's fake camera), which fills any bitrate as a camera's picture does: the line, not
// the picture, limits them (the default test pattern needs only 40-80 kbit/s).
//
// Both are relayed (forced) through coturn's UDP port, with a UDP relay in front of it
// (lossrelay.h) that drops the profile's share of what the namespace sends; in `udp-blocked`
// nothing but TCP to 443 (coturn, TURN/TLS) and to the hub leaves the namespace.
//
// Profiles: adsl (1 Mbit/s up, 400 ms of buffer), 4g (3 → 0.6 → 2 Mbit/s, a step every 15 s
// from the call's first picture, 250 ms of buffer), lossy (2 Mbit/s, 100 ms of buffer, 3 %
// random loss), udp-blocked (not shaped; TCP 443 only). The downstream is never shaped.
//
// Printed for each profile and sender, from the receiving Chromium's getStats read every
// second: queue_delay_ms (the median of the sender's round trip from RTCP, read every second at
// the sender: relais-peer's rtt_ms, the sending page's remote-inbound-rtp; its sender reports
// queue in the modem behind its media; above the unloaded round trip, the lowest either sender
// saw on that link), video_kbps_delivered and frames_decoded_per_s
// (medians of the seconds), freezes_per_min (Chromium's freezeCount over the call),
// audio_concealed_percent (concealed samples over all samples played, over the call) and
// call_setup_ms (the call handed over, or the offer made, to the later of the two sides'
// first decoded pictures); then the ratio kiosk/Chromium of each.

#include "linecall.h"
#include "linkseries.h"
#include "lossrelay.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTemporaryDir>

#include <gst/gst.h>

#include <cstdio>

using namespace relais;
using namespace relais::e2e;

namespace {

struct Profile
{
    QString name;
    QList<int> kbitSteps; // every 15 s, in a loop; empty: not shaped
    int bufferMs = 0;
    double loss = 0;
    bool udpBlocked = false;
};

const QList<Profile> &profiles()
{
    static const QList<Profile> all{
        {QStringLiteral("adsl"), {1000}, 400, 0, false},
        {QStringLiteral("4g"), {3000, 600, 2000}, 250, 0, false},
        {QStringLiteral("lossy"), {2000}, 100, 0.03, false},
        {QStringLiteral("udp-blocked"), {}, 0, 0, true},
    };
    return all;
}

struct Figures
{
    bool ok = false;
    LinkSeries series;
    qint64 setupMs = -1;
};

// Reads the receiving side every second for `seconds`, stepping the line's rate as the
// profile says.
void follow(const Profile &profile, LineCall &line,
            const std::function<std::pair<QJsonObject, double>()> &read, int seconds,
            LinkSeries *series)
{
    for (int s = 0; s <= seconds; ++s) {
        if (profile.kbitSteps.size() > 1 && s % 15 == 0)
            line.link().shape(profile.kbitSteps.at((s / 15) % profile.kbitSteps.size()),
                              profile.bufferMs);
        const auto [reading, senderRttMs] = read();
        if (reading.value(QStringLiteral("ok")).toBool())
            series->add(reading, senderRttMs);
        QTest::qWait(1000);
    }
    if (profile.kbitSteps.size() > 1)
        line.link().shape(profile.kbitSteps.first(), profile.bufferMs);
}

Figures kioskCall(const Profile &profile, LineCall &line, const QString &size, int fps, int seconds)
{
    Figures f;
    PeerProcess kiosk(QStringLiteral("kiosk"));
    QStringList arguments = line.kioskArguments(size, fps) +
                            QStringList{QStringLiteral("--duration"), QString::number(seconds + 5)};
    if (!profile.udpBlocked)
        arguments << QStringLiteral("--force-relay");
    QString error;
    if (!line.placeKioskCall(kiosk, arguments, &f.setupMs, &error)) {
        fprintf(stderr, "relais-linebench: %s: the kiosk's call failed: %s\n",
                qPrintable(profile.name), qPrintable(error));
        return f;
    }
    follow(
        profile, line,
        [&] {
            return std::pair{line.adviser().run({{"cmd", "linkSample"}}),
                             LineCall::kioskRttMs(kiosk)};
        },
        seconds, &f.series);
    const QList<QJsonObject> stats = kiosk.all(QStringLiteral("stats"));
    if (!stats.isEmpty())
        fprintf(stderr, "%s: the kiosk sent %dx%d at the end (target %d kbit/s, limited by '%s')\n",
                qPrintable(profile.name), stats.last().value(QStringLiteral("send_width")).toInt(),
                stats.last().value(QStringLiteral("send_height")).toInt(),
                stats.last().value(QStringLiteral("send_target_kbps")).toInt(),
                qPrintable(stats.last().value(QStringLiteral("send_limitation")).toString()));
    f.ok = kiosk.waitFinished(30000) &&
           line.adviser().run({{"cmd", "waitEnded"}}).value(QStringLiteral("ok")).toBool();
    return f;
}

Figures chromiumCall(const Profile &profile, LineCall &line, BrowserAgent &offerer,
                     const QString &size, int seconds)
{
    Figures f;
    const QStringList wh = size.split(QLatin1Char('x'));
    const QJsonArray iceServers = line.adviser()
                                      .run({{"cmd", "callIceServers"}})
                                      .value(QStringLiteral("iceServers"))
                                      .toArray();
    const QJsonObject offer = offerer.run({{"cmd", "offerPrepare"},
                                           {"width", wh.value(0).toInt()},
                                           {"height", wh.value(1).toInt()},
                                           {"iceServers", iceServers},
                                           {"maxBitrate", 1200000}});
    const QJsonObject answer = line.adviser().run({{"cmd", "pairAnswer"},
                                                   {"offer", offer.value(QStringLiteral("sdp"))},
                                                   {"iceServers", iceServers},
                                                   {"width", wh.value(0).toInt()},
                                                   {"height", wh.value(1).toInt()}});
    if (!answer.value(QStringLiteral("ok")).toBool() ||
        !offerer.run({{"cmd", "offerAccept"}, {"answer", answer.value(QStringLiteral("sdp"))}})
             .value(QStringLiteral("ok"))
             .toBool()) {
        fprintf(stderr, "relais-linebench: %s: the Chromium pair failed\n",
                qPrintable(profile.name));
        return f;
    }
    const QJsonObject a = offerer.run({{"cmd", "firstFrame"}});
    const QJsonObject b = line.adviser().run({{"cmd", "pairFirstFrame"}});
    if (a.value(QStringLiteral("ok")).toBool() && b.value(QStringLiteral("ok")).toBool())
        f.setupMs = std::max(a.value(QStringLiteral("at")).toInteger(),
                             b.value(QStringLiteral("at")).toInteger()) -
                    offer.value(QStringLiteral("at")).toInteger();
    QJsonObject before = offerer.run({{"cmd", "offerSample"}});
    follow(
        profile, line,
        [&] {
            const QJsonObject now = offerer.run({{"cmd", "offerSample"}});
            const double rtt = LinkSeries::rttBetween(before, now);
            before = now;
            return std::pair{line.adviser().run({{"cmd", "pairSample"}}), rtt};
        },
        seconds, &f.series);
    offerer.run({{"cmd", "offerClose"}});
    line.adviser().run({{"cmd", "pairClose"}});
    f.ok = f.setupMs >= 0;
    return f;
}

struct Summary
{
    double queueMs, videoKbps, freezesPerMin, framesPerS, concealedPercent, setupMs;
};

Summary summarize(const Figures &f, double baseline)
{
    const QList<LinkInterval> &all = f.series.intervals();
    double freezes = 0, seconds = 0, concealed = 0, audio = 0;
    for (const LinkInterval &i : all) {
        freezes += i.freezes;
        concealed += i.concealedMs;
        audio += i.audioMs;
    }
    if (!all.isEmpty())
        seconds = all.last().endS;
    return {
        LinkSeries::medianOf(all,
                             [&](const LinkInterval &i) -> std::optional<double> {
                                 if (i.rttMs < 0)
                                     return std::nullopt;
                                 return i.rttMs - baseline;
                             }),
        LinkSeries::medianOf(
            all, [](const LinkInterval &i) -> std::optional<double> { return i.videoKbps; }),
        seconds > 0 ? freezes * 60 / seconds : -1,
        LinkSeries::medianOf(
            all, [](const LinkInterval &i) -> std::optional<double> { return i.framesPerS; }),
        audio > 0 ? 100 * concealed / audio : -1,
        double(f.setupMs),
    };
}

void print(const QString &profile, const Summary &kiosk, const Summary &chromium)
{
    struct Row
    {
        const char *name;
        const char *unit;
        double Summary::*field;
    };
    const Row rows[] = {
        {"queue_delay_ms", "ms", &Summary::queueMs},
        {"video_kbps_delivered", "kbit/s", &Summary::videoKbps},
        {"freezes_per_min", "/min", &Summary::freezesPerMin},
        {"frames_decoded_per_s", "fps", &Summary::framesPerS},
        {"audio_concealed_percent", "%", &Summary::concealedPercent},
        {"call_setup_ms", "ms", &Summary::setupMs},
    };
    const QByteArray p = profile.toUtf8();
    for (const Row &r : rows) {
        printf("%s_kiosk_%s: %.1f %s\n", p.constData(), r.name, kiosk.*r.field, r.unit);
        printf("%s_chromium_%s: %.1f %s\n", p.constData(), r.name, chromium.*r.field, r.unit);
    }
    for (const Row &r : rows) {
        if (chromium.*r.field > 0)
            printf("%s_kiosk_over_chromium_%s: %.2f x\n", p.constData(), r.name,
                   kiosk.*r.field / (chromium.*r.field));
        else
            printf("%s_kiosk_over_chromium_%s: n/a (Chromium's is %.1f)\n", p.constData(), r.name,
                   chromium.*r.field);
    }
    fflush(stdout);
}

// One second of noise at the kiosk's size, for Chromium's fake camera (it loops the file).
bool makeNoise(const QString &path, const QString &size, int fps)
{
    const QStringList wh = size.split(QLatin1Char('x'));
    const QString pipeline =
        QStringLiteral("videotestsrc pattern=snow num-buffers=%1 ! "
                       "video/x-raw,format=I420,width=%2,height=%3,framerate=%1/1 ! y4menc ! "
                       "filesink location=%4")
            .arg(fps)
            .arg(wh.value(0), wh.value(1), path);
    GError *error = nullptr;
    GstElement *p = gst_parse_launch(pipeline.toUtf8().constData(), &error);
    if (!p) {
        g_clear_error(&error);
        return false;
    }
    gst_element_set_state(p, GST_STATE_PLAYING);
    GstBus *bus = gst_element_get_bus(p);
    GstMessage *m = gst_bus_timed_pop_filtered(bus, 60 * GST_SECOND,
                                               GstMessageType(GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
    const bool ok = m && GST_MESSAGE_TYPE(m) == GST_MESSAGE_EOS;
    if (m)
        gst_message_unref(m);
    gst_object_unref(bus);
    gst_element_set_state(p, GST_STATE_NULL);
    gst_object_unref(p);
    return ok;
}

bool runProfile(const Profile &profile, int subnet, const QString &size, int fps, int seconds,
                const QString &fakeVideo)
{
    LineCall line(subnet);
    QString error;
    if (!line.createLink(&error)) {
        fprintf(stderr, "relais-linebench: no network namespace: %s\n", qPrintable(error));
        return false;
    }
    test::LossRelay relay(QHostAddress(line.link().hostAddress()),
                          QHostAddress(line.link().hostAddress()), line.turn().port(),
                          QHostAddress(line.link().farAddress()));
    relay.setLoss(profile.loss);
    QStringList urls{line.turnUdpUrl(relay.port())};
    if (profile.udpBlocked)
        urls << line.turnTlsUrl();
    if (!line.start(urls, &error)) {
        fprintf(stderr, "relais-linebench: %s\n", qPrintable(error));
        return false;
    }
    if (!profile.kbitSteps.isEmpty() &&
        !line.link().shape(profile.kbitSteps.first(), profile.bufferMs, &error)) {
        fprintf(stderr, "relais-linebench: %s\n", qPrintable(error));
        return false;
    }
    if (profile.udpBlocked &&
        !line.link().onlyTcpTo({LineCall::kStreamPort, line.hub().port()}, &error)) {
        fprintf(stderr, "relais-linebench: %s\n", qPrintable(error));
        return false;
    }
    BrowserAgent offerer;
    if (!offerer.start(QStringLiteral("blank"), line.link().launcher(),
                       {QStringLiteral("--fake-video"), fakeVideo})) {
        fprintf(stderr, "relais-linebench: Chromium did not start in the namespace\n");
        return false;
    }
    const Figures kiosk = kioskCall(profile, line, size, fps, seconds);
    const Figures chromium = chromiumCall(profile, line, offerer, size, seconds);
    fprintf(stderr, "%s: %lld packets dropped by the loss relay\n", qPrintable(profile.name),
            qlonglong(relay.dropped()));
    fprintf(stderr,
            "%s: new connections during the call (rebuilt after a failure): kiosk %d, "
            "Chromium %d\n",
            qPrintable(profile.name), kiosk.series.restarts(), chromium.series.restarts());
    if (!kiosk.ok || !chromium.ok)
        return false;
    double baseline = kiosk.series.lowestRttMs();
    const double other = chromium.series.lowestRttMs();
    if (baseline < 0 || (other >= 0 && other < baseline))
        baseline = other;
    printf("%s_unloaded_rtt_ms: %.1f ms\n", qPrintable(profile.name), baseline);
    print(profile.name, summarize(kiosk, baseline), summarize(chromium, baseline));
    offerer.run({{"cmd", "quit"}});
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    gst_init(&argc, &argv);
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOptions({
        {"profiles", "Comma-separated: adsl, 4g, lossy, udp-blocked.", "list",
         "adsl,4g,lossy,udp-blocked"},
        {"seconds", "Length of each call, from its first picture.", "s", "40"},
        {"size", "The kiosk's picture (and the Chromium sender's camera).", "WxH", "1280x720"},
        {"fps", "The kiosk's frame rate.", "n", "30"},
    });
    p.process(app);
    const int seconds = std::max(5, p.value(QStringLiteral("seconds")).toInt());
    QTemporaryDir dir;
    const QString fakeVideo = dir.filePath(QStringLiteral("noise.y4m"));
    if (!makeNoise(fakeVideo, p.value(QStringLiteral("size")),
                   p.value(QStringLiteral("fps")).toInt())) {
        fprintf(stderr, "relais-linebench: could not make Chromium's camera file\n");
        return 1;
    }
    bool ok = true;
    int subnet = 60;
    for (const QString &name : p.value(QStringLiteral("profiles")).split(QLatin1Char(','))) {
        const auto it = std::find_if(profiles().begin(), profiles().end(),
                                     [&](const Profile &pr) { return pr.name == name; });
        if (it == profiles().end()) {
            fprintf(stderr, "relais-linebench: no profile '%s'\n", qPrintable(name));
            return 2;
        }
        ok = runProfile(*it, subnet++, p.value(QStringLiteral("size")),
                        p.value(QStringLiteral("fps")).toInt(), seconds, fakeVideo) &&
             ok;
    }
    return ok ? 0 : 1;
}
