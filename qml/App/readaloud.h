// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QObject>
#include <QQmlEngine>
#include <QThread>
#include <QTimer>

#include <memory>

namespace relais {

class SpeechWorker;

// "Écouter": reads the current screen's text aloud with the system's speech engine
// (speech-dispatcher with espeak-ng on Debian). The kiosk must speak for itself (EN 301 549
// closed functionality), but a button that does nothing is worse than none: `available` is
// true only once an engine is up with a French voice, and false again if its audio output
// turns out to be stuck.
class ReadAloud : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(bool available READ available NOTIFY availableChanged)
    Q_PROPERTY(bool speaking READ speaking NOTIFY speakingChanged)
    Q_PROPERTY(QString engineName READ engineName NOTIFY availableChanged)
    // The speech's volume, 0.1 to 1 (the keypad's + and - in the non-visual mode).
    Q_PROPERTY(double volume READ volume WRITE setVolume NOTIFY volumeChanged)
    // The last text the kiosk asked to say, engine or not: what a test hears.
    Q_PROPERTY(QString lastAsked READ lastAsked NOTIFY asked)

public:
    // Not default-constructible: Qt 6.4 would otherwise skip create(), which starts the engine.
    explicit ReadAloud(QObject *parent);
    ~ReadAloud() override;
    static ReadAloud *create(QQmlEngine *, QJSEngine *);

    bool available() const { return m_available; }
    bool speaking() const { return m_speaking; }
    QString engineName() const { return m_engineName; }
    double volume() const { return m_volume; }
    void setVolume(double volume);
    QString lastAsked() const { return m_lastAsked; }

    // Engines in order of preference; the first that starts is used. Flite has no French.
    static QStringList preferredEngines() { return {QStringLiteral("speechd")}; }

    Q_INVOKABLE void read(const QString &text, const QString &language);
    Q_INVOKABLE void stop();

    // Starts the engine on its thread; `availableChanged` tells when it is up.
    void startEngine();

signals:
    void availableChanged();
    void speakingChanged();
    void finished();
    void volumeChanged();
    // Every text read() is given, before the engine (if any) says it.
    void asked(const QString &text);

private:
    void onStarted(const QString &engine, bool hasFrench);
    void onSpeakingChanged(bool speaking);
    void onStuck();

    std::unique_ptr<QThread> m_thread; // released, not joined, if the engine hangs at exit
    SpeechWorker *m_worker;
    QTimer m_stuckTimer;
    QString m_engineName;
    bool m_starting = false;
    bool m_available = false;
    bool m_speaking = false;
    double m_volume = 1.0;
    QString m_lastAsked;
};

} // namespace relais
