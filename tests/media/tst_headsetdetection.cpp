// SPDX-License-Identifier: EUPL-1.2
// Which sink counts as a headset, where the kiosk's sound goes, and where the default sink is
// moved when a headset comes and goes: on sinks as PulseAudio describes them (the property
// sets and ports below are those of real devices, from `pactl list sinks`).

#include "headsetdetection.h"

#include <QTest>

using namespace relais::media;

Q_DECLARE_METATYPE(AudioSink)

namespace {

AudioSink sink(const QString &name, QHash<QString, QString> properties, QList<AudioPort> ports = {},
               const QString &activePort = {})
{
    return AudioSink{name, name, std::move(properties), std::move(ports), activePort};
}

// The built-in card of a kiosk PC: speakers and a headphone jack on one sink.
AudioSink builtInCard(AudioPort::Availability jack, const QString &activePort)
{
    return sink(QStringLiteral("alsa_output.pci-0000_00_1f.3.analog-stereo"),
                {{QStringLiteral("device.bus"), QStringLiteral("pci")},
                 {QStringLiteral("device.form_factor"), QStringLiteral("internal")},
                 {QStringLiteral("device.class"), QStringLiteral("sound")}},
                {{QStringLiteral("analog-output-speaker"), AudioPort::Kind::Other,
                  AudioPort::Availability::Unknown},
                 {QStringLiteral("analog-output-headphones"), AudioPort::Kind::Headphones, jack}},
                activePort);
}

AudioSink speaker()
{
    return builtInCard(AudioPort::Availability::No, QStringLiteral("analog-output-speaker"));
}

AudioSink usbHeadset()
{
    return sink(QStringLiteral("alsa_output.usb-Logitech_USB_Headset-00.analog-stereo"),
                {{QStringLiteral("device.bus"), QStringLiteral("usb")},
                 {QStringLiteral("device.form_factor"), QStringLiteral("headset")},
                 {QStringLiteral("device.description"), QStringLiteral("Logitech USB Headset")}},
                {{QStringLiteral("analog-output"), AudioPort::Kind::Other,
                  AudioPort::Availability::Unknown}},
                QStringLiteral("analog-output"));
}

AudioSink bluetoothHeadphones()
{
    return sink(QStringLiteral("bluez_sink.00_1B_66_AA_BB_CC.a2dp_sink"),
                {{QStringLiteral("device.bus"), QStringLiteral("bluetooth")},
                 {QStringLiteral("device.form_factor"), QStringLiteral("headphone")}},
                {{QStringLiteral("headphone-output"), AudioPort::Kind::Headphones,
                  AudioPort::Availability::Unknown}},
                QStringLiteral("headphone-output"));
}

AudioSink hdmiScreen()
{
    return sink(
        QStringLiteral("alsa_output.pci-0000_00_1f.3.hdmi-stereo"),
        {{QStringLiteral("device.bus"), QStringLiteral("pci")}},
        {{QStringLiteral("hdmi-output-0"), AudioPort::Kind::Other, AudioPort::Availability::Yes}},
        QStringLiteral("hdmi-output-0"));
}

} // namespace

class TestHeadsetDetection : public QObject
{
    Q_OBJECT

private slots:
    void whichSinkIsWorn_data()
    {
        QTest::addColumn<AudioSink>("sink");
        QTest::addColumn<bool>("worn");
        QTest::addColumn<bool>("playsIntoHeadset");

        QTest::newRow("usb headset") << usbHeadset() << true << true;
        QTest::newRow("bluetooth headphones") << bluetoothHeadphones() << true << true;
        // The null sink the tests plug in as a headset.
        QTest::newRow("null sink called a headset")
            << sink(QStringLiteral("casque"),
                    {{QStringLiteral("device.form_factor"), QStringLiteral("headset")}})
            << true << true;
        QTest::newRow("built-in speakers") << speaker() << false << false;
        // PulseAudio moved the card to its jack: the sink is the same, the sound is worn.
        QTest::newRow("built-in card, headphones in the jack")
            << builtInCard(AudioPort::Availability::Yes, QStringLiteral("analog-output-headphones"))
            << false << true;
        // The port chosen by hand while the jack says nothing is plugged: the room hears it.
        QTest::newRow("headphone port, jack empty")
            << builtInCard(AudioPort::Availability::No, QStringLiteral("analog-output-headphones"))
            << false << false;
        QTest::newRow("hdmi screen") << hdmiScreen() << false << false;
        QTest::newRow("car kit") << sink(QStringLiteral("bluez_sink.car"),
                                         {{QStringLiteral("device.form_factor"),
                                           QStringLiteral("hands-free")}})
                                 << false << false;
        QTest::newRow("portable speaker")
            << sink(QStringLiteral("bluez_sink.speaker"),
                    {{QStringLiteral("device.form_factor"), QStringLiteral("portable")}})
            << false << false;
        QTest::newRow("no properties") << sink(QStringLiteral("ttsnull"), {}) << false << false;
    }

    void whichSinkIsWorn()
    {
        QFETCH(AudioSink, sink);
        QFETCH(bool, worn);
        QFETCH(bool, playsIntoHeadset);
        QCOMPARE(isWornDevice(sink), worn);
        QCOMPARE(relais::media::playsIntoHeadset(sink), playsIntoHeadset);
    }

    void outputFollowsTheDefaultSink()
    {
        AudioSinks sinks{speaker().name, {speaker(), usbHeadset()}};
        QCOMPARE(outputOf(sinks), AudioOutput::Speaker);
        QVERIFY(headsetPresent(sinks));
        sinks.defaultSink = usbHeadset().name;
        QCOMPARE(outputOf(sinks), AudioOutput::Headset);
        sinks.defaultSink = QStringLiteral("gone");
        QCOMPARE(outputOf(sinks), AudioOutput::Unknown);
        QCOMPARE(outputOf(AudioSinks{}), AudioOutput::Unknown);
        QVERIFY(!headsetPresent(AudioSinks{speaker().name, {speaker(), hdmiScreen()}}));
        // A jack that senses headphones counts as plugged in.
        QVERIFY(headsetPresent(AudioSinks{
            speaker().name,
            {builtInCard(AudioPort::Availability::Yes, QStringLiteral("analog-output-speaker"))}}));
    }

    // Plugged in, a second one, pulled out: the default goes to the headset and back to the
    // speaker it left, not to whatever the server falls back on.
    void defaultSinkThroughPlugAndUnplug()
    {
        const QString speakerName = speaker().name;
        AudioSinks now{speakerName, {speaker(), hdmiScreen()}};
        HeadsetDecision d = decideDefaultSink(now, QString());
        QCOMPARE(d.setDefault, QString());
        QCOMPARE(d.speaker, QString());

        now.sinks << usbHeadset();
        d = decideDefaultSink(now, d.speaker);
        QCOMPARE(d.setDefault, usbHeadset().name);
        QCOMPARE(d.speaker, speakerName);

        // The server's next listing shows the move done: nothing more to do.
        now.defaultSink = usbHeadset().name;
        d = decideDefaultSink(now, d.speaker);
        QCOMPARE(d.setDefault, QString());
        QCOMPARE(d.speaker, speakerName);

        // A second headset stays unused while the first one is in use.
        now.sinks << bluetoothHeadphones();
        d = decideDefaultSink(now, d.speaker);
        QCOMPARE(d.setDefault, QString());

        // Both pulled out; the server fell back on the HDMI screen.
        now.sinks = {speaker(), hdmiScreen()};
        now.defaultSink = hdmiScreen().name;
        d = decideDefaultSink(now, d.speaker);
        QCOMPARE(d.setDefault, speakerName);
        QCOMPARE(d.speaker, QString());

        // An operator's later choice of the screen is left alone.
        d = decideDefaultSink(now, d.speaker);
        QCOMPARE(d.setDefault, QString());
    }

    void headsetPluggedLastIsTaken()
    {
        const AudioSinks now{speaker().name, {speaker(), bluetoothHeadphones(), usbHeadset()}};
        const HeadsetDecision d = decideDefaultSink(now, QString());
        QCOMPARE(d.setDefault, usbHeadset().name);
    }

    // The server fell back on the speaker by itself: nothing to set, nothing left to remember.
    void backOnTheSpeakerAlready()
    {
        const AudioSinks now{speaker().name, {speaker()}};
        const HeadsetDecision d = decideDefaultSink(now, speaker().name);
        QCOMPARE(d.setDefault, QString());
        QCOMPARE(d.speaker, QString());
    }

    // The jack of the built-in card needs no move: PulseAudio switches the port itself.
    void jackNeedsNoMove()
    {
        const AudioSink card =
            builtInCard(AudioPort::Availability::Yes, QStringLiteral("analog-output-headphones"));
        const AudioSinks now{card.name, {card}};
        QCOMPARE(decideDefaultSink(now, QString()).setDefault, QString());
        QCOMPARE(outputOf(now), AudioOutput::Headset);
    }
};

QTEST_GUILESS_MAIN(TestHeadsetDetection)
#include "tst_headsetdetection.moc"
