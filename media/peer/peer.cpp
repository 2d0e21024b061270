// SPDX-License-Identifier: EUPL-1.2
#include "peer.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QMimeDatabase>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace relais::media {

Peer::Peer(PeerOptions options, QObject *parent) : QObject(parent), m_options(std::move(options)) {}

void Peer::print(QJsonObject event)
{
    // Stamped here, not where the line is read: a reader busy elsewhere would shift its times,
    // and a browser at the other end of the call keeps the same clock.
    event.insert(QStringLiteral("wall_ms"), QDateTime::currentMSecsSinceEpoch());
    const QByteArray line = QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n';
    fwrite(line.constData(), 1, size_t(line.size()), stdout);
    fflush(stdout);
}

void Peer::sendSignal(const QJsonObject &message)
{
    if (m_client)
        m_client->send(message);
    else
        print(message); // a "type" line: the other peer's stdin
}

void Peer::start()
{
    if (m_options.direct) {
        m_stdin = std::make_unique<QSocketNotifier>(STDIN_FILENO, QSocketNotifier::Read);
        connect(m_stdin.get(), &QSocketNotifier::activated, this, &Peer::onStdin);
        startCall(m_options.call.iceServers, m_options.call.forceRelay);
        return;
    }
    m_client = new SignallingClient(this);
    if (!m_options.caFile.isEmpty())
        m_client->setCaCertificates(m_options.call.caCertificates);
    const bool kiosk = m_options.call.role == CallRole::Offerer;
    connect(m_client, &SignallingClient::welcomed, this, [this, kiosk] {
        if (m_session && m_session->state() != CallSession::State::Idle) {
            // Back after a dropped connection: the hub sends `call` again, no new request.
            print({{"event", "welcomed"}, {"resumed", true}});
            return;
        }
        print({{"event", "welcomed"}});
        if (kiosk)
            m_client->request(m_options.agency);
        else
            m_client->setPresence(QStringLiteral("available"));
    });
    connect(m_client, &SignallingClient::queueState, this, [this](const QJsonObject &state) {
        if (!m_session && !state.value(QStringLiteral("waiting")).toArray().isEmpty())
            m_client->take();
    });
    connect(m_client, &SignallingClient::queued, this, [this](const QString &r, int pos, int w) {
        print({{"event", "queued"}, {"request", r}, {"position", pos}, {"estimated_wait_s", w}});
        // Like the kiosk: ready to offer the moment an adviser takes the call.
        if (!m_session && m_options.call.role == CallRole::Offerer) {
            createSession();
            m_session->prepare();
        }
    });
    // Passed on to another adviser: this call's media goes, and the next offer is made ready
    // for whoever takes her, as the kiosk does.
    connect(
        m_client, &SignallingClient::transferred, this,
        [this](const QString &, const QString &request, const QString &agency, int position, int) {
            print({{"event", "transferred"},
                   {"request", request},
                   {"agency", agency},
                   {"position", position}});
            if (m_session) {
                m_session->disconnect(this);
                m_session->hangUp(QStringLiteral("done"));
                m_session.reset();
            }
            m_call.clear();
            createSession();
            m_session->prepare();
        });
    connect(m_client, &SignallingClient::wordReceived, this,
            [this](const QString &request, const QString &word, const QString &text) {
                print({{"event", "word"}, {"request", request}, {"word", word}, {"text", text}});
            });
    connect(m_client, &SignallingClient::closedCounter, this, [this](const QDateTime &next, bool) {
        print({{"event", "closed"},
               {"next_opening",
                next.isValid() ? QJsonValue(next.toString(Qt::ISODate)) : QJsonValue()}});
        finish(CallFailed);
    });
    connect(m_client, &SignallingClient::callOffered, this,
            [this](const QString &call, const QJsonObject &, const QList<IceServer> &servers,
                   bool relay) {
                if (m_session && call == m_call) {
                    // The hub's `call` again after a resume: fresh credentials, new attempt.
                    m_session->restart();
                    return;
                }
                m_call = call;
                startCall(servers, relay || m_options.call.forceRelay);
            });
    connect(m_client, &SignallingClient::remoteDescription, this,
            [this](const QString &, const QString &type, const QString &sdp) {
                if (m_session)
                    m_session->setRemoteDescription(type, sdp);
            });
    connect(m_client, &SignallingClient::remoteCandidate, this,
            [this](const QString &, int mline, const QString &c) {
                if (m_session)
                    m_session->addRemoteCandidate(mline, c);
            });
    connect(m_client, &SignallingClient::connectionLost, this, [this] {
        print({{"event", "hub_reconnecting"}});
    });
    connect(m_client, &SignallingClient::peerReconnecting, this, [this] {
        print({{"event", "peer_reconnecting"}});
    });
    connect(m_client, &SignallingClient::restartRequested, this, [this] {
        print({{"event", "restart"}});
        if (m_session)
            m_session->restart();
    });
    connect(m_client, &SignallingClient::callEnded, this,
            [this](const QString &, const QString &by, const QString &reason) {
                print({{"event", "ended"}, {"by", by}, {"reason", reason}});
                if (m_session)
                    m_session->hangUp(reason);
                finish(m_connectedOnce && !m_documentFailed ? Done : CallFailed);
            });
    connect(m_client, &SignallingClient::protocolError, this,
            [this](const QString &code, const QString &message, bool fatal) {
                print({{"event", "hub_error"}, {"code", code}, {"message", message}});
                if (fatal)
                    finish(HubRefused);
            });
    connect(m_client, &SignallingClient::disconnected, this, [this](const QString &reason) {
        print({{"event", "hub_disconnected"}, {"reason", reason}});
        finish(m_connectedOnce ? Done : CallFailed);
    });
    const QJsonObject hello =
        kiosk ? SignallingClient::kioskHello(m_options.site, m_options.kiosk, m_options.token)
              : SignallingClient::agentHello(m_options.agency, m_options.login, m_options.password);
    m_client->open(m_options.hub, hello);
}

void Peer::onStdin()
{
    char buf[65536];
    const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    if (n <= 0) {
        m_stdin->setEnabled(false);
        if (!m_finished) {
            print({{"event", "signalling_closed"}});
            if (m_session)
                m_session->hangUp(QStringLiteral("peer_lost"));
            finish(m_connectedOnce && !m_documentFailed ? Done : CallFailed);
        }
        return;
    }
    m_stdinBuffer.append(buf, n);
    qsizetype nl;
    while ((nl = m_stdinBuffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_stdinBuffer.left(nl);
        m_stdinBuffer.remove(0, nl + 1);
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        // Event lines of the other peer have no "type"; they are not for us.
        if (doc.isObject() && doc.object().contains(QStringLiteral("type")))
            onSignal(doc.object());
    }
}

void Peer::onSignal(const QJsonObject &m)
{
    if (!m_session)
        return;
    const QString type = m.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("sdp")) {
        const QJsonObject sdp = m.value(QStringLiteral("sdp")).toObject();
        m_session->setRemoteDescription(sdp.value(QStringLiteral("type")).toString(),
                                        sdp.value(QStringLiteral("sdp")).toString());
    } else if (type == QLatin1String("ice")) {
        m_session->addRemoteCandidate(m.value(QStringLiteral("sdp_mline_index")).toInt(),
                                      m.value(QStringLiteral("candidate")).toString());
    } else if (type == QLatin1String("restart")) {
        m_session->restart();
    } else if (type == QLatin1String("hangup")) {
        print({{"event", "ended"}, {"by", "peer"}});
        m_session->hangUp(m.value(QStringLiteral("reason")).toString());
        finish(m_connectedOnce && !m_documentFailed ? Done : CallFailed);
    }
}

void Peer::startCall(const QList<IceServer> &iceServers, bool forceRelay)
{
    if (!m_session)
        createSession();
    m_session->setIceServers(iceServers, forceRelay);
    if (!m_session->start())
        finish(CallFailed);
}

void Peer::createSession()
{
    m_session = std::make_unique<CallSession>(m_options.call);
    m_session->simulateSendLoss(m_options.sendLoss);
    CallSession *s = m_session.get();
    connect(s, &CallSession::localDescription, this,
            [this](const QString &type, const QString &sdp) {
                sendSignal({{"type", "sdp"},
                            {"call", m_call},
                            {"sdp", QJsonObject{{"type", type}, {"sdp", sdp}}}});
            });
    connect(s, &CallSession::localCandidate, this, [this](int mline, const QString &c) {
        sendSignal(
            {{"type", "ice"}, {"call", m_call}, {"candidate", c}, {"sdp_mline_index", mline}});
    });
    connect(s, &CallSession::offerPrepared, this, [this] { print({{"event", "offer_prepared"}}); });
    connect(s, &CallSession::restartNeeded, this, [this] {
        sendSignal({{"type", "restart"}, {"call", m_call}});
    });
    connect(s, &CallSession::stateChanged, this, [this, s](CallSession::State state) {
        print({{"event", "state"},
               {"state", QString::fromLatin1(
                             QMetaEnum::fromType<CallSession::State>().valueToKey(int(state)))
                             .toLower()},
               {"reconnects", s->reconnects()}});
        if (state == CallSession::State::Connected && !m_connectedOnce) {
            m_connectedOnce = true;
            afterConnected();
        }
    });
    connect(s, &CallSession::lineStateChanged, this, [this](const QString &state) {
        print({{"event", "line"}, {"state", state}});
    });
    connect(s, &CallSession::remoteLineStateChanged, this, [this](const QString &state) {
        print({{"event", "remote_line"}, {"state", state}});
    });
    connect(s, &CallSession::statsUpdated, this, [this](const CallStats &st) {
        QJsonObject o = st.toJson();
        o.insert(QStringLiteral("event"), QStringLiteral("stats"));
        print(o);
    });
    // relais-callbench measures call setup up to this line.
    connect(s, &CallSession::firstRemoteFrame, this, [this] {
        print({{"event", "first_remote_frame"}});
    });
    connect(s, &CallSession::dataChannelOpened, this, [this] {
        print({{"event", "data_channel_open"}});
        if (!m_options.text.isEmpty())
            m_session->sendText(m_options.text);
        if (m_options.sendFile.isEmpty())
            return;
        QFile f(m_options.sendFile);
        if (!f.open(QIODevice::ReadOnly)) {
            print({{"event", "document_failed"}, {"reason", f.errorString()}});
            m_documentFailed = true;
            return;
        }
        const QByteArray data = f.readAll();
        const QString mime = QMimeDatabase().mimeTypeForFileNameAndData(f.fileName(), data).name();
        const QUuid id = m_session->sendDocument(QFileInfo(f).fileName(), mime, data);
        m_documentPending = !id.isNull();
        m_documentFailed = id.isNull();
        print({{"event", "document_sending"},
               {"doc", id.toString(QUuid::WithoutBraces)},
               {"size", double(data.size())},
               {"mime", mime}});
    });
    connect(s, &CallSession::textReceived, this, [this](const QString &t) {
        print({{"event", "text"}, {"text", t}});
    });
    connect(s, &CallSession::documentProgress, this,
            [this](const QUuid &d, qint64 bytes, qint64 total, bool incoming) {
                print({{"event", "document_progress"},
                       {"doc", d.toString(QUuid::WithoutBraces)},
                       {"bytes", double(bytes)},
                       {"total", double(total)},
                       {"incoming", incoming}});
            });
    connect(s, &CallSession::documentSent, this, [this](const QUuid &d) {
        m_documentPending = false;
        print({{"event", "document_sent"}, {"doc", d.toString(QUuid::WithoutBraces)}});
    });
    connect(
        s, &CallSession::documentReceived, this,
        [this](const QUuid &d, const QString &name, const QString &mime, const QByteArray &data) {
            print({{"event", "document_received"},
                   {"doc", d.toString(QUuid::WithoutBraces)},
                   {"name", name},
                   {"mime", mime},
                   {"size", double(data.size())},
                   {"sha256",
                    QString::fromLatin1(
                        QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex())}});
        });
    connect(s, &CallSession::documentFailed, this,
            [this](const QUuid &d, const QString &reason, bool incoming) {
                m_documentFailed = m_documentFailed || !incoming;
                m_documentPending = false;
                print({{"event", "document_failed"},
                       {"doc", d.toString(QUuid::WithoutBraces)},
                       {"reason", reason},
                       {"incoming", incoming}});
            });
    connect(s, &CallSession::errorOccurred, this, [this](const QString &m) {
        print({{"event", "error"}, {"message", m}});
    });
    connect(s, &CallSession::ended, this, [this](const QString &reason) {
        if (reason == QLatin1String("failed"))
            finish(CallFailed);
    });
}

void Peer::afterConnected()
{
    if (m_options.durationS <= 0)
        return;
    QTimer::singleShot(m_options.durationS * 1000, this, [this] {
        // Give a document in flight a little longer before hanging up on it.
        auto deadline = std::make_shared<int>(20);
        auto *poll = new QTimer(this);
        connect(poll, &QTimer::timeout, this, [this, poll, deadline] {
            if (m_documentPending && --*deadline > 0)
                return;
            poll->deleteLater();
            if (m_documentPending)
                m_documentFailed = true;
            sendSignal({{"type", "hangup"}, {"call", m_call}, {"reason", "done"}});
            if (m_session)
                m_session->hangUp();
            if (m_client) {
                // The hub's `ended` confirms the hangup reached it (exiting at once could lose
                // it); its handler finishes. Without an answer, give up after a while.
                QTimer::singleShot(5000, this, [this] {
                    if (m_finished)
                        return;
                    print({{"event", "ended"}, {"by", "self"}, {"confirmed", false}});
                    finish(CallFailed);
                });
                return;
            }
            print({{"event", "ended"}, {"by", "self"}});
            finish(m_documentFailed ? CallFailed : Done);
        });
        poll->start(500);
    });
}

void Peer::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    print({{"event", "exit"}, {"code", code}});
    emit finished(code);
}

} // namespace relais::media
