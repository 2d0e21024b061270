// SPDX-License-Identifier: EUPL-1.2
#pragma once

// The kiosk's and the agent's side of the hub's signalling protocol v1 (hub/PROTOCOL.md) over a
// TLS WebSocket. It knows nothing of GStreamer: the application wires it to a CallSession.

#include "callconfig.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QUrl>
#include <QWebSocket>

namespace relais::media {

// A kiosk's call for its site's mediator (PROTOCOL.md, "The mediator's desk"): what it is
// about, never who asks. Empty fields and a step of 0 are left out.
struct HelpRequest
{
    QString topic; // "guide" or "visit"
    QString agency;
    QString procedure;
    QString title; // cut to the protocol's 120 characters
    int step = 0;  // 1-based
};

// Why the resident calls, as she chose it before queuing (PROTOCOL.md, "Kiosk: asking for an
// agency"): a procedure of the catalog or "other", and its French title. Empty: she skipped.
struct CallReason
{
    QString procedure;
    QString title; // cut to the protocol's 120 characters
};

class SignallingClient : public QObject
{
    Q_OBJECT
public:
    explicit SignallingClient(QObject *parent = nullptr);

    // Certificates to trust instead of the system's (a private hub CA); empty: the system's.
    void setCaCertificates(const QList<QSslCertificate> &certificates);
    // Mutual TLS: the kiosk's certificate from its enrollment (kiosk/identity/).
    void setClientCertificate(const QSslCertificate &certificate, const QSslKey &key);

    // hello is the role's `hello` message without "type" and "protocol" (PROTOCOL.md).
    void open(const QUrl &url, const QJsonObject &hello);
    void close();
    bool isWelcomed() const { return m_welcomed; }

    // `token` empty: none sent (the hub knows the kiosk by its client certificate).
    static QJsonObject kioskHello(const QString &site, const QString &kiosk, const QString &token);
    static QJsonObject agentHello(const QString &agency, const QString &login,
                                  const QString &password);

    void request(const QString &agency, const QString &help = QStringLiteral("visio"),
                 const CallReason &reason = {});
    void setPresence(const QString &state);
    void take(const QString &request = {});
    void sendDescription(const QString &call, const QString &type, const QString &sdp);
    void sendCandidate(const QString &call, int mline, const QString &candidate);
    void sendRestart(const QString &call);
    void hangUp(const QString &call, const QString &reason = QStringLiteral("done"));
    // The kiosk leaves the queue, or asks to be called back instead (which leaves it too).
    void leave(const QString &request);
    void askCallback(const QString &agency);
    void callForHelp(const HelpRequest &help);
    void cancelHelp(const QString &alert);
    void send(QJsonObject message);

signals:
    // Every message from the hub, before the typed signals below (for the tests' desks and
    // consoles, which look at messages no kiosk receives).
    void messageReceived(const QJsonObject &message);
    void welcomed(const QJsonObject &welcome);
    // `queued`, then `queue` whenever the position or the estimate changes.
    void queued(const QString &request, int position, int estimatedWaitS);
    // nextOpening is invalid when the counter has no hours; it carries the site's offset.
    void closedCounter(const QDateTime &nextOpening, bool callbackAvailable);
    void left(const QString &request);
    // The adviser passed the call on (PROTOCOL.md, "Passing the call on"): the kiosk now waits
    // as `request` at `position` in `agency`'s queue; `call` is over.
    void transferred(const QString &call, const QString &request, const QString &agency,
                     int position, int estimatedWaitS);
    // An adviser's word to the waiting kiosk: `word` is a ready word's code (empty for the
    // adviser's own text), `text` its French text.
    void wordReceived(const QString &request, const QString &word, const QString &text);
    void callbackRecorded(const QString &callback);
    void queueState(const QJsonObject &state);
    void callOffered(const QString &call, const QJsonObject &peer,
                     const QList<relais::media::IceServer> &iceServers, bool forceRelay);
    void remoteDescription(const QString &call, const QString &type, const QString &sdp);
    void remoteCandidate(const QString &call, int mline, const QString &candidate);
    void restartRequested(const QString &call);
    void peerReconnecting(const QString &call);
    void callEnded(const QString &call, const QString &by, const QString &reason);
    void protocolError(const QString &code, const QString &message, bool fatal);
    // The mediator's desk: the call for help reached `mediators` desks (0: none is open);
    // one of them answered "J'arrive"; the call was cancelled; or the hub refused it (an
    // error answering callForHelp(), also reported by protocolError).
    void helpSent(const QString &alert, int mediators);
    void helpComing(const QString &alert, const QString &displayName);
    void helpCancelled(const QString &alert);
    void helpRefused(const QString &code, const QString &message);
    // The connection dropped during a call: the client says hello again with `resume_call`
    // (PROTOCOL.md, "Rebuilding a call") and the hub answers with `call` once more.
    void connectionLost(const QString &call);
    // Final: closed by us, outside a call, or the hub did not take the call back in time.
    void disconnected(const QString &reason);

private:
    void onText(const QString &text);
    void onDisconnected();

    QWebSocket m_socket;
    QUrl m_url;
    QJsonObject m_hello;
    bool m_welcomed = false;
    bool m_closing = false;
    QString m_call;        // the call in progress, to resume if the connection drops
    int m_resumeTries = 0; // consecutive attempts, about one a second
    QString m_resumeRef;   // the id of a resuming hello, to recognise its not_found
    QString m_helpRef;     // the id of the last call for help, to recognise its refusal
    quint64 m_nextId = 1;
};

} // namespace relais::media
