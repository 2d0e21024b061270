// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "signallingclient.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QTimer>

#include <memory>

namespace relais {

class Kiosk;

// The resident's "J'ai besoin d'aide": the kiosk calls its site's mediator through the hub
// (PROTOCOL.md, "The mediator's desk"), whose desk page shows the call and answers "J'arrive".
// What the hub hears is the topic, agency, procedure and step, never who asks. The call ends
// with the resident's session; while no desk answers (no hub, no mediator connected, no reply
// in time) the screen tells her to wave to the mediator instead.
class HelpCall : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString mediatorName READ mediatorName NOTIFY stateChanged)

public:
    enum State {
        Idle,        // nothing asked
        Calling,     // on the way to the hub
        Told,        // a desk shows the call
        Coming,      // a mediator answered "J'arrive"
        Unreachable, // no desk has the call: wave to the mediator
    };
    Q_ENUM(State)

    explicit HelpCall(Kiosk *kiosk, QObject *parent = nullptr);
    ~HelpCall() override;

    static HelpCall *create(QQmlEngine *engine, QJSEngine *);

    State state() const { return m_state; }
    QString mediatorName() const { return m_mediatorName; }

    // `topic`: "guide" (with the procedure, its title and the 1-based step) or "visit".
    Q_INVOKABLE void call(const QString &topic, const QString &agency = {},
                          const QString &procedure = {}, const QString &title = {}, int step = 0);
    // The resident has left: the desk stops showing the call.
    void cancel();

    // The screen tour shows the call at `state` with no hub (a call under way is dropped).
    void showStateForReview(State state, const QString &mediatorName = {});

    // How long the hub has to say the call reached a desk.
    static constexpr int kAnswerTimeoutMs = 8000;

signals:
    void stateChanged();

private:
    void setState(State state);

    QPointer<Kiosk> m_kiosk;
    std::unique_ptr<media::SignallingClient> m_link;
    media::HelpRequest m_help; // sent once the hub has welcomed the kiosk
    QString m_alert;
    QString m_mediatorName;
    State m_state = Idle;
    QTimer m_answerTimeout;
};

} // namespace relais
