// SPDX-License-Identifier: EUPL-1.2
#include "speechworker.h"

#include <QLocale>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSpeech)

namespace relais {

void SpeechWorker::start(const QStringList &preferredEngines)
{
    const QStringList installed = QTextToSpeech::availableEngines();
    for (const QString &engine : preferredEngines) {
        if (!installed.contains(engine))
            continue;
        auto *speech = new QTextToSpeech(engine, this);
        if (speech->state() == QTextToSpeech::Error) {
            qCWarning(lcSpeech) << "speech engine" << engine
                                << "did not start:" << speech->errorString();
            delete speech;
            continue;
        }
        bool hasFrench = false;
        for (const QLocale &locale : speech->availableLocales())
            hasFrench = hasFrench || locale.language() == QLocale::French;
        m_speech = speech;
        connect(m_speech, &QTextToSpeech::stateChanged, this, [this](QTextToSpeech::State state) {
            if (state == QTextToSpeech::Error)
                qCWarning(lcSpeech) << "speech failed:" << m_speech->errorString();
            emit speakingChanged(state == QTextToSpeech::Speaking);
        });
        emit started(engine, hasFrench);
        return;
    }
    qCWarning(lcSpeech) << "no speech engine works here (installed:" << installed << ")";
    emit started(QString(), false);
}

void SpeechWorker::say(const QString &text, const QString &localeName)
{
    if (!m_speech)
        return;
    m_speech->stop();
    // An unset locale gives whatever voice comes first (seen: Manipuri), never the right one.
    m_speech->setLocale(QLocale(localeName));
    // Slightly slower than the default: listeners are often older people.
    m_speech->setRate(-0.15);
    m_speech->setVolume(m_volume);
    m_speech->say(text);
}

void SpeechWorker::setVolume(double volume)
{
    m_volume = volume;
    if (m_speech)
        m_speech->setVolume(volume);
}

void SpeechWorker::stop()
{
    if (m_speech)
        m_speech->stop();
}

} // namespace relais
