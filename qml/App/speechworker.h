// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QObject>
#include <QTextToSpeech>

namespace relais {

// Owns the speech engine on its own thread: the speech-dispatcher engine takes about two
// seconds to construct, which the interface must never wait for.
class SpeechWorker : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

public slots:
    void start(const QStringList &preferredEngines);
    void say(const QString &text, const QString &localeName);
    void stop();
    void setVolume(double volume);

signals:
    void started(const QString &engine, bool hasFrench);
    void speakingChanged(bool speaking);

private:
    QTextToSpeech *m_speech = nullptr;
    double m_volume = 1.0;
};

} // namespace relais
