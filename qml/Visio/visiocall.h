// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "callconfig.h"
#include "callphases.h"
#include "frameview.h"
#include "signallingclient.h"

#include <QImage>
#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QUuid>

#include <memory>

namespace relais {

class Kiosk;

namespace media {
class CallSession;
class DevicePreview;
struct CallStats;
} // namespace media

// One resident's video call with an agency counter, as the video screen sees it: the pre-call
// check, the pictures, text and documents of the call. Its phases (queue, closed counter,
// call, reconnection) and what the journal records of them are CallPhases' to decide; this
// object wires it to the hub's client and the media session. Lives as long as the video
// screen: leaving the screen (or the session's wipe) ends everything.
class VisioCall : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QString agency READ agency WRITE setAgency NOTIFY agencyChanged)
    Q_PROPERTY(Phase phase READ phase NOTIFY phaseChanged)
    Q_PROPERTY(int position READ position NOTIFY queueChanged)
    Q_PROPERTY(int waitMinutes READ waitMinutes NOTIFY queueChanged)
    Q_PROPERTY(QString nextOpening READ nextOpening NOTIFY closedChanged)
    Q_PROPERTY(bool callbackAvailable READ callbackAvailable NOTIFY closedChanged)
    // The counter closed while the resident was waiting in its queue (the last adviser left).
    Q_PROPERTY(bool closedWhileWaiting READ closedWhileWaiting NOTIFY closedChanged)
    Q_PROPERTY(bool callbackRecorded READ callbackRecorded NOTIFY callbackRecordedChanged)
    Q_PROPERTY(QString agentName READ agentName NOTIFY phaseChanged)
    // Her adviser passed her on: she waits for another (possibly at another agency).
    Q_PROPERTY(bool transferred READ transferred NOTIFY queueChanged)
    Q_PROPERTY(Quality quality READ quality NOTIFY qualityChanged)
    Q_PROPERTY(double soundLevel READ soundLevel NOTIFY soundLevelChanged)
    Q_PROPERTY(bool seeingAgent READ seeingAgent NOTIFY seeingAgentChanged)
    // The site's kiosk stands in a room others use (visio.shared_room).
    Q_PROPERTY(bool sharedRoom READ sharedRoom CONSTANT)
    // Where the adviser's voice is heard: "headset", "speaker", or "" when the kiosk cannot
    // tell (no sound server). It follows a headset plugged in (media/headsetswitch.h).
    Q_PROPERTY(QString soundOutput READ soundOutput NOTIFY soundOutputChanged)
    Q_PROPERTY(bool microphoneMuted READ microphoneMuted NOTIFY controlsChanged)
    Q_PROPERTY(bool cameraOn READ cameraOn NOTIFY controlsChanged)
    Q_PROPERTY(DocumentState documentState READ documentState NOTIFY documentStateChanged)
    Q_PROPERTY(int documentPercent READ documentPercent NOTIFY documentStateChanged)
    // Real-time text, for residents who cannot hear or speak: what the adviser is writing now
    // (updated as they type), and their last sent message.
    // A PDF the adviser sent (a form to print), waiting for the resident's yes or no.
    Q_PROPERTY(QString offeredDocument READ offeredDocument NOTIFY receivedDocumentsChanged)
    Q_PROPERTY(int offeredDocumentKb READ offeredDocumentKb NOTIFY receivedDocumentsChanged)
    Q_PROPERTY(int keptDocuments READ keptDocuments NOTIFY receivedDocumentsChanged)
    Q_PROPERTY(QString agentTyping READ agentTyping NOTIFY agentTextChanged)
    Q_PROPERTY(QString agentMessage READ agentMessage NOTIFY agentTextChanged)
    // The weaker of the two directions, as each side's rate control sees its own: "ok",
    // "reduced" (a smaller picture) or "audio_only" (the picture stopped, the voice kept).
    Q_PROPERTY(QString lineState READ lineState NOTIFY lineStateChanged)
    // What an adviser said to her while she waits ("Je suis à vous dans 5 minutes"), in the
    // kiosk's language; empty when nothing was said or she is no longer in the queue.
    Q_PROPERTY(QString waitingWord READ waitingWord NOTIFY waitingWordChanged)

public:
    // CallPhases::Phase, for QML.
    enum Phase { Checking, Connecting, Queued, Closed, InCall, Reconnecting, Ended, Failed };
    Q_ENUM(Phase)
    enum Quality { Unknown, Poor, Fair, Good };
    Q_ENUM(Quality)
    enum DocumentState { NoDocument, Sending, Sent, NotSent };
    Q_ENUM(DocumentState)

    explicit VisioCall(QObject *parent = nullptr);
    ~VisioCall() override;

    QString agency() const { return m_agency; }
    void setAgency(const QString &agency);
    Phase phase() const { return static_cast<Phase>(m_phases.phase()); }
    int position() const { return m_phases.position(); }
    int waitMinutes() const { return m_phases.waitMinutes(); }
    QString nextOpening() const { return m_nextOpening; }
    bool callbackAvailable() const { return m_phases.callbackAvailable(); }
    bool closedWhileWaiting() const { return m_phases.closedWhileWaiting(); }
    bool callbackRecorded() const { return m_phases.callbackRecorded(); }
    QString agentName() const { return m_phases.agentName(); }
    bool transferred() const { return m_phases.transferred(); }
    Quality quality() const { return m_quality; }
    double soundLevel() const { return m_soundLevel; }
    bool seeingAgent() const { return m_seeingAgent; }
    bool sharedRoom() const;
    QString soundOutput() const;
    bool microphoneMuted() const { return m_microphoneMuted; }
    bool cameraOn() const { return m_cameraOn; }
    DocumentState documentState() const { return m_documentState; }
    int documentPercent() const { return m_documentPercent; }
    QString agentTyping() const { return m_agentTyping; }
    QString agentMessage() const { return m_agentMessage; }
    QString lineState() const { return m_lineState; }
    QString waitingWord() const;

    // A ready word of the hub (PROTOCOL.md, "A word to a waiting resident") in the kiosk's
    // language; empty for a word this kiosk does not know.
    static QString readyWordText(const QString &word);

    // Where pictures go: the agent's (large) and the resident's own (pre-call check).
    Q_INVOKABLE void attachViews(relais::FrameView *remote, relais::FrameView *self);
    Q_INVOKABLE void startCheck();
    // Joins the agency's queue saying why she calls: a procedure of the agency's catalog,
    // "other" ("Autre question"), or empty when she skipped the question.
    Q_INVOKABLE void call(const QString &reason = QString());
    Q_INVOKABLE void leaveQueue();
    Q_INVOKABLE void askCallback();
    Q_INVOKABLE void hangUp();
    Q_INVOKABLE void setMicrophoneMuted(bool muted);
    Q_INVOKABLE void setCameraOn(bool on);
    // "Montrer un document": a photo of what the camera sees, sent to the adviser.
    Q_INVOKABLE void showDocument();
    // A scanned page (a JPEG in the session's folder) sent to the adviser the same way.
    Q_INVOKABLE void sendPicture(const QString &path);
    // The resident's text: each change of the draft goes at once, the message when sent.
    Q_INVOKABLE void typeText(const QString &draft);
    Q_INVOKABLE bool sendText(const QString &text);
    // The resident keeps the adviser's PDF or declines it. A kept PDF joins the session's
    // print desk (its folder and its list on "Imprimer ou scanner"), so that it outlives this
    // screen and the call and is deleted with the session's other files.
    Q_INVOKABLE void keepOfferedDocument();
    Q_INVOKABLE void declineOfferedDocument();
    QString offeredDocument() const { return m_offered.name; }
    int offeredDocumentKb() const { return int((m_offered.data.size() + 1023) / 1024); }
    int keptDocuments() const { return m_keptDocuments; }

    // Plain-words quality from the call's statistics (loss in %, round trip in ms, <0 unknown;
    // lineLimited: the kiosk had to lower what it sends because the line lost packets).
    static Quality qualityFrom(double lossPercent, double rttMs, bool lineLimited = false);

signals:
    void agencyChanged();
    void phaseChanged();
    void queueChanged();
    void closedChanged();
    void callbackRecordedChanged();
    void qualityChanged();
    void soundLevelChanged();
    void seeingAgentChanged();
    void controlsChanged();
    void documentStateChanged();
    void agentTextChanged();
    void receivedDocumentsChanged();
    void lineStateChanged();
    void soundOutputChanged();
    void waitingWordChanged();

private:
    void wirePhases();
    void connectSignalling();
    void onCallOffered(const QString &call, const QJsonObject &peer,
                       const QList<media::IceServer> &iceServers, bool forceRelay);
    void onSessionState();
    void onStats(const media::CallStats &stats);
    void updateLineState();
    void onClosed();
    void startSession();
    void clearCall();
    void holdIdle(bool hold);
    void record(const QString &type, QJsonObject payload);
    void createSession();
    void dropSession();
    void closeSignalling();
    void sendJpeg(const QByteArray &jpeg);

    Kiosk *m_kiosk;
    QString m_agency;
    CallPhases m_phases;
    QString m_nextOpening;
    Quality m_quality = Unknown;
    QString m_lineState = QStringLiteral("ok");
    double m_soundLevel = 0;
    bool m_seeingAgent = false;
    bool m_microphoneMuted = false;
    bool m_cameraOn = true;
    DocumentState m_documentState = NoDocument;
    int m_documentPercent = 0;
    QUuid m_document;
    QImage m_lastLocalFrame;
    struct ReceivedDocument
    {
        QString name;
        QByteArray data;
    };
    ReceivedDocument m_offered;
    int m_keptDocuments = 0;
    QString m_agentTyping;
    QString m_agentMessage;
    media::CallReason m_reason;
    // The adviser's word while she waits: its ready word's code (empty for their own text) and
    // the hub's French text.
    QString m_word;
    QString m_wordText;
    // The offered call's STUN/TURN servers, until its session starts.
    QList<media::IceServer> m_iceServers;
    bool m_forceRelay = false;
    QPointer<FrameView> m_remoteView;
    QPointer<FrameView> m_selfView;
    std::unique_ptr<media::DevicePreview> m_preview;
    std::unique_ptr<media::SignallingClient> m_signalling;
    std::unique_ptr<media::CallSession> m_session;
};

} // namespace relais
