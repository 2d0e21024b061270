// SPDX-License-Identifier: EUPL-1.2
#include "readaloud.h"

#include "speechworker.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSpeech, "relais.speech")

namespace relais {

ReadAloud::ReadAloud(QObject *parent)
    : QObject(parent), m_thread(std::make_unique<QThread>()), m_worker(new SpeechWorker)
{
    m_thread->setObjectName(QStringLiteral("speech"));
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SpeechWorker::started, this, &ReadAloud::onStarted);
    connect(m_worker, &SpeechWorker::speakingChanged, this, &ReadAloud::onSpeakingChanged);
    m_stuckTimer.setSingleShot(true);
    connect(&m_stuckTimer, &QTimer::timeout, this, &ReadAloud::onStuck);
}

ReadAloud::~ReadAloud()
{
    m_thread->quit();
    // A speech server that stopped answering holds the speech thread in a blocking call
    // (speech-dispatcher's client library has no timeout): waiting for it would hang the
    // kiosk's exit, and systemd's restart behind it. Past a few seconds the thread is left
    // to the end of the process; destroying a running QThread would abort.
    if (!m_thread->wait(QDeadlineTimer(3000))) {
        qCWarning(lcSpeech) << "the speech engine does not answer; not waiting for it at exit";
        (void)m_thread.release();
    }
}

ReadAloud *ReadAloud::create(QQmlEngine *, QJSEngine *)
{
    auto *readAloud = new ReadAloud(nullptr);
    readAloud->startEngine();
    return readAloud;
}

void ReadAloud::startEngine()
{
    if (m_starting)
        return;
    m_starting = true;
    m_thread->start(QThread::LowPriority);
    QMetaObject::invokeMethod(m_worker, "start", Qt::QueuedConnection,
                              Q_ARG(QStringList, preferredEngines()));
}

void ReadAloud::read(const QString &text, const QString &language)
{
    if (text.trimmed().isEmpty())
        return;
    m_lastAsked = text;
    emit asked(text);
    if (!m_available)
        return;
    const QString locale =
        language == QLatin1String("en") ? QStringLiteral("en_GB") : QStringLiteral("fr_FR");
    QMetaObject::invokeMethod(m_worker, "say", Qt::QueuedConnection, Q_ARG(QString, text),
                              Q_ARG(QString, locale));
    // Slow speech runs at about 10 characters a second; far beyond that, the sound output
    // is stuck (speech-dispatcher then stays "speaking" forever without an error).
    m_stuckTimer.start(10000 + static_cast<int>(text.size()) * 250);
}

void ReadAloud::setVolume(double volume)
{
    volume = std::clamp(volume, 0.1, 1.0);
    if (qFuzzyCompare(volume, m_volume))
        return;
    m_volume = volume;
    QMetaObject::invokeMethod(m_worker, "setVolume", Qt::QueuedConnection, Q_ARG(double, volume));
    emit volumeChanged();
}

void ReadAloud::stop()
{
    m_stuckTimer.stop();
    if (m_available)
        QMetaObject::invokeMethod(m_worker, "stop", Qt::QueuedConnection);
}

void ReadAloud::onStarted(const QString &engine, bool hasFrench)
{
    m_engineName = engine;
    m_available = !engine.isEmpty() && hasFrench;
    if (!engine.isEmpty() && !hasFrench)
        qCWarning(lcSpeech) << "speech engine" << engine << "has no French voice";
    qCInfo(lcSpeech) << "read-aloud" << (m_available ? "available with" : "unavailable") << engine;
    emit availableChanged();
}

void ReadAloud::onSpeakingChanged(bool speaking)
{
    if (!speaking)
        m_stuckTimer.stop();
    if (speaking == m_speaking)
        return;
    m_speaking = speaking;
    emit speakingChanged();
    if (!speaking)
        emit finished();
}

void ReadAloud::onStuck()
{
    qCWarning(lcSpeech) << "speech output seems stuck (no sound device?); hiding the button";
    stop();
    m_available = false;
    m_speaking = false;
    emit speakingChanged();
    emit availableChanged();
}

} // namespace relais
