#include "visiocall.h"

#include "callsession.h"
#include "devicepreview.h"
#include "frameview.h"
#include "kiosk.h"
#include "kioskhublink.h"
#include "monotonicclock.h"
#include "openinghours.h"
#include "sessionfolder.h"
#include "signallingclient.h"

#include <QBuffer>
#include <QFile>
#include <QLocale>
#include <QLoggingCategory>

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

qint64 nowMs()
{
    return monotonicNow().milliseconds;
}

} // namespace

VisioCall::VisioCall(QObject *parent) : QObject(parent), m_kiosk(Kiosk::instance())
{
    m_connectTimeout.setSingleShot(true);
    m_connectTimeout.setInterval(20000);
    connect(&m_connectTimeout, &QTimer::timeout, this, [this] {
        qCWarning(lcVisio) << "the hub did not answer in time";
        finish(QStringLiteral("failed"), Failed);
    });
}

VisioCall::~VisioCall()
{
    // Leaving the screen ends whatever was under way, and says so to the hub and the journal.
    if (m_phase == Queued || m_phase == Connecting)
        leaveQueue();
    else if (m_phase == InCall || m_phase == Reconnecting)
        hangUp();
    else if (m_phase == Closed)
        finish(QStringLiteral("abandoned"), Ended);
    holdIdle(false);
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
    if (!m_kiosk || !m_kiosk->config().visio)
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
    setPhase(Checking);
}

void VisioCall::call()
{
    if (!m_kiosk || !m_kiosk->config().visio ||
        (m_phase != Checking && m_phase != Ended && m_phase != Failed && m_phase != Closed))
        return;
    // The camera goes to the call: the preview lets go of it first.
    m_preview.reset();
    if (m_selfView)
        m_selfView->clear();
    m_finished = false;
    m_microphoneMuted = false;
    m_cameraOn = true;
    emit controlsChanged();
    m_callbackRecorded = false;
    emit callbackRecordedChanged();
    m_requestedAtMs = nowMs();
    m_signalling = std::make_unique<media::SignallingClient>();
    kioskhublink::prepare(*m_signalling, *m_kiosk);
    connect(m_signalling.get(), &media::SignallingClient::welcomed, this, &VisioCall::onWelcomed);
    connect(m_signalling.get(), &media::SignallingClient::messageReceived, this,
            &VisioCall::onMessage);
    connect(m_signalling.get(), &media::SignallingClient::callOffered, this,
            &VisioCall::onCallOffered);
    connect(m_signalling.get(), &media::SignallingClient::remoteDescription, this,
            [this](const QString &, const QString &type, const QString &sdp) {
                if (m_session)
                    m_session->setRemoteDescription(type, sdp);
            });
    connect(m_signalling.get(), &media::SignallingClient::remoteCandidate, this,
            [this](const QString &, int mline, const QString &candidate) {
                if (m_session)
                    m_session->addRemoteCandidate(mline, candidate);
            });
    connect(m_signalling.get(), &media::SignallingClient::callEnded, this,
            [this](const QString &, const QString &by, const QString &reason) {
                qCInfo(lcVisio) << "call ended by" << by << reason;
                finish(m_answeredAtMs ? QStringLiteral("answered") : QStringLiteral("failed"),
                       reason == QLatin1String("failed") ? Failed : Ended);
            });
    connect(m_signalling.get(), &media::SignallingClient::protocolError, this,
            [this](const QString &code, const QString &message, bool fatal) {
                qCWarning(lcVisio) << "hub error" << code << message;
                if (fatal || m_phase == Connecting)
                    finish(QStringLiteral("failed"), Failed);
            });
    connect(m_signalling.get(), &media::SignallingClient::disconnected, this,
            [this](const QString &reason) {
                qCWarning(lcVisio) << "hub connection closed:" << reason;
                if (m_phase == Connecting || m_phase == Queued)
                    finish(QStringLiteral("failed"), Failed);
            });
    // The hub link dropped mid-call: the client says hello again with resume_call, and the
    // resident is told the call is coming back rather than left with a frozen picture.
    connect(m_signalling.get(), &media::SignallingClient::connectionLost, this, [this] {
        if (m_phase == InCall)
            setPhase(Reconnecting);
    });
    record(QStringLiteral("call_requested"), {});
    setPhase(Connecting);
    m_connectTimeout.start();
    kioskhublink::open(*m_signalling, *m_kiosk);
}

void VisioCall::onWelcomed()
{
    m_signalling->request(m_agency);
}

void VisioCall::onMessage(const QJsonObject &message)
{
    const QString type = message.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("queued") || type == QLatin1String("queue")) {
        m_connectTimeout.stop();
        m_request = message.value(QStringLiteral("request")).toString();
        m_position = message.value(QStringLiteral("position")).toInt();
        // Rounded up: "about 1 minute" rather than "0 minutes" while someone is waiting.
        m_waitMinutes = (message.value(QStringLiteral("estimated_wait_s")).toInt() + 59) / 60;
        emit queueChanged();
        if (m_phase == Connecting)
            record(QStringLiteral("call_queued"), {});
        // Camera, encoder and offer get ready while she waits: when an adviser takes the
        // call, the offer leaves at once.
        if (!m_session) {
            createSession();
            m_session->prepare();
        }
        setPhase(Queued);
    } else if (type == QLatin1String("closed")) {
        m_connectTimeout.stop();
        const QDateTime next = QDateTime::fromString(
            message.value(QStringLiteral("next_opening")).toString(), Qt::ISODate);
        const QString language = m_kiosk ? m_kiosk->language() : QStringLiteral("fr");
        const bool english = language == QLatin1String("en");
        // The hub gives the time in the site's own zone (its offset): shown as it is, whatever
        // the machine's clock zone.
        const QDateTime local = next;
        // "mardi 24 novembre à 9 h" / "Tuesday 24 November at 9:00", as on the attract screen.
        m_nextOpening = next.isValid()
                            ? QLocale(english ? QLocale::English : QLocale::French)
                                      .toString(local.date(), QStringLiteral("dddd d MMMM")) +
                                  (english ? QStringLiteral(" at ") : QStringLiteral(" à ")) +
                                  formatTimeOfDay(local.time(), language)
                            : QString();
        m_callbackAvailable = message.value(QStringLiteral("callback_available")).toBool();
        // The hub has already taken the request out of its queue.
        m_closedWhileWaiting = m_phase == Queued;
        m_request.clear();
        dropSession(); // nobody will take the call: the camera is let go
        emit closedChanged();
        setPhase(Closed);
    } else if (type == QLatin1String("callback_recorded")) {
        m_callbackRecorded = true;
        emit callbackRecordedChanged();
        finish(QStringLiteral("callback"), Ended);
    } else if (type == QLatin1String("left")) {
        closeSignalling();
    }
}

void VisioCall::onCallOffered(const QString &call, const QJsonObject &peer,
                              const QList<media::IceServer> &iceServers, bool forceRelay)
{
    if (!m_call.isEmpty() && call == m_call) {
        // The same call again after our connection came back (resume): rebuild and re-offer.
        m_session->restart();
        setPhase(InCall);
        return;
    }
    m_connectTimeout.stop();
    m_call = call;
    m_answeredAtMs = nowMs();
    m_agentName = peer.value(QStringLiteral("display_name")).toString();
    if (!m_session)
        createSession();
    m_session->setIceServers(iceServers, forceRelay);
    record(QStringLiteral("call_started"),
           {{QStringLiteral("wait_s"), (m_answeredAtMs - m_requestedAtMs) / 1000}});
    setPhase(InCall);
    if (!m_session->start())
        finish(QStringLiteral("failed"), Failed);
}

void VisioCall::createSession()
{
    m_session = std::make_unique<media::CallSession>(callConfig(*m_kiosk->config().visio));
    m_session->setMicrophoneMuted(m_microphoneMuted);
    m_session->setCameraEnabled(m_cameraOn);
    connect(m_session.get(), &media::CallSession::localDescription, this,
            [this](const QString &type, const QString &sdp) {
                m_signalling->sendDescription(m_call, type, sdp);
            });
    connect(m_session.get(), &media::CallSession::localCandidate, this,
            [this](int mline, const QString &candidate) {
                m_signalling->sendCandidate(m_call, mline, candidate);
            });
    connect(m_session.get(), &media::CallSession::restartNeeded, this,
            [this] { m_signalling->sendRestart(m_call); });
    connect(m_session.get(), &media::CallSession::stateChanged, this, &VisioCall::onSessionState);
    connect(m_session.get(), &media::CallSession::statsUpdated, this, &VisioCall::onStats);
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
        setPhase(Reconnecting);
        break;
    case media::CallSession::State::Connected:
        setPhase(InCall);
        break;
    case media::CallSession::State::Failed:
        if (m_signalling)
            m_signalling->hangUp(m_call, QStringLiteral("failed"));
        finish(QStringLiteral("failed"), Failed);
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
    if (m_phase != Queued && m_phase != Connecting)
        return;
    if (m_signalling && !m_request.isEmpty())
        m_signalling->send({{QStringLiteral("type"), QStringLiteral("leave")},
                            {QStringLiteral("request"), m_request}});
    finish(QStringLiteral("abandoned"), Ended);
}

void VisioCall::askCallback()
{
    if (!m_signalling || (m_phase != Queued && m_phase != Closed) || m_callbackRecorded)
        return;
    m_signalling->send({{QStringLiteral("type"), QStringLiteral("callback")},
                        {QStringLiteral("agency"), m_agency}});
}

void VisioCall::hangUp()
{
    if (m_phase != InCall && m_phase != Reconnecting)
        return;
    if (m_signalling)
        m_signalling->hangUp(m_call, QStringLiteral("done"));
    finish(QStringLiteral("answered"), Ended);
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
    if (!m_session || m_phase != InCall || m_lastLocalFrame.isNull() || m_documentState == Sending)
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
    if (!m_session || m_phase != InCall || m_documentState == Sending)
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
    if (m_session && m_phase == InCall)
        m_session->sendTyping(draft.left(2000));
}

bool VisioCall::sendText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (!m_session || m_phase != InCall || trimmed.isEmpty())
        return false;
    return m_session->sendText(trimmed.left(2000));
}

void VisioCall::keepOfferedDocument()
{
    if (m_offered.data.isEmpty())
        return;
    m_kept.append(std::exchange(m_offered, {}));
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

void VisioCall::finish(const QString &outcome, Phase phase)
{
    m_connectTimeout.stop();
    if (!m_finished) {
        m_finished = true;
        // Leaving a closed counter is not the resident giving up: nobody could answer her.
        const bool unanswered = outcome == QLatin1String("abandoned") && m_phase == Closed;
        QJsonObject payload{
            {QStringLiteral("outcome"), unanswered ? QStringLiteral("unanswered") : outcome}};
        if (m_answeredAtMs)
            payload.insert(QStringLiteral("duration_s"), (nowMs() - m_answeredAtMs) / 1000);
        record(QStringLiteral("call_ended"), payload);
    }
    dropSession();
    if (m_remoteView)
        m_remoteView->clear();
    if (m_selfView)
        m_selfView->clear();
    m_lastLocalFrame = QImage();
    m_agentTyping.clear();
    m_agentMessage.clear();
    if (!m_offered.data.isEmpty()) {
        m_offered = {}; // unanswered when the call ended: not kept
        emit receivedDocumentsChanged();
    }
    emit agentTextChanged();
    m_documentState = NoDocument;
    emit documentStateChanged();
    m_seeingAgent = false;
    emit seeingAgentChanged();
    m_answeredAtMs = 0;
    m_call.clear();
    m_request.clear();
    // A recorded callback leaves the connection to be closed by the hub's reply; otherwise
    // nothing more is expected from the hub.
    if (outcome != QLatin1String("abandoned"))
        closeSignalling();
    setPhase(phase);
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
    m_signalling->close();
    m_signalling.release()->deleteLater();
}

void VisioCall::setPhase(Phase phase)
{
    // The resident is waiting or talking: the idle countdown must not cut her off.
    holdIdle(phase == Connecting || phase == Queued || phase == InCall || phase == Reconnecting);
    if (phase == m_phase)
        return;
    m_phase = phase;
    emit phaseChanged();
}

void VisioCall::holdIdle(bool hold)
{
    if (hold == m_holdingIdle || !m_kiosk)
        return;
    m_holdingIdle = hold;
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
