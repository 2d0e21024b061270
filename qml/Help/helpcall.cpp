// SPDX-License-Identifier: EUPL-1.2
#include "helpcall.h"

#include "kiosk.h"
#include "kioskhublink.h"
#include "sessioncontroller.h"
#include "signallingclient.h"

#include <QLoggingCategory>

namespace relais {

Q_LOGGING_CATEGORY(lcHelpCall, "relais.help")

HelpCall::HelpCall(Kiosk *kiosk, QObject *parent) : QObject(parent), m_kiosk(kiosk)
{
    m_answerTimeout.setSingleShot(true);
    m_answerTimeout.setInterval(kAnswerTimeoutMs);
    connect(&m_answerTimeout, &QTimer::timeout, this, [this] {
        qCWarning(lcHelpCall) << "the hub did not pass the call for help on in time";
        setState(Unreachable);
    });
    if (kiosk)
        kiosk->session()->addWipeStep(QStringLiteral("call for the mediator"),
                                      [self = QPointer(this)] {
                                          if (self)
                                              self->cancel();
                                      });
}

HelpCall::~HelpCall() = default;

HelpCall *HelpCall::create(QQmlEngine *engine, QJSEngine *)
{
    return new HelpCall(Kiosk::instance(), engine);
}

void HelpCall::call(const QString &topic, const QString &agency, const QString &procedure,
                    const QString &title, int step)
{
    if (m_state == Calling || m_state == Told || m_state == Coming)
        return;
    if (!m_kiosk || !kioskhublink::available(*m_kiosk)) {
        setState(Unreachable);
        return;
    }
    m_help = media::HelpRequest{topic, agency, procedure, title, step};
    m_link = std::make_unique<media::SignallingClient>();
    kioskhublink::prepare(*m_link, *m_kiosk);
    connect(m_link.get(), &media::SignallingClient::welcomed, this,
            [this] { m_link->callForHelp(m_help); });
    connect(m_link.get(), &media::SignallingClient::helpSent, this,
            [this](const QString &alert, int mediators) {
                m_answerTimeout.stop();
                m_alert = alert;
                // No mediator's desk is connected: the call waits at the hub for one to log
                // in, and the resident is told to wave meanwhile.
                setState(mediators > 0 ? Told : Unreachable);
            });
    connect(m_link.get(), &media::SignallingClient::helpComing, this,
            [this](const QString &alert, const QString &displayName) {
                if (alert != m_alert)
                    return;
                m_mediatorName = displayName.left(80);
                setState(Coming);
            });
    connect(m_link.get(), &media::SignallingClient::protocolError, this,
            [this](const QString &code, const QString &message, bool) {
                if (m_state != Calling)
                    return;
                qCWarning(lcHelpCall) << "hub refused the call for help:" << code << message;
                m_answerTimeout.stop();
                setState(Unreachable);
            });
    connect(m_link.get(), &media::SignallingClient::disconnected, this, [this](const QString &why) {
        qCWarning(lcHelpCall) << "hub link closed:" << why;
        // Someone is already on the way; otherwise nobody has the call any more.
        if (m_state != Coming)
            setState(Unreachable);
    });
    setState(Calling);
    m_answerTimeout.start();
    kioskhublink::open(*m_link, *m_kiosk);
}

void HelpCall::cancel()
{
    m_answerTimeout.stop();
    if (m_link) {
        if (!m_alert.isEmpty())
            m_link->cancelHelp(m_alert);
        // Closing also ends the call at the hub should the cancel not get there first.
        m_link->disconnect(this);
        m_link->close();
        m_link.release()->deleteLater();
    }
    m_alert.clear();
    m_help = {};
    m_mediatorName.clear();
    setState(Idle);
}

void HelpCall::showStateForReview(State state, const QString &mediatorName)
{
    cancel();
    m_mediatorName = mediatorName;
    setState(state);
}

void HelpCall::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged();
}

} // namespace relais
