// SPDX-License-Identifier: EUPL-1.2
#include "visiocall.h"

#include "callsession.h"
#include "devicepreview.h"
#include "frameview.h"
#include "kiosk.h"
#include "kioskhublink.h"
#include "monotonicclock.h"
#include "openinghours.h"
#include "printdesk.h"
#include "sessionfolder.h"
#include "signallingclient.h"

#include <QBuffer>
#include <QFile>
#include <QLocale>
#include <QLoggingCategory>
#include <QSaveFile>

Q_LOGGING_CATEGORY(lcVisio, "relais.visio")

namespace relais {

namespace {

media::CallConfig callConfig(const VisioSettings &settings)
{
    media::CallConfig config;
    config.role = media::CallRole::Offerer;
    config.testSources = settings.testSources;
    config.localAddresses = settings.localAddresses;
    config.audioSink = settings.audioSink;
    return config;
}

} // namespace

static_assert(int(VisioCall::Checking) == int(CallPhases::Checking) &&
              int(VisioCall::Connecting) == int(CallPhases::Connecting) &&
              int(VisioCall::Queued) == int(CallPhases::Queued) &&
              int(VisioCall::Closed) == int(CallPhases::Closed) &&
              int(VisioCall::InCall) == int(CallPhases::InCall) &&
              int(VisioCall::Reconnecting) == int(CallPhases::Reconnecting) &&
              int(VisioCall::Ended) == int(CallPhases::Ended) &&
              int(VisioCall::Failed) == int(CallPhases::Failed));

VisioCall::VisioCall(QObject *parent) : QObject(parent), m_kiosk(Kiosk::instance())
{
    // Boot time, which goes on while the machine sleeps (steady_clock's does not).
    m_phases.setClock([] { return monotonicNow().milliseconds; });
    wirePhases();
    if (m_kiosk) {
        connect(m_kiosk->headsetSwitch(), &media::HeadsetSwitch::changed, this,
                &VisioCall::soundOutputChanged);
        connect(m_kiosk, &Kiosk::languageChanged, this, &VisioCall::waitingWordChanged);
    }
    // A word belongs to her wait: it goes when she leaves the queue, whichever way.
    connect(&m_phases, &CallPhases::phaseChanged, this, [this] {
        if (m_phases.phase() != CallPhases::Queued && !m_wordText.isEmpty()) {
            m_word.clear();
            m_wordText.clear();
            emit waitingWordChanged();
        }
    });
}

QString VisioCall::readyWordText(const QString &word)
{
    // The same words as the hub's readyWords(), which sends their French text along.
    if (word == QLatin1String("soon"))
        return tr("Je suis à vous dans un instant.");
    if (word == QLatin1String("wait_5"))
        return tr("Je suis à vous dans 5 minutes.");
    if (word == QLatin1String("wait_15"))
        return tr("Je suis à vous dans 15 minutes environ.");
    if (word == QLatin1String("busy"))
        return tr("Il y a du monde aujourd'hui : merci de votre patience.");
    if (word == QLatin1String("callback"))
        return tr("L'attente sera longue : vous pouvez demander à être rappelé.");
    return {};
}

QString VisioCall::waitingWord() const
{
    const QString known = readyWordText(m_word);
    return known.isEmpty() ? m_wordText : known;
}

bool VisioCall::sharedRoom() const
{
    return m_kiosk && m_kiosk->config().visio && m_kiosk->config().visio->sharedRoom;
}

QString VisioCall::soundOutput() const
{
    switch (m_kiosk ? m_kiosk->headsetSwitch()->output() : media::AudioOutput::Unknown) {
    case media::AudioOutput::Headset:
        return QStringLiteral("headset");
    case media::AudioOutput::Speaker:
        return QStringLiteral("speaker");
    case media::AudioOutput::Unknown:
        break;
    }
    return {};
}

VisioCall::~VisioCall()
{
    // Leaving the screen ends whatever was under way, and says so to the hub and the journal.
    m_phases.leaveScreen();
}

void VisioCall::wirePhases()
{
    connect(&m_phases, &CallPhases::phaseChanged, this, &VisioCall::phaseChanged);
    connect(&m_phases, &CallPhases::queueChanged, this, &VisioCall::queueChanged);
    connect(&m_phases, &CallPhases::closedChanged, this, &VisioCall::onClosed);
    connect(&m_phases, &CallPhases::callbackRecordedChanged, this,
            &VisioCall::callbackRecordedChanged);
    connect(&m_phases, &CallPhases::idleHeldChanged, this, &VisioCall::holdIdle);
    connect(&m_phases, &CallPhases::journalEvent, this, &VisioCall::record);
    connect(&m_phases, &CallPhases::sendRequestRequested, this, [this] {
        if (m_signalling)
            m_signalling->request(m_agency, QStringLiteral("visio"), m_reason);
    });
    connect(&m_phases, &CallPhases::sendLeaveRequested, this, [this](const QString &request) {
        if (m_signalling)
            m_signalling->leave(request);
    });
    connect(&m_phases, &CallPhases::sendCallbackRequested, this, [this] {
        if (m_signalling)
            m_signalling->askCallback(m_agency);
    });
    connect(&m_phases, &CallPhases::hangUpRequested, this,
            [this](const QString &call, const QString &reason) {
                if (m_signalling)
                    m_signalling->hangUp(call, reason);
            });
    connect(&m_phases, &CallPhases::closeSignallingRequested, this, &VisioCall::closeSignalling);
    connect(&m_phases, &CallPhases::prepareSessionRequested, this, [this] {
        if (!m_session) {
            createSession();
            m_session->prepare();
        }
    });
    connect(&m_phases, &CallPhases::startSessionRequested, this, &VisioCall::startSession);
    connect(&m_phases, &CallPhases::restartSessionRequested, this, [this] {
        if (m_session)
            m_session->restart();
    });
    connect(&m_phases, &CallPhases::dropSessionRequested, this, &VisioCall::dropSession);
    connect(&m_phases, &CallPhases::callFinished, this, &VisioCall::clearCall);
}

void VisioCall::setAgency(const QString &agency)
{
    if (agency == m_agency)
        return;
    m_agency = agency;
    emit agencyChanged();
}

void VisioCall::attachViews(FrameView *remote, FrameView *self)
{
    m_remoteView = remote;
    m_selfView = self;
}

void VisioCall::startCheck()
{
    if (!m_kiosk || !m_kiosk->config().visio || !m_phases.startCheck())
        return;
    m_preview = std::make_unique<media::DevicePreview>();
    connect(m_preview.get(), &media::DevicePreview::frame, this, [this](const QImage &frame) {
        if (m_selfView)
            m_selfView->setFrame(frame);
    });
    connect(m_preview.get(), &media::DevicePreview::level, this, [this](double level) {
        m_soundLevel = level;
        emit soundLevelChanged();
    });
    m_preview->start(callConfig(*m_kiosk->config().visio));
}

void VisioCall::call(const QString &reason)
{
    if (!m_kiosk || !m_kiosk->config().visio || !m_phases.canRequestCall())
        return;
    // The adviser reads French: the catalog's French title, whatever the kiosk's language.
    const Procedure *procedure = m_kiosk->procedures().find(reason);
    if (procedure && procedure->agency == m_agency)
        m_reason = {reason, procedure->title.fr};
    else if (reason == QLatin1String("other"))
        m_reason = {reason, QStringLiteral("Autre question")};
    else
        m_reason = {};
    // The camera goes to the call: the preview lets go of it first.
    m_preview.reset();
    if (m_selfView)
        m_selfView->clear();
    m_microphoneMuted = false;
    m_cameraOn = true;
    emit controlsChanged();
    m_signalling = std::make_unique<media::SignallingClient>();
    kioskhublink::prepare(*m_signalling, *m_kiosk);
    connectSignalling();
    m_phases.requestCall();
    kioskhublink::open(*m_signalling, *m_kiosk);
}

void VisioCall::connectSignalling()
{
    using media::SignallingClient;
    SignallingClient *hub = m_signalling.get();
    connect(hub, &SignallingClient::welcomed, &m_phases, &CallPhases::welcomed);
    connect(hub, &SignallingClient::queued, &m_phases, &CallPhases::queued);
    connect(hub, &SignallingClient::closedCounter, &m_phases, &CallPhases::closed);
    connect(hub, &SignallingClient::callbackRecorded, &m_phases, &CallPhases::callbackWasRecorded);
    connect(hub, &SignallingClient::left, &m_phases, &CallPhases::left);
    connect(hub, &SignallingClient::transferred, this,
            [this](const QString &, const QString &request, const QString &agency, int position,
                   int estimatedWaitS) {
                m_phases.transferred(request, position, estimatedWaitS);
                // After the first call's end is journaled under the agency it was with.
                setAgency(agency);
            });
    connect(hub, &SignallingClient::wordReceived, this,
            [this](const QString &, const QString &word, const QString &text) {
                if (m_phases.phase() != CallPhases::Queued)
                    return;
                m_word = word;
                m_wordText = text.left(200);
                emit waitingWordChanged();
            });
    connect(hub, &SignallingClient::callOffered, this, &VisioCall::onCallOffered);
    connect(hub, &SignallingClient::remoteDescription, this,
            [this](const QString &, const QString &type, const QString &sdp) {
                if (m_session)
                    m_session->setRemoteDescription(type, sdp);
            });
    connect(hub, &SignallingClient::remoteCandidate, this,
            [this](const QString &, int mline, const QString &candidate) {
                if (m_session)
                    m_session->addRemoteCandidate(mline, candidate);
            });
    connect(hub, &SignallingClient::callEnded, this,
            [this](const QString &, const QString &by, const QString &reason) {
                qCInfo(lcVisio) << "call ended by" << by << reason;
                m_phases.callEnded(reason);
            });
    connect(hub, &SignallingClient::protocolError, this,
            [this](const QString &code, const QString &message, bool fatal) {
                qCWarning(lcVisio) << "hub error" << code << message;
                m_phases.protocolError(fatal);
            });
    connect(hub, &SignallingClient::disconnected, this, [this](const QString &reason) {
        qCWarning(lcVisio) << "hub connection closed:" << reason;
        m_phases.disconnected();
    });
    connect(hub, &SignallingClient::connectionLost, &m_phases, &CallPhases::connectionLost);
}

void VisioCall::onClosed()
{
    const QDateTime next = m_phases.nextOpening();
    const QString language = m_kiosk ? m_kiosk->language() : QStringLiteral("fr");
    const bool english = language == QLatin1String("en");
    // The hub gives the time in the site's own zone (its offset): shown as it is, whatever
    // the machine's clock zone. "mardi 24 novembre à 9 h" / "Tuesday 24 November at 9:00", as
    // on the attract screen.
    m_nextOpening = next.isValid()
                        ? QLocale(english ? QLocale::English : QLocale::French)
                                  .toString(next.date(), QStringLiteral("dddd d MMMM")) +
                              (english ? QStringLiteral(" at ") : QStringLiteral(" à ")) +
                              formatTimeOfDay(next.time(), language)
                        : QString();
    emit closedChanged();
}

void VisioCall::onCallOffered(const QString &call, const QJsonObject &peer,
                              const QList<media::IceServer> &iceServers, bool forceRelay)
{
    m_iceServers = iceServers;
    m_forceRelay = forceRelay;
    m_phases.callOffered(call, peer.value(QStringLiteral("display_name")).toString());
}

void VisioCall::startSession()
{
    if (!m_session)
        createSession();
    m_session->setIceServers(m_iceServers, m_forceRelay);
    if (!m_session->start())
        m_phases.sessionStartFailed();
}

void VisioCall::createSession()
{
    media::CallConfig config = callConfig(*m_kiosk->config().visio);
    config.caCertificates = kioskhublink::caCertificates(*m_kiosk);
    m_session = std::make_unique<media::CallSession>(config);
    m_session->setMicrophoneMuted(m_microphoneMuted);
    m_session->setCameraEnabled(m_cameraOn);
    connect(m_session.get(), &media::CallSession::localDescription, this,
            [this](const QString &type, const QString &sdp) {
                m_signalling->sendDescription(m_phases.call(), type, sdp);
            });
    connect(m_session.get(), &media::CallSession::localCandidate, this,
            [this](int mline, const QString &candidate) {
                m_signalling->sendCandidate(m_phases.call(), mline, candidate);
            });
    connect(m_session.get(), &media::CallSession::restartNeeded, this,
            [this] { m_signalling->sendRestart(m_phases.call()); });
    connect(m_session.get(), &media::CallSession::stateChanged, this, &VisioCall::onSessionState);
    connect(m_session.get(), &media::CallSession::statsUpdated, this, &VisioCall::onStats);
    connect(m_session.get(), &media::CallSession::lineStateChanged, this,
            &VisioCall::updateLineState);
    connect(m_session.get(), &media::CallSession::remoteLineStateChanged, this,
            &VisioCall::updateLineState);
    connect(m_session.get(), &media::CallSession::localFrame, this, [this](const QImage &frame) {
        m_lastLocalFrame = frame;
        if (m_selfView)
            m_selfView->setFrame(frame);
    });
    connect(m_session.get(), &media::CallSession::documentProgress, this,
            [this](const QUuid &doc, qint64 bytes, qint64 total, bool incoming) {
                if (incoming || doc != m_document || total <= 0)
                    return;
                m_documentPercent = static_cast<int>(bytes * 100 / total);
                emit documentStateChanged();
            });
    connect(m_session.get(), &media::CallSession::documentSent, this, [this](const QUuid &doc) {
        if (doc != m_document)
            return;
        m_documentState = Sent;
        m_documentPercent = 100;
        emit documentStateChanged();
    });
    connect(m_session.get(), &media::CallSession::documentFailed, this,
            [this](const QUuid &doc, const QString &reason, bool incoming) {
                if (incoming || doc != m_document)
                    return;
                qCWarning(lcVisio) << "document not sent:" << reason;
                m_documentState = NotSent;
                emit documentStateChanged();
            });
    connect(
        m_session.get(), &media::CallSession::documentReceived, this,
        [this](const QUuid &, const QString &name, const QString &mime, const QByteArray &data) {
            // Only PDFs, and real ones: the adviser sends forms to print; anything else
            // is not shown to the resident.
            if (mime != QLatin1String("application/pdf") || !data.startsWith("%PDF-")) {
                qCWarning(lcVisio) << "refused a document of type" << mime << "from the adviser";
                return;
            }
            QString shown = name.simplified();
            shown.remove(QLatin1Char('/'));
            m_offered = {shown.isEmpty() ? QStringLiteral("document.pdf") : shown.left(80), data};
            emit receivedDocumentsChanged();
        });
    connect(m_session.get(), &media::CallSession::typingReceived, this,
            [this](const QString &draft) {
                m_agentTyping = draft;
                emit agentTextChanged();
            });
    connect(m_session.get(), &media::CallSession::textReceived, this, [this](const QString &text) {
        m_agentMessage = text;
        m_agentTyping.clear();
        emit agentTextChanged();
    });
    connect(m_session.get(), &media::CallSession::remoteFrame, this, [this](const QImage &frame) {
        if (m_remoteView)
            m_remoteView->setFrame(frame);
        if (!m_seeingAgent) {
            m_seeingAgent = true;
            emit seeingAgentChanged();
        }
    });
}

void VisioCall::onSessionState()
{
    if (!m_session)
        return;
    switch (m_session->state()) {
    case media::CallSession::State::Reconnecting:
        m_phases.sessionReconnecting();
        break;
    case media::CallSession::State::Connected:
        m_phases.sessionConnected();
        break;
    case media::CallSession::State::Failed:
        m_phases.sessionFailed();
        break;
    default:
        break;
    }
}

void VisioCall::onStats(const media::CallStats &stats)
{
    const Quality quality = qualityFrom(stats.packetLossPercent, stats.rttMs,
                                        stats.sendLimitation == QLatin1String("network"));
    if (quality == m_quality)
        return;
    m_quality = quality;
    emit qualityChanged();
}

void VisioCall::updateLineState()
{
    QString state = QStringLiteral("ok");
    if (m_session) {
        const QString own = m_session->lineState();
        const QString remote = m_session->remoteLineState();
        // Voice only on either side says more than a reduced picture on the other.
        for (const QString &s : {own, remote})
            if (s == QLatin1String("audio_only") ||
                (s == QLatin1String("reduced") && state == QLatin1String("ok")))
                state = s;
    }
    if (state == m_lineState)
        return;
    m_lineState = state;
    emit lineStateChanged();
}

VisioCall::Quality VisioCall::qualityFrom(double lossPercent, double rttMs, bool lineLimited)
{
    if (lossPercent < 0)
        return Unknown;
    if (lossPercent >= 8 || rttMs > 800)
        return Poor;
    if (lossPercent >= 2 || rttMs > 300 || lineLimited)
        return Fair;
    return Good;
}

void VisioCall::leaveQueue()
{
    m_phases.leaveQueue();
}

void VisioCall::askCallback()
{
    if (m_signalling)
        m_phases.askCallback();
}

void VisioCall::hangUp()
{
    m_phases.hangUp();
}

void VisioCall::setMicrophoneMuted(bool muted)
{
    m_microphoneMuted = muted;
    if (m_session)
        m_session->setMicrophoneMuted(muted);
    emit controlsChanged();
}

void VisioCall::setCameraOn(bool on)
{
    m_cameraOn = on;
    if (m_session)
        m_session->setCameraEnabled(on);
    emit controlsChanged();
}

void VisioCall::showDocument()
{
    if (!m_session || phase() != InCall || m_lastLocalFrame.isNull() || m_documentState == Sending)
        return;
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    // Quality high enough to read small print on a letter held up to the camera.
    m_lastLocalFrame.convertToFormat(QImage::Format_RGB888).save(&buffer, "JPEG", 90);
    sendJpeg(jpeg);
}

void VisioCall::sendPicture(const QString &path)
{
    if (!m_session || phase() != InCall || m_documentState == Sending)
        return;
    QFile file(localFilePath(path));
    const QByteArray jpeg = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    // Only a picture goes this way (the adviser's console shows it as one).
    if (!jpeg.startsWith("\xFF\xD8\xFF")) {
        qCWarning(lcVisio) << "not a JPEG picture, not sent:" << path;
        m_documentState = NotSent;
        emit documentStateChanged();
        return;
    }
    sendJpeg(jpeg);
}

void VisioCall::sendJpeg(const QByteArray &jpeg)
{
    m_document =
        m_session->sendDocument(QStringLiteral("document.jpg"), QStringLiteral("image/jpeg"), jpeg);
    m_documentState = m_document.isNull() ? NotSent : Sending;
    m_documentPercent = 0;
    emit documentStateChanged();
}

void VisioCall::typeText(const QString &draft)
{
    if (m_session && phase() == InCall)
        m_session->sendTyping(draft.left(2000));
}

bool VisioCall::sendText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (!m_session || phase() != InCall || trimmed.isEmpty())
        return false;
    return m_session->sendText(trimmed.left(2000));
}

void VisioCall::keepOfferedDocument()
{
    if (m_offered.data.isEmpty())
        return;
    PrintDesk *desk = PrintDesk::forObject(this);
    const QString path =
        desk ? desk->folder().newFile(QStringLiteral("conseiller"), QStringLiteral("pdf"))
             : QString();
    QSaveFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::WriteOnly) ||
        file.write(m_offered.data) != m_offered.data.size() || !file.commit()) {
        // Still offered: nothing claims it was kept while no printer could ever get it.
        qCWarning(lcVisio) << "the adviser's document could not be kept for printing:"
                           << (desk ? file.errorString() : QStringLiteral("no print desk"));
        return;
    }
    desk->addDocument(path, std::exchange(m_offered, {}).name);
    ++m_keptDocuments;
    record(QStringLiteral("document_received"), {{QStringLiteral("kept"), true}});
    emit receivedDocumentsChanged();
}

void VisioCall::declineOfferedDocument()
{
    if (m_offered.data.isEmpty())
        return;
    m_offered = {};
    record(QStringLiteral("document_received"), {{QStringLiteral("kept"), false}});
    emit receivedDocumentsChanged();
}

void VisioCall::clearCall()
{
    dropSession();
    if (m_remoteView)
        m_remoteView->clear();
    if (m_selfView)
        m_selfView->clear();
    m_lastLocalFrame = QImage();
    m_agentTyping.clear();
    m_agentMessage.clear();
    if (m_lineState != QLatin1String("ok")) {
        m_lineState = QStringLiteral("ok");
        emit lineStateChanged();
    }
    if (!m_offered.data.isEmpty()) {
        m_offered = {}; // unanswered when the call ended: not kept
        emit receivedDocumentsChanged();
    }
    emit agentTextChanged();
    m_documentState = NoDocument;
    emit documentStateChanged();
    m_seeingAgent = false;
    emit seeingAgentChanged();
}

void VisioCall::dropSession()
{
    if (!m_session)
        return;
    m_session->disconnect(this);
    m_session->hangUp();
    m_session.reset();
}

void VisioCall::closeSignalling()
{
    if (!m_signalling)
        return;
    m_signalling->disconnect(this);
    m_signalling->disconnect(&m_phases);
    m_signalling->close();
    m_signalling.release()->deleteLater();
}

void VisioCall::holdIdle(bool hold)
{
    if (!m_kiosk)
        return;
    if (hold)
        m_kiosk->session()->suspendIdle();
    else
        m_kiosk->session()->resumeIdle();
}

void VisioCall::record(const QString &type, QJsonObject payload)
{
    if (!m_kiosk)
        return;
    payload.insert(QStringLiteral("agency"), m_agency);
    m_kiosk->session()->recordEvent(type, payload);
}

} // namespace relais
