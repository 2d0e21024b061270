// SPDX-License-Identifier: EUPL-1.2
// A headset plugged in during a call, on a real PulseAudio server (run_with_audio.sh starts
// one with a null sink, "ttsnull", the speaker here): the call's sound and the kiosk's speech
// move to it, the call goes on, and both come back to the speaker when it is pulled out (not
// to a screen's speakers, "ecran", where PulseAudio would fall back). The headset is a null
// sink that says it is one (device.form_factor=headset), loaded and unloaded while the call
// plays, as udev and PulseAudio do with a USB headset.

#include "callpair.h"
#include "headsetswitch.h"
#include "readaloud.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace relais::media;

namespace {

const QString speakerSink = QStringLiteral("ttsnull"); // run_with_audio.sh's
const QString headsetSink = QStringLiteral("casque");

struct Pactl
{
    bool ok = false;
    QByteArray output;
    QByteArray error;
};

Pactl pactl(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("pactl"), arguments);
    Pactl result;
    result.ok = process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit &&
                process.exitCode() == 0;
    result.output = process.readAllStandardOutput();
    result.error = process.readAllStandardError();
    return result;
}

QJsonArray pactlJson(const QString &what)
{
    const Pactl result = pactl({QStringLiteral("--format=json"), QStringLiteral("list"), what});
    return result.ok ? QJsonDocument::fromJson(result.output).array() : QJsonArray();
}

QString sinkName(int index)
{
    for (const QJsonValue &sink : pactlJson(QStringLiteral("sinks")))
        if (sink[QLatin1String("index")].toInt() == index)
            return sink[QLatin1String("name")].toString();
    return {};
}

struct Stream
{
    int index = -1;
    QString sink;
};

// The playback streams of this process (the call's pulsesink), or of the speech-dispatcher
// module that speaks French (espeak-ng; it keeps its stream between sentences).
QList<Stream> streams(bool ours)
{
    const QString pid = QString::number(QCoreApplication::applicationPid());
    QList<Stream> found;
    for (const QJsonValue &input : pactlJson(QStringLiteral("sink-inputs"))) {
        const QJsonObject properties = input[QLatin1String("properties")].toObject();
        const bool wanted =
            ours ? properties[QLatin1String("application.process.id")].toString() == pid
                 : properties[QLatin1String("application.name")].toString() ==
                       QLatin1String("speech-dispatcher-espeak-ng");
        if (wanted)
            found << Stream{input[QLatin1String("index")].toInt(),
                            sinkName(input[QLatin1String("sink")].toInt())};
    }
    return found;
}

QString defaultSink()
{
    const Pactl result = pactl({QStringLiteral("get-default-sink")});
    return QString::fromUtf8(result.output.trimmed());
}

// Loads the headset's null sink; returns its module's index (-1: refused).
int plugHeadset()
{
    const Pactl result = pactl({QStringLiteral("load-module"), QStringLiteral("module-null-sink"),
                                QStringLiteral("sink_name=") + headsetSink,
                                QStringLiteral("sink_properties=device.form_factor=headset")});
    bool ok = false;
    const int module = result.output.trimmed().toInt(&ok);
    return result.ok && ok ? module : -1;
}

bool unplug(int module)
{
    return pactl({QStringLiteral("unload-module"), QString::number(module)}).ok;
}

} // namespace

class TestHeadsetSwitch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void callSoundFollowsTheHeadset();
    void speechFollowsTheHeadset();

private:
    // The call's sound keeps coming: more played buffers than now, within a few seconds.
    static bool keepsPlaying(const CallSession &session);
};

void TestHeadsetSwitch::initTestCase()
{
    // Outside the wrapper this would move the sound of the user's own session.
    if (qEnvironmentVariableIsEmpty("RELAIS_AUDIO_RUN"))
        QFAIL("run this test through tests/integration/run_with_audio.sh (ctest does)");
    QVERIFY2(qEnvironmentVariableIsEmpty("PULSE_SINK"),
             "PULSE_SINK ties every stream to one sink; the test runs without it");
    const Pactl info = pactl({QStringLiteral("info")});
    QVERIFY2(info.ok, info.error.constData());
    // A screen's speakers, which PulseAudio ranks above the null sink (a sound card's class):
    // where it falls back when the headset goes, unless the switch brings back the speaker.
    QVERIFY(pactl({QStringLiteral("load-module"), QStringLiteral("module-null-sink"),
                   QStringLiteral("sink_name=ecran"),
                   QStringLiteral("sink_properties=device.class=sound")})
                .ok);
    // Chosen explicitly, as on a kiosk: a sink that appears does not become the default by
    // itself, so only the switch can move the sound.
    QVERIFY(pactl({QStringLiteral("set-default-sink"), speakerSink}).ok);
    gst_init(nullptr, nullptr);
}

bool TestHeadsetSwitch::keepsPlaying(const CallSession &session)
{
    const quint64 before = session.audioBuffers();
    // 50 buffers: one second of the adviser's voice.
    return QTest::qWaitFor([&] { return session.audioBuffers() > before + 50; }, 10000);
}

void TestHeadsetSwitch::callSoundFollowsTheHeadset()
{
    CallConfig kioskConfig = test::loopbackConfig(CallRole::Offerer);
    kioskConfig.audioSink = QStringLiteral("autoaudiosink"); // the kiosk's own choice
    CallSession kiosk(kioskConfig);
    CallSession agent(test::loopbackConfig(CallRole::Answerer));
    test::connectDirect(kiosk, agent);
    QVERIFY(agent.start());
    QVERIFY(kiosk.start());
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.audioBuffers() > 20, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(streams(true).size(), 1, 10000);
    const Stream call = streams(true).constFirst();
    QCOMPARE(call.sink, speakerSink);

    // A site that keeps the loudspeaker: the headset is seen, the sound stays.
    {
        HeadsetSwitch off(false);
        off.start();
        QTRY_VERIFY_WITH_TIMEOUT(off.output() == AudioOutput::Speaker, 10000);
        const int module = plugHeadset();
        QVERIFY(module >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(off.headsetPresent(), 10000);
        QCOMPARE(off.output(), AudioOutput::Speaker);
        QCOMPARE(defaultSink(), speakerSink);
        QCOMPARE(streams(true).constFirst().sink, speakerSink);
        QVERIFY(unplug(module));
        QTRY_VERIFY_WITH_TIMEOUT(!off.headsetPresent(), 10000);
    }

    HeadsetSwitch headset(true);
    headset.start();
    QTRY_VERIFY_WITH_TIMEOUT(headset.output() == AudioOutput::Speaker, 10000);
    QVERIFY(!headset.headsetPresent());

    // Plugged in during the call: the same stream moves, the call goes on.
    QSignalSpy changed(&headset, &HeadsetSwitch::changed);
    const int module = plugHeadset();
    QVERIFY(module >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(streams(true).value(0).sink, headsetSink, 10000);
    QCOMPARE(streams(true).size(), 1);
    QCOMPARE(streams(true).constFirst().index, call.index); // moved, not played anew
    QCOMPARE(defaultSink(), headsetSink);
    QTRY_VERIFY_WITH_TIMEOUT(headset.output() == AudioOutput::Headset, 10000);
    QVERIFY(!changed.isEmpty());
    QVERIFY(keepsPlaying(kiosk));
    QCOMPARE(kiosk.state(), CallSession::State::Connected);

    // Pulled out: back to the speaker (not to the screen PulseAudio falls back on), still the
    // same stream, still playing.
    QVERIFY(unplug(module));
    QTRY_COMPARE_WITH_TIMEOUT(streams(true).value(0).sink, speakerSink, 10000);
    QCOMPARE(streams(true).constFirst().index, call.index);
    QTRY_VERIFY_WITH_TIMEOUT(headset.output() == AudioOutput::Speaker, 10000);
    QCOMPARE(defaultSink(), speakerSink);
    QVERIFY(keepsPlaying(kiosk));
    QCOMPARE(kiosk.state(), CallSession::State::Connected);

    kiosk.hangUp();
    agent.hangUp();
}

// speech-dispatcher plays through its own process: it follows the default sink the switch sets.
void TestHeadsetSwitch::speechFollowsTheHeadset()
{
    relais::ReadAloud readAloud(nullptr);
    QSignalSpy available(&readAloud, &relais::ReadAloud::availableChanged);
    readAloud.startEngine();
    QTRY_VERIFY_WITH_TIMEOUT(available.count() > 0, 20000);
    QVERIFY2(readAloud.available(), "no speech engine with a French voice started");

    HeadsetSwitch headset(true);
    headset.start();
    QTRY_VERIFY_WITH_TIMEOUT(headset.output() == AudioOutput::Speaker, 10000);

    // Where speech-dispatcher's stream plays while it reads `text`.
    const auto speechSink = [&readAloud](const QString &text) {
        readAloud.read(text, QStringLiteral("fr"));
        QString sink;
        // Empty when speech never played: the comparison below says so.
        (void)QTest::qWaitFor(
            [&] {
                const QList<Stream> speech = streams(false);
                if (readAloud.speaking() && speech.size() == 1)
                    sink = speech.constFirst().sink;
                return !sink.isEmpty();
            },
            20000);
        readAloud.stop();
        (void)QTest::qWaitFor([&] { return !readAloud.speaking(); }, 20000);
        return sink;
    };
    const QString sentence = QStringLiteral(
        "Bienvenue au Relais. Vous pouvez prendre rendez-vous avec un conseiller, déposer un "
        "document ou demander de l'aide. Touchez l'écran pour commencer.");

    QCOMPARE(speechSink(sentence), speakerSink);
    const int module = plugHeadset();
    QVERIFY(module >= 0);
    QTRY_VERIFY_WITH_TIMEOUT(headset.output() == AudioOutput::Headset, 10000);
    QCOMPARE(speechSink(sentence), headsetSink);
    QVERIFY(unplug(module));
    QTRY_VERIFY_WITH_TIMEOUT(headset.output() == AudioOutput::Speaker, 10000);
    QCOMPARE(speechSink(sentence), speakerSink);
}

QTEST_GUILESS_MAIN(TestHeadsetSwitch)
#include "tst_headsetswitch.moc"
