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

public:
    // Not default-constructible: Qt 6.4 would otherwise skip create(), which starts the engine.
    explicit ReadAloud(QObject *parent);
    ~ReadAloud() override;
    static ReadAloud *create(QQmlEngine *, QJSEngine *);

    bool available() const { return m_available; }
    bool speaking() const { return m_speaking; }
    QString engineName() const { return m_engineName; }

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
};

} // namespace relais
