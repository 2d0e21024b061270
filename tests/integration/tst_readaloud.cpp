// SPDX-License-Identifier: EUPL-1.2
#include "readaloud.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtEndian>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <span>
#include <vector>

namespace {

// run_with_audio.sh creates this null sink; speech-dispatcher plays into it because it is the
// only sink, and its monitor is the only way to hear what the kiosk really said.
const QString monitorSource = QStringLiteral("ttsnull.monitor");
constexpr int sampleRate = 22050;
constexpr int windowSamples = sampleRate / 100;

// Speech from espeak-ng measures an RMS of about 3000 to 4000; the monitor of an idle null
// sink is digital zero. The thresholds sit far from both so that they only catch real breakage.
constexpr double voicedWindowRms = 500;
constexpr double speechRms = 1000;
constexpr double silenceRms = 50;

struct Loudness
{
    double seconds = 0;
    double rms = 0;
    double voicedSeconds = 0;
    int peak = 0;
};

Loudness loudnessOf(std::span<const qint16> samples)
{
    Loudness result;
    result.seconds = double(samples.size()) / sampleRate;
    double sum = 0;
    qsizetype voicedWindows = 0;
    for (std::size_t start = 0; start < samples.size(); start += windowSamples) {
        const auto window =
            samples.subspan(start, std::min<std::size_t>(windowSamples, samples.size() - start));
        double windowSum = 0;
        for (const qint16 sample : window) {
            const double value = sample;
            windowSum += value * value;
            result.peak = std::max(result.peak, std::abs(int(sample)));
        }
        sum += windowSum;
        if (std::sqrt(windowSum / double(window.size())) > voicedWindowRms)
            ++voicedWindows;
    }
    if (!samples.empty())
        result.rms = std::sqrt(sum / double(samples.size()));
    result.voicedSeconds = double(voicedWindows) * windowSamples / sampleRate;
    return result;
}

QByteArray describe(const Loudness &loudness)
{
    return QStringLiteral("%1 s, RMS %2, peak %3, voiced %4 s")
        .arg(loudness.seconds, 0, 'f', 2)
        .arg(loudness.rms, 0, 'f', 0)
        .arg(loudness.peak)
        .arg(loudness.voicedSeconds, 0, 'f', 2)
        .toUtf8();
}

// Records the null sink's monitor with parec into a file, as raw mono s16le samples.
class Recorder
{
public:
    Recorder() : m_path(m_dir.filePath(QStringLiteral("monitor.raw"))) {}
    ~Recorder() { stop(); }

    bool start()
    {
        m_parec.setStandardOutputFile(m_path);
        // Without a latency request PulseAudio hands over recorded audio in chunks of up to
        // two seconds, which would blur when each sample reached the file.
        m_parec.start(QStringLiteral("parec"),
                      {QStringLiteral("--device=") + monitorSource,
                       QStringLiteral("--format=s16le"),
                       QStringLiteral("--rate=%1").arg(sampleRate), QStringLiteral("--channels=1"),
                       QStringLiteral("--raw"), QStringLiteral("--latency-msec=20")});
        return m_parec.waitForStarted();
    }

    bool running() const { return m_parec.state() == QProcess::Running; }

    QByteArray failure()
    {
        if (m_parec.error() == QProcess::FailedToStart)
            return "cannot run parec (pulseaudio-utils): " + m_parec.errorString().toUtf8();
        return "parec could not record " + monitorSource.toUtf8() +
               " (run this test through tests/integration/run_with_audio.sh): " +
               m_parec.readAllStandardError().trimmed();
    }

    qsizetype sampleCount() const { return QFileInfo(m_path).size() / 2; }

    void stop()
    {
        if (m_parec.state() == QProcess::NotRunning)
            return;
        m_parec.terminate();
        if (!m_parec.waitForFinished(3000)) {
            m_parec.kill();
            m_parec.waitForFinished();
        }
    }

    // Measures the samples from index `from` up to `to` (or the end of the file).
    Loudness loudness(qsizetype from, qsizetype to = -1) const
    {
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QByteArray bytes = file.readAll();
        const qsizetype count = bytes.size() / 2;
        to = to < 0 ? count : std::min(to, count);
        std::vector<qint16> samples;
        for (qsizetype i = from; i < to; ++i)
            samples.push_back(qFromLittleEndian<qint16>(bytes.constData() + 2 * i));
        return loudnessOf(samples);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    QProcess m_parec;
};

// run_with_audio.sh sets speech-dispatcher's log to debug level, where it records every client
// command: the last voice and language set are those of the speech just heard.
QString lastSpeechdSetting(QByteArrayView setting)
{
    QFile log(qEnvironmentVariable("XDG_RUNTIME_DIR") +
              QStringLiteral("/speech-dispatcher/log/speech-dispatcher.log"));
    if (!log.open(QIODevice::ReadOnly))
        return {};
    const QByteArray command = "|SET SELF " + setting.toByteArray() + ' ';
    QByteArray value;
    for (const QByteArray &line : log.readAll().split('\n')) {
        const qsizetype at = line.indexOf(command);
        if (at >= 0)
            value = line.mid(at + command.size()).trimmed();
    }
    return QString::fromUtf8(value);
}

} // namespace

class TestReadAloud : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readsFrenchAloud();
    void stopSilencesSpeech();
    void exitIsNotHeldByASpeechServerThatHangs();
    void cleanupTestCase();

private:
    // Records a stretch of silence first: samples already in the file when read() is called
    // were captured before it, so they are a negative control taken by the same chain.
    bool startRecording(Recorder &recorder, qsizetype &silentSamples);

    std::unique_ptr<relais::ReadAloud> m_readAloud;
};

void TestReadAloud::initTestCase()
{
    m_readAloud = std::make_unique<relais::ReadAloud>(nullptr);
    QSignalSpy availableChanged(m_readAloud.get(), &relais::ReadAloud::availableChanged);
    m_readAloud->startEngine();
    QTRY_VERIFY_WITH_TIMEOUT(availableChanged.count() > 0, 20000);
    QVERIFY2(m_readAloud->available(), "no speech engine with a French voice started");
    QCOMPARE(m_readAloud->engineName(), QStringLiteral("speechd"));
}

bool TestReadAloud::startRecording(Recorder &recorder, qsizetype &silentSamples)
{
    if (!recorder.start())
        return false;
    const qsizetype wanted = sampleRate * 3 / 10;
    QElapsedTimer timer;
    timer.start();
    while (recorder.running() && recorder.sampleCount() < wanted && timer.elapsed() < 5000)
        QTest::qWait(20);
    silentSamples = recorder.sampleCount();
    return recorder.running() && silentSamples >= wanted;
}

void TestReadAloud::readsFrenchAloud()
{
    Recorder recorder;
    qsizetype silentSamples = 0;
    QVERIFY2(startRecording(recorder, silentSamples), recorder.failure().constData());

    QSignalSpy finished(m_readAloud.get(), &relais::ReadAloud::finished);
    m_readAloud->read(QStringLiteral("Bonjour. Touchez l'écran pour commencer."),
                      QStringLiteral("fr"));
    QTRY_VERIFY_WITH_TIMEOUT(m_readAloud->speaking(), 10000);
    QElapsedTimer speech;
    speech.start();
    // Liveness only: the sentence takes about three seconds.
    QTRY_VERIFY_WITH_TIMEOUT(!m_readAloud->speaking(), 60000);
    const qint64 speechMs = speech.elapsed();
    QVERIFY2(m_readAloud->available(), "ReadAloud took the speech for stuck and gave up");
    QCOMPARE(finished.count(), 1);
    const QString voice = lastSpeechdSetting("SYNTHESIS_VOICE");
    const QString language = lastSpeechdSetting("LANGUAGE");
    qInfo() << "speech-dispatcher voice" << voice << "language" << language;
    QVERIFY2(
        voice.startsWith(QLatin1String("French")) && language.startsWith(QLatin1String("fr")),
        qPrintable(QStringLiteral("voice '%1', language '%2' (empty: no speech-dispatcher debug "
                                  "log, which run_with_audio.sh sets up)")
                       .arg(voice, language)));

    // Lets the end of the sentence travel through PulseAudio into the file.
    QTest::qWait(300);
    QVERIFY2(recorder.running(), recorder.failure().constData());
    recorder.stop();
    const Loudness before = recorder.loudness(0, silentSamples);
    const Loudness after = recorder.loudness(silentSamples);
    qInfo("speaking for %lld ms; before read(): %s; from read(): %s", speechMs,
          describe(before).constData(), describe(after).constData());

    QVERIFY2(before.rms < silenceRms && before.voicedSeconds == 0,
             ("the monitor is not silent without speech: " + describe(before)).constData());
    QVERIFY2(after.voicedSeconds > 0.5 && after.rms > speechRms,
             ("no speech reached the sound output: " + describe(after)).constData());
}

void TestReadAloud::stopSilencesSpeech()
{
    QVERIFY2(m_readAloud->available(), "read-aloud is no longer available");
    Recorder recorder;
    qsizetype silentSamples = 0;
    QVERIFY2(startRecording(recorder, silentSamples), recorder.failure().constData());

    // About twenty-five seconds: if stop() did nothing, the speech would outlast the wait below.
    m_readAloud->read(QStringLiteral("Bienvenue au Relais. Vous pouvez prendre rendez-vous avec "
                                     "un conseiller, déposer un document ou demander de l'aide. "
                                     "Touchez l'écran pour commencer. Pour quitter, touchez "
                                     "Terminer en haut à droite. Vos informations sont effacées "
                                     "à la fin de chaque visite. Si vous avez besoin d'aide, "
                                     "adressez-vous à l'accueil ou touchez le bouton Aide."),
                      QStringLiteral("fr"));
    QTRY_VERIFY_WITH_TIMEOUT(m_readAloud->speaking(), 10000);
    // stop() must cut audio that is really playing, not just a queued request.
    QTRY_VERIFY_WITH_TIMEOUT(recorder.loudness(silentSamples).voicedSeconds > 0.3, 10000);
    QVERIFY(m_readAloud->speaking());

    m_readAloud->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!m_readAloud->speaking(), 10000);
    QVERIFY(m_readAloud->available());

    // Whatever PulseAudio had buffered drains within half a second; what the file receives
    // after that was played after stop() took effect.
    QTest::qWait(500);
    const qsizetype stopped = recorder.sampleCount();
    QTest::qWait(1000);
    QVERIFY2(recorder.running(), recorder.failure().constData());
    recorder.stop();
    const Loudness during = recorder.loudness(silentSamples, stopped);
    const Loudness afterStop = recorder.loudness(stopped);
    qInfo("until stop(): %s; after stop(): %s", describe(during).constData(),
          describe(afterStop).constData());
    QVERIFY2(afterStop.seconds > 0.5,
             ("the recording stopped early: " + describe(afterStop)).constData());
    QVERIFY2(afterStop.rms < silenceRms && afterStop.voicedSeconds == 0,
             ("speech went on after stop(): " + describe(afterStop)).constData());
}

// A speech-dispatcher that accepts the connection and never answers (seen: one left without a
// sound output) holds the speech thread in a blocking read. The kiosk must still exit, or
// systemd's restart and every test that ends with a kiosk wait on it.
void TestReadAloud::exitIsNotHeldByASpeechServerThatHangs()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QLocalServer silent;
    QVERIFY(silent.listen(dir.filePath(QStringLiteral("speechd.sock"))));
    const bool hadAddress = qEnvironmentVariableIsSet("SPEECHD_ADDRESS");
    const QByteArray address = qgetenv("SPEECHD_ADDRESS");
    qputenv("SPEECHD_ADDRESS", "unix_socket:" + silent.fullServerName().toLocal8Bit());
    auto hung = std::make_unique<relais::ReadAloud>(nullptr);
    hung->startEngine();
    // The speech thread is connected and waiting for the server's first answer.
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 20000);
    QVERIFY(!hung->available());
    // Returns (after a bounded wait) rather than joining a thread that never ends: if it did
    // not, this test would never finish.
    hung.reset();
    if (hadAddress)
        qputenv("SPEECHD_ADDRESS", address);
    else
        qunsetenv("SPEECHD_ADDRESS");
}

void TestReadAloud::cleanupTestCase()
{
    m_readAloud.reset();
}

QTEST_GUILESS_MAIN(TestReadAloud)
#include "tst_readaloud.moc"
