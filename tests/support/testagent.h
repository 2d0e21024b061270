// SPDX-License-Identifier: EUPL-1.2
#pragma once

// An adviser of the CAF for the kiosk's call tests: a signalling client logged in to a real
// relais-hub, answering the call it takes with a real media session (test sources). C++ tests
// use its members; Qt Quick tests reach it as the TestAgent singleton.

#include "callsession.h"
#include "hubprocess.h"
#include "signallingclient.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>

class TestAgent : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool welcomed READ welcomed NOTIFY changed)
    Q_PROPERTY(bool inCall READ inCall NOTIFY changed)
    Q_PROPERTY(bool ended MEMBER ended NOTIFY changed)
    Q_PROPERTY(int framesDecoded READ framesDecoded NOTIFY changed)
    Q_PROPERTY(QString text MEMBER text NOTIFY changed)
    Q_PROPERTY(QString documentMime MEMBER documentMime NOTIFY changed)
    // Why each waiting resident calls, as the agency's queue shows it (the rows' titles).
    Q_PROPERTY(QStringList waitingTitles READ waitingTitles NOTIFY changed)
    // The size of the last picture received, (0, 0) when it is none.
    Q_PROPERTY(QSize documentPictureSize READ documentPictureSize NOTIFY changed)

public:
    relais::media::SignallingClient signalling;
    std::unique_ptr<relais::media::CallSession> session;
    QString call;
    bool ended = false;
    QImage lastFrame;
    QString documentMime;
    QString typing;
    QString text;
    QByteArray document;

    TestAgent()
    {
        // The QML properties are polled by the tests; a timer keeps their notifications fresh.
        m_poll.setInterval(100);
        connect(&m_poll, &QTimer::timeout, this, &TestAgent::changed);
        m_poll.start();
    }

    QJsonArray waiting; // the last queue_state's rows

    bool welcomed() const { return signalling.isWelcomed(); }
    QStringList waitingTitles() const
    {
        QStringList titles;
        for (const QJsonValue &row : waiting)
            titles << row[QStringLiteral("title")].toString();
        return titles;
    }
    QSize documentPictureSize() const
    {
        const QImage picture = QImage::fromData(document, "JPEG");
        return picture.isNull() ? QSize(0, 0) : picture.size();
    }
    bool inCall() const { return session && !ended; }
    int framesDecoded() const { return session ? int(session->framesDecoded()) : 0; }

    void connectTo(relais::hub::test::HubProcess &hub) { connectTo(hub.port(), hub.certificate()); }

    void connectTo(quint16 port, const QSslCertificate &ca)
    {
        using namespace relais::media;
        signalling.setCaCertificates({ca});
        QObject::connect(&signalling, &SignallingClient::callOffered, this,
                         [this](const QString &id, const QJsonObject &, const QList<IceServer> &ice,
                                bool relay) {
                             call = id;
                             ended = false;
                             CallConfig config;
                             config.role = CallRole::Answerer;
                             config.testSources = true;
                             config.videoWidth = 320;
                             config.videoHeight = 240;
                             config.videoFps = 15;
                             config.audioSink = QStringLiteral("fakesink");
                             config.localAddresses = {QStringLiteral("127.0.0.1")};
                             config.iceServers = ice;
                             config.forceRelay = relay;
                             session = std::make_unique<CallSession>(config);
                             QObject::connect(session.get(), &CallSession::remoteFrame, this,
                                              [this](const QImage &f) { lastFrame = f; });
                             QObject::connect(session.get(), &CallSession::typingReceived, this,
                                              [this](const QString &t) { typing = t; });
                             QObject::connect(session.get(), &CallSession::textReceived, this,
                                              [this](const QString &t) { text = t; });
                             QObject::connect(session.get(), &CallSession::documentReceived, this,
                                              [this](const QUuid &, const QString &,
                                                     const QString &mime, const QByteArray &data) {
                                                  documentMime = mime;
                                                  document = data;
                                              });
                             QObject::connect(session.get(), &CallSession::localDescription, this,
                                              [this](const QString &type, const QString &sdp) {
                                                  signalling.sendDescription(call, type, sdp);
                                              });
                             QObject::connect(session.get(), &CallSession::localCandidate, this,
                                              [this](int m, const QString &c) {
                                                  signalling.sendCandidate(call, m, c);
                                              });
                             session->start();
                         });
        QObject::connect(&signalling, &SignallingClient::queueState, this,
                         [this](const QJsonObject &state) {
                             waiting = state.value(QStringLiteral("waiting")).toArray();
                         });
        QObject::connect(&signalling, &SignallingClient::remoteDescription, this,
                         [this](const QString &, const QString &type, const QString &sdp) {
                             if (session)
                                 session->setRemoteDescription(type, sdp);
                         });
        QObject::connect(&signalling, &SignallingClient::remoteCandidate, this,
                         [this](const QString &, int m, const QString &c) {
                             if (session)
                                 session->addRemoteCandidate(m, c);
                         });
        // The kiosk rebuilt its side: drop ours and answer its next offer.
        QObject::connect(&signalling, &SignallingClient::restartRequested, this, [this] {
            if (session)
                session->restart();
        });
        QObject::connect(&signalling, &SignallingClient::callEnded, this, [this] {
            ended = true;
            if (session)
                session->hangUp();
        });
        signalling.open(QUrl(QStringLiteral("wss://localhost:%1/v1").arg(port)),
                        SignallingClient::agentHello(QStringLiteral("caf"),
                                                     QStringLiteral("agent-1"),
                                                     QStringLiteral("agent-password")));
    }

    Q_INVOKABLE void take() { signalling.take(); }
    // Passes the current call on to `agency`'s queue (PROTOCOL.md, "Passing the call on").
    Q_INVOKABLE bool transferTo(const QString &agency)
    {
        if (!session || call.isEmpty())
            return false;
        signalling.send({{QStringLiteral("type"), QStringLiteral("transfer")},
                         {QStringLiteral("call"), call},
                         {QStringLiteral("agency"), agency}});
        return true;
    }
    // A ready word ("wait_5") to the resident who joined the queue last.
    Q_INVOKABLE bool sayToLastWaiting(const QString &word)
    {
        if (waiting.isEmpty())
            return false;
        signalling.send({{QStringLiteral("type"), QStringLiteral("word")},
                         {QStringLiteral("request"), waiting.last()[QStringLiteral("request")]},
                         {QStringLiteral("word"), word}});
        return true;
    }
    Q_INVOKABLE void setPresence(const QString &state)
    {
        signalling.send({{QStringLiteral("type"), QStringLiteral("presence")},
                         {QStringLiteral("state"), state}});
    }
    // What the adviser sends is lost on the way (1.0: all of it), as when her line fails.
    Q_INVOKABLE void loseWhatISend(double fraction)
    {
        if (session)
            session->simulateSendLoss(fraction);
    }
    // A form for the resident to keep for printing.
    Q_INVOKABLE bool sendForm(const QString &name)
    {
        return session && !session
                               ->sendDocument(name, QStringLiteral("application/pdf"),
                                              QByteArrayLiteral("%PDF-1.4\n%%EOF\n"))
                               .isNull();
    }
    Q_INVOKABLE bool say(const QString &message) { return session && session->sendText(message); }

signals:
    void changed();

private:
    QTimer m_poll;
};
