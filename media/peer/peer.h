// SPDX-License-Identifier: EUPL-1.2
#pragma once

// relais-peer's run: one call, its signalling (a hub, or JSON lines on stdin/stdout), and every
// event and statistic printed as a JSON line.

#include "callsession.h"
#include "peeroptions.h"
#include "signallingclient.h"

#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace relais::media {

class Peer : public QObject
{
    Q_OBJECT
public:
    enum ExitCode { Done = 0, CallFailed = 1, BadCommandLine = 2, HubRefused = 3 };

    explicit Peer(PeerOptions options, QObject *parent = nullptr);
    void start();

signals:
    void finished(int code);

private:
    void print(QJsonObject event);
    void sendSignal(const QJsonObject &message); // to the hub or to stdout
    void onSignal(const QJsonObject &message);   // from stdin (direct mode)
    void onStdin();
    void startCall(const QList<IceServer> &iceServers, bool forceRelay);
    void createSession();
    void afterConnected();
    void finish(int code);

    PeerOptions m_options;
    std::unique_ptr<CallSession> m_session;
    SignallingClient *m_client = nullptr;
    std::unique_ptr<QSocketNotifier> m_stdin;
    QByteArray m_stdinBuffer;
    QString m_call = QStringLiteral("direct");
    bool m_connectedOnce = false;
    bool m_documentPending = false;
    bool m_documentFailed = false;
    bool m_finished = false;
};

} // namespace relais::media
